"""Word lists for search: Flemish and common variants, a compound vocabulary, stop words.

Plain words, not stems: solidair.exchange.search stems both sides when it loads them.
"""

from __future__ import annotations

# variant → canonical word. A search for either finds texts that use either.
SYNONYMS: dict[str, str] = {
    # bicycles
    "velo": "fiets",
    "rijwiel": "fiets",
    "bike": "fiets",
    "bicycle": "fiets",
    # household appliances and furniture
    "frigo": "koelkast",
    "ijskast": "koelkast",
    "koelkast": "koelkast",
    "fridge": "koelkast",
    "diepvries": "vriezer",
    "microgolf": "microgolfoven",
    "microgolfoven": "microgolfoven",
    "magnetron": "microgolfoven",
    "microwave": "microgolfoven",
    "zetel": "bank",
    "sofa": "bank",
    "canape": "bank",
    "couch": "bank",
    "kleerkast": "kast",
    "garderobe": "kast",
    "fornuis": "kookplaat",
    "stofzuiger": "stofzuiger",
    "vacuum": "stofzuiger",
    "wasmachine": "wasmachine",
    "wasmasjien": "wasmachine",
    "matras": "bed",
    "mattress": "bed",
    "bedje": "bed",
    "beddengoed": "lakens",
    "deken": "lakens",
    "dekbed": "lakens",
    # children
    "buggy": "kinderwagen",
    "wandelwagen": "kinderwagen",
    "poussette": "kinderwagen",
    "stroller": "kinderwagen",
    "pram": "kinderwagen",
    "luiers": "luier",
    "pampers": "luier",
    "pamper": "luier",
    "diaper": "luier",
    "speelgoed": "speelgoed",
    "toys": "speelgoed",
    "boekentas": "schooltas",
    "rugzak": "schooltas",
    "kinderstoel": "kinderstoel",
    "eetstoel": "kinderstoel",
    # electronics
    "laptop": "computer",
    "pc": "computer",
    "notebook": "computer",
    "gsm": "smartphone",
    "telefoon": "smartphone",
    "phone": "smartphone",
    "mobieltje": "smartphone",
    "tv": "televisie",
    "tablet": "tablet",
    "ipad": "tablet",
    # clothing
    "kleren": "kleding",
    "kledij": "kleding",
    "clothes": "kleding",
    "clothing": "kleding",
    "vest": "jas",
    "jacket": "jas",
    "coat": "jas",
    "frak": "jas",
    "schoenen": "schoen",
    "shoes": "schoen",
    "sloefen": "pantoffel",
    "pantoffels": "pantoffel",
    # food and hygiene
    "eten": "voeding",
    "food": "voeding",
    "voedsel": "voeding",
    "boterham": "brood",
    "zeep": "hygiene",
    "shampoo": "hygiene",
    "tandpasta": "hygiene",
    # volunteering
    "bijles": "huiswerkbegeleiding",
    "huiswerk": "huiswerkbegeleiding",
    "huiswerkhulp": "huiswerkbegeleiding",
    "homework": "huiswerkbegeleiding",
    "taalles": "taalcoaching",
    "taalcoach": "taalcoaching",
    "taalmaatje": "taalcoaching",
    "conversatie": "taalcoaching",
    "vervoer": "transport",
    "lift": "transport",
    "rijden": "transport",
    "chauffeur": "transport",
    "verhuis": "verhuizen",
    "verhuizing": "verhuizen",
    "klusjes": "klus",
    "klussen": "klus",
    "klusjesman": "klus",
    "papieren": "administratie",
    "paperassen": "administratie",
    "formulieren": "administratie",
    "paperwork": "administratie",
    "tolk": "tolken",
    "vertalen": "tolken",
    "vertaling": "tolken",
    "interpreter": "tolken",
    "oppas": "kinderopvang",
    "babysit": "kinderopvang",
    "babysitten": "kinderopvang",
    "childcare": "kinderopvang",
    "gezelschap": "bezoek",
    "babbel": "bezoek",
    "koken": "kook",
    "cooking": "kook",
}

# Words that may be the head or the modifier of a Dutch compound. "kinderfiets" is split
# into "kinder" + "fiets" because "fiets" is listed here, so a search for "fiets" finds it.
# Every SYNONYMS key and value is added to this list automatically.
COMPOUND_VOCABULARY: frozenset[str] = frozenset(
    {
        "fiets", "jas", "kast", "bed", "stoel", "tafel", "wagen", "kar", "bank", "lamp",
        "kleding", "schoen", "broek", "trui", "muts", "sjaal", "handschoen", "laars",
        "tas", "koffer", "boek", "speelgoed", "puzzel", "spel",
        "kinder", "kind", "baby", "peuter", "school", "winter", "zomer", "regen",
        "dames", "heren", "meisjes", "jongens", "kerst", "sport", "keuken", "bad",
        "slaap", "kook", "koel", "vries", "pan", "bord", "glas",
        "beker", "bestek", "mes", "vork", "lepel", "handdoek", "laken", "kussen",
        "gordijn", "tapijt", "spiegel", "plank", "lade", "commode", "box",
        "helm", "slot", "band", "zadel", "step", "skate", "rolstoel", "rollator",
        "computer", "scherm", "printer", "toetsenbord", "muis", "oplader", "kabel",
        "radio", "televisie", "koptelefoon", "voeding", "brood", "melk", "groente",
        "fruit", "pakket", "doos", "hulp", "les", "taal", "huiswerk", "begeleiding",
        "coaching", "vervoer", "transport", "opvang", "bezoek", "klus", "tuin",
        "verf", "gereedschap", "boor", "ladder", "machine", "oven", "plaat",
    }
)  # fmt: skip

# Too common to help a search; dropped from documents and queries alike so that "een fiets"
# finds a text that says "fiets te geef".
STOP_WORDS: frozenset[str] = frozenset(
    {
        "de", "het", "een", "en", "of", "van", "in", "op", "aan", "te", "voor", "met",
        "is", "zijn", "ik", "je", "jij", "u", "we", "wij", "ze", "zij", "hij", "die",
        "dat", "dit", "deze", "er", "om", "bij", "naar", "uit", "tot", "als", "maar",
        "ook", "nog", "al", "wel", "niet", "geen", "wordt", "worden", "heb", "heeft",
        "hebben", "kan", "kunnen", "mijn", "onze", "ons", "uw", "hun", "wat", "wie",
        "the", "a", "an", "and", "or", "to", "for", "with", "on", "at", "by",
        "from", "i", "my", "our", "you", "are",
    }
)  # fmt: skip
