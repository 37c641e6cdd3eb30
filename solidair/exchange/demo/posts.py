"""The demo requests and offers: who posts what, where, in which language, for whom.

Titles and bodies are written for the demo (fictional people, plausible situations in Ghent).
A post is identified by its title and author, so changing a title here adds a new post on
the next seed instead of renaming the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from solidair.exchange.models import Post

Outcome = Literal["open", "closed", "fulfilled", "partly"]


@dataclass(frozen=True)
class DemoPost:
    key: str  # how conversations refer to the post; not stored
    author: str  # a key of ctx.people
    kind: str
    nature: str
    category: str
    neighbourhood: str
    title: str
    body: str
    organisation: str | None = None  # a key of ctx.organisations: posted on its behalf
    quantity: int | None = None
    languages: tuple[str, ...] = ("nl",)
    target_groups: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    time_commitment: str = ""
    hours: int | None = None
    period: tuple[int, int] | None = None  # (from, until) in days after the seeding day
    days_ago: int = 7  # published this many days before the seeding day
    # What became of it: "partly" gives away half of the quantity (the post stays open).
    outcome: Outcome = "open"

    def data(self, today: date) -> dict[str, Any]:
        """The `data` mapping for services.create_post."""
        starts_on = ends_on = None
        if self.period is not None:
            starts_on = today + timedelta(days=self.period[0])
            ends_on = today + timedelta(days=self.period[1])
        return {
            "kind": self.kind,
            "nature": self.nature,
            "category": self.category,
            "title": self.title,
            "body": self.body,
            "neighbourhood": self.neighbourhood,
            "quantity": self.quantity,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "languages": list(self.languages),
            "target_groups": list(self.target_groups),
            "skills": list(self.skills),
            "time_commitment": self.time_commitment,
            "hours": self.hours,
        }


REQUEST, OFFER = Post.Kind.REQUEST.value, Post.Kind.OFFER.value
GOODS, HELP = Post.Nature.GOODS.value, Post.Nature.VOLUNTEERING.value
ONCE, RECURRING = Post.TimeCommitment.ONCE.value, Post.TimeCommitment.RECURRING.value


# --- goods asked -------------------------------------------------------------------------------

GOODS_REQUESTS: list[DemoPost] = [
    DemoPost(
        key="kinderfiets",
        author="selam",
        kind=REQUEST,
        nature=GOODS,
        category="bicycles",
        neighbourhood="muide-meulestede-afrikalaan",
        title="Kinderfiets 20 inch gezocht voor zoon van 7",
        body=(
            "Mijn zoon Yonas is 7 en wil graag met zijn klasgenoten mee fietsen naar het "
            "park. Zijn oude fietsje is veel te klein geworden.\n\n"
            "- Wielmaat **20 inch**\n"
            "- Mag gebruikt zijn, een klein defect herstellen we zelf\n"
            "- Een helm erbij zou fantastisch zijn\n\n"
            "Ik kan de fiets ophalen in de buurt van de Muide of Dampoort. Dank je wel!"
        ),
        quantity=1,
        languages=("ti", "en", "nl"),
        target_groups=("families", "refugees"),
        days_ago=30,
        outcome="fulfilled",
    ),
    DemoPost(
        key="jassen-kledingbank",
        author="hilde",
        organisation="kledingbank-de-warme-jas",
        kind=REQUEST,
        nature=GOODS,
        category="clothing",
        neighbourhood="dampoort",
        title="Warme winterjassen voor volwassenen gezocht",
        body=(
            "Met de koude dagen in aantocht is onze voorraad winterjassen voor volwassenen "
            "bijna op. Vooral **herenjassen in maat M tot XXL** zijn nodig.\n\n"
            "Breng ze binnen tijdens de openingsuren van De Warme Jas of bij een van onze "
            "inzamelpunten in de buurtcentra. Graag proper en zonder kapotte rits."
        ),
        quantity=30,
        languages=("nl", "fr", "en"),
        target_groups=("homeless", "poverty", "refugees"),
        period=(0, 75),
        days_ago=12,
    ),
    DemoPost(
        key="bedden",
        author="nathalie",
        organisation="vluchtelingenhulp-gent-noord",
        kind=REQUEST,
        nature=GOODS,
        category="furniture",
        neighbourhood="muide-meulestede-afrikalaan",
        title="Bedden en matrassen voor gezin dat een eerste woning krijgt",
        body=(
            "Een Eritrees gezin (ouders en drie kinderen) krijgt volgende maand de sleutels "
            "van een sociale woning. Ze hebben nog geen enkel meubel.\n\n"
            "We zoeken:\n\n"
            "1. een tweepersoonsbed met matras\n"
            "2. twee eenpersoonsbedden (of een stapelbed)\n\n"
            "Matrassen graag proper en zonder vlekken. Ophalen kan met onze vrijwilligers."
        ),
        quantity=3,
        languages=("nl", "ti", "en"),
        target_groups=("refugees", "families"),
        period=(10, 40),
        days_ago=9,
    ),
    DemoPost(
        key="kinderwagens",
        author="aisha",
        organisation="babywinkeltje-ledeberg",
        kind=REQUEST,
        nature=GOODS,
        category="baby-and-children",
        neighbourhood="ledeberg",
        title="Kinderwagens en autostoeltjes voor onze uitleendienst",
        body=(
            "Jonge ouders kunnen bij ons een kinderwagen of autostoeltje lenen zolang ze "
            "het nodig hebben. De vraag is groot, de voorraad klein.\n\n"
            "Autostoeltjes nemen we enkel aan als ze **nooit in een ongeval** betrokken "
            "waren en niet ouder zijn dan tien jaar."
        ),
        quantity=5,
        languages=("nl", "so", "ar"),
        target_groups=("families", "poverty"),
        days_ago=21,
    ),
    DemoPost(
        key="schoolboeken",
        author="olena",
        kind=REQUEST,
        nature=GOODS,
        category="school-supplies",
        neighbourhood="sint-denijs-westrem-afsnee",
        title="Rekenmachine en atlas gezocht voor dochter in het eerste middelbaar",
        body=(
            "Mijn dochter begon dit schooljaar in het eerste middelbaar. De school vraagt een "
            "**wetenschappelijke rekenmachine** (Casio fx-82 of gelijkaardig) en een "
            "schoolatlas. Nieuw is voor ons te duur.\n\n"
            "Ik spreek Oekraïens, Russisch en Engels; mijn Nederlands wordt elke week beter."
        ),
        quantity=2,
        languages=("uk", "ru", "en"),
        target_groups=("refugees", "youth"),
        days_ago=18,
    ),
    DemoPost(
        key="laptops-rabot",
        author="demo",
        organisation="buurtwerk-rabot",
        kind=REQUEST,
        nature=GOODS,
        category="electronics",
        neighbourhood="rabot-blaisantvest",
        title="Tweedehands laptops gezocht voor de huiswerkhoek",
        body=(
            "In onze buurtruimte maken kinderen uit de torens hun huiswerk. Steeds meer "
            "taken moeten online, en thuis is er vaak maar één gsm voor het hele gezin.\n\n"
            "Heb je een laptop die nog werkt (Windows 10 of nieuwer, of een Chromebook)? We "
            "wissen hem volledig voor we hem gebruiken."
        ),
        quantity=2,
        languages=("nl", "ar", "tr"),
        target_groups=("youth", "families"),
        days_ago=8,
    ),
    DemoPost(
        key="luiers",
        author="bart",
        organisation="voedselpunt-brugse-poort",
        kind=REQUEST,
        nature=GOODS,
        category="hygiene",
        neighbourhood="brugse-poort-rooigem",
        title="Luiers maat 3 en 4 voor onze babypakketten",
        body=(
            "Elke maand stellen we babypakketten samen voor jonge gezinnen. Luiers zijn "
            "altijd het eerste dat op is.\n\n"
            "Aangebroken pakken zijn ook welkom. Babyshampoo en vochtige doekjes nemen we "
            "graag mee."
        ),
        quantity=50,
        languages=("nl",),
        target_groups=("families", "poverty"),
        days_ago=4,
    ),
    DemoPost(
        key="keukengerief",
        author="zahra",
        kind=REQUEST,
        nature=GOODS,
        category="household",
        neighbourhood="nieuw-gent-uz",
        title="Potten, pannen en borden voor mijn eerste appartement",
        body=(
            "Na twee jaar in een opvangcentrum heb ik eindelijk een eigen studio in Nieuw "
            "Gent. Ik kook heel graag, maar ik heb nog bijna niets.\n\n"
            "- een paar kookpotten en een pan\n"
            "- borden, glazen en bestek voor vier personen\n"
            "- een snijplank en goede messen"
        ),
        languages=("fa", "en", "nl"),
        target_groups=("refugees",),
        days_ago=15,
    ),
    DemoPost(
        key="wasmachine",
        author="emine",
        kind=REQUEST,
        nature=GOODS,
        category="household",
        neighbourhood="dampoort",
        title="Wasmachine gezocht, mag een ouder model zijn",
        body=(
            "Wij zijn met vijf thuis en wassen nu alles in de wasserette. Dat kost veel geld.\n\n"
            "Een oude wasmachine die nog werkt is voor ons een grote hulp. Mijn buurman "
            "kan helpen met het transport."
        ),
        quantity=1,
        languages=("bg", "tr"),
        target_groups=("families", "poverty"),
        days_ago=6,
    ),
    DemoPost(
        key="speelgoed-speelplein",
        author="tom",
        organisation="speelpleinwerking-de-speelvogel",
        kind=REQUEST,
        nature=GOODS,
        category="other-goods",
        neighbourhood="bloemekenswijk",
        title="Ballen, springtouwen en gezelschapsspelen voor het speelplein",
        body=(
            "Ons speelmateriaal heeft een zware zomer achter de rug. Voor de "
            "vakantiewerking zoeken we:\n\n"
            "- voetballen en basketballen\n"
            "- springtouwen, krijt, frisbees\n"
            "- gezelschapsspelen die compleet zijn (voor regendagen!)"
        ),
        quantity=20,
        languages=("nl",),
        target_groups=("youth", "families"),
        days_ago=26,
    ),
    DemoPost(
        key="groenten-restaurant",
        author="selam",
        organisation="kookatelier-smaakmakers",
        kind=REQUEST,
        nature=GOODS,
        category="food",
        neighbourhood="wondelgem",
        title="Verse groenten voor het buurtrestaurant op vrijdag",
        body=(
            "Elke vrijdag koken we voor zo'n veertig buren, die betalen wat ze kunnen. "
            "Heb je een moestuin met overschotten, of werk je in een winkel die groenten "
            "weggooit? Wij maken er soep en stoofpotjes van.\n\n"
            "Afgeven kan op donderdag tussen 14 en 18 uur."
        ),
        languages=("nl", "ti", "en"),
        target_groups=("isolated", "poverty"),
        days_ago=3,
    ),
    DemoPost(
        key="slaapzakken",
        author="samir",
        organisation="nachtopvang-het-warme-nest",
        kind=REQUEST,
        nature=GOODS,
        category="other-goods",
        neighbourhood="stationsbuurt-noord",
        title="Slaapzakken en dekens voor wie buiten slaapt",
        body=(
            "Niet iedereen vindt een plaats in de nachtopvang. Onze straathoekwerkers delen "
            "slaapzakken en dekens uit aan wie buiten moet slapen.\n\n"
            "**Winterslaapzakken** (comfort tot 0 °C of lager) zijn het meest nodig."
        ),
        quantity=40,
        languages=("nl", "fr", "ar"),
        target_groups=("homeless",),
        period=(0, 120),
        days_ago=11,
    ),
    DemoPost(
        key="boekentassen",
        author="ionut",
        organisation="schoolmateriaalbank-rugzak",
        kind=REQUEST,
        nature=GOODS,
        category="school-supplies",
        neighbourhood="oud-gentbrugge",
        title="Pennenzakken, schriften en boekentassen voor de uitdeeldag",
        body=(
            "We verzamelen nu al voor de volgende uitdeeldag. Alles wat een kind van de "
            "lagere school nodig heeft is welkom: pennenzakken, kleurpotloden, lijm, "
            "schriften en stevige boekentassen.\n\n"
            "Graag nieuw of als nieuw."
        ),
        quantity=60,
        target_groups=("youth", "families"),
        days_ago=33,
    ),
    DemoPost(
        key="smartphone",
        author="mohammed",
        kind=REQUEST,
        nature=GOODS,
        category="electronics",
        neighbourhood="rabot-blaisantvest",
        title="Smartphone gezocht om itsme te kunnen gebruiken",
        body=(
            "My phone is broken and without a smartphone I cannot use itsme for the bank, "
            "the mutualiteit and the city. An older Android phone that still gets updates is "
            "enough.\n\n"
            "Mijn telefoon is kapot. Een oudere Android-gsm is genoeg. Bedankt!"
        ),
        quantity=1,
        languages=("ar", "en"),
        target_groups=("refugees", "poverty"),
        days_ago=10,
    ),
    DemoPost(
        key="kleerkast",
        author="amanuel",
        kind=REQUEST,
        nature=GOODS,
        category="furniture",
        neighbourhood="muide-meulestede-afrikalaan",
        title="Kleerkast of open kledingrek gezocht",
        body=(
            "Ik woon op een klein appartement en mijn kleren liggen nog in dozen. Een "
            "smalle kast of een kledingrek zou veel helpen. Ik kan zelf ophalen met de "
            "bakfiets van het fietsatelier."
        ),
        quantity=1,
        languages=("ti", "en", "nl"),
        target_groups=("refugees",),
        days_ago=38,
        outcome="closed",
    ),
    DemoPost(
        key="damesfiets",
        author="rania",
        kind=REQUEST,
        nature=GOODS,
        category="bicycles",
        neighbourhood="bloemekenswijk",
        title="Damesfiets gezocht om naar de taalles te rijden",
        body=(
            "Ik volg vier ochtenden per week Nederlands in het centrum. Met de tram duurt "
            "het lang en een abonnement is duur. Een eenvoudige damesfiets met licht en "
            "een goed slot zou mijn leven makkelijker maken."
        ),
        quantity=1,
        languages=("ar", "fr", "en"),
        target_groups=("refugees",),
        days_ago=2,
    ),
]


# --- goods offered -----------------------------------------------------------------------------

GOODS_OFFERS: list[DemoPost] = [
    DemoPost(
        key="frigo",
        author="demo",
        kind=OFFER,
        nature=GOODS,
        category="household",
        neighbourhood="rabot-blaisantvest",
        title="Frigo in goede staat te geef",
        body=(
            "We kregen een nieuwe keuken en onze oude frigo moet weg. Hij koelt nog prima.\n\n"
            "- Merk Bosch, ongeveer 10 jaar oud\n"
            "- 140 cm hoog, met een klein vriesvak\n"
            "- Proper en ontdooid\n\n"
            "Af te halen in Rabot, liefst met twee personen: er is geen lift."
        ),
        quantity=1,
        languages=("nl", "en", "fr"),
        target_groups=("families", "poverty"),
        days_ago=5,
    ),
    DemoPost(
        key="winterjassen",
        author="sofie",
        kind=OFFER,
        nature=GOODS,
        category="clothing",
        neighbourhood="sint-amandsberg",
        title="Winterjassen maat 110-128 af te halen",
        body=(
            "Onze drie kinderen zijn alweer gegroeid. Ik heb **zes winterjassen** in maat "
            "110 tot 128, allemaal gewassen en met werkende ritsen.\n\n"
            "Ophalen in Sint-Amandsberg, vlak bij het Heilig Hartplein. Verdelen over "
            "verschillende gezinnen mag natuurlijk ook."
        ),
        quantity=6,
        languages=("nl", "en"),
        target_groups=("families", "poverty"),
        days_ago=20,
        outcome="partly",
    ),
    DemoPost(
        key="zetel",
        author="koen",
        kind=OFFER,
        nature=GOODS,
        category="furniture",
        neighbourhood="ledeberg",
        title="Driezit in grijze stof, gratis op te halen",
        body=(
            "Comfortabele zetel, drie zitplaatsen, grijze stof. Een paar gebruikssporen, "
            "geen scheuren. Wij verhuizen en hij past niet in het nieuwe appartement.\n\n"
            "Ik kan hem met mijn bestelwagen brengen binnen Gent."
        ),
        quantity=1,
        languages=("nl", "fr"),
        days_ago=7,
    ),
    DemoPost(
        key="babykleding",
        author="katarzyna",
        kind=OFFER,
        nature=GOODS,
        category="baby-and-children",
        neighbourhood="oud-gentbrugge",
        title="Twee dozen babykleding 0-12 maanden",
        body=(
            "Rompertjes, pyjama's, truitjes en mutsjes, voor jongens en meisjes. Alles "
            "gewassen en per maat gesorteerd. Ideaal voor een gezin dat een baby verwacht."
        ),
        quantity=2,
        languages=("pl", "en", "nl"),
        target_groups=("families",),
        days_ago=14,
    ),
    DemoPost(
        key="fietsen-atelier",
        author="wim",
        organisation="fietsatelier-op-wielen",
        kind=OFFER,
        nature=GOODS,
        category="bicycles",
        neighbourhood="gentbrugge",
        title="Opgeknapte fietsen voor nieuwkomers en studenten",
        body=(
            "Onze vrijwilligers knappen gedoneerde fietsen volledig op: nieuwe remblokjes, "
            "lichten, een goed slot. Voor nieuwkomers en studenten met een klein budget "
            "vragen we een symbolische bijdrage van **10 euro**.\n\n"
            "Kom langs op zaterdag in het atelier. We spreken ook Engels, Tigrinya en "
            "Oekraïens."
        ),
        quantity=8,
        languages=("nl", "en", "ti", "uk"),
        target_groups=("refugees", "poverty", "youth"),
        days_ago=24,
    ),
    DemoPost(
        key="laptops-digipunt",
        author="pieter",
        organisation="digipunt-nieuw-gent",
        kind=OFFER,
        nature=GOODS,
        category="electronics",
        neighbourhood="nieuw-gent-uz",
        title="Tweedehands laptops voor gezinnen met schoolgaande kinderen",
        body=(
            "Bedrijven schonken ons een partij laptops. We installeerden ze opnieuw met "
            "Linux Mint en LibreOffice, klaar voor schoolwerk.\n\n"
            "Voorrang voor gezinnen met een doorverwijzing van de school of het OCMW. Bij "
            "het ophalen tonen we hoe alles werkt."
        ),
        quantity=5,
        languages=("nl", "uk", "fa"),
        target_groups=("families", "poverty", "youth"),
        days_ago=17,
    ),
    DemoPost(
        key="moestuin",
        author="lieve",
        kind=OFFER,
        nature=GOODS,
        category="food",
        neighbourhood="kanaaldorpen-en-zone",
        title="Courgettes, prei en pompoenen uit mijn moestuin",
        body=(
            "Mijn moestuin geeft dit jaar meer dan ik op kan. Liever dan het te laten "
            "rotten, geef ik het aan wie er iets lekkers mee maakt. Buurtrestaurants en "
            "voedselbedelingen zijn heel welkom."
        ),
        quantity=15,
        languages=("nl",),
        target_groups=("poverty", "isolated"),
        period=(0, 21),
        days_ago=13,
    ),
    DemoPost(
        key="eettafel",
        author="griet",
        kind=OFFER,
        nature=GOODS,
        category="furniture",
        neighbourhood="mariakerke",
        title="Eiken eettafel met zes stoelen",
        body=(
            "Stevige eiken tafel (180 x 90 cm) met zes bijpassende stoelen. Te zwaar voor "
            "mijn nieuwe appartement. Ophalen in Mariakerke; de tafel kan uit elkaar."
        ),
        quantity=1,
        days_ago=36,
        outcome="fulfilled",
    ),
    DemoPost(
        key="kinderboeken",
        author="rachid",
        kind=OFFER,
        nature=GOODS,
        category="other-goods",
        neighbourhood="sluizeken-tolhuis-ham",
        title="Kinderboeken in het Nederlands en het Arabisch",
        body=(
            "Een doos vol prentenboeken en eerste leesboekjes, deels tweetalig "
            "Nederlands-Arabisch. Mooi voor een huiswerkklas, een leeshoek of een gezin "
            "dat thuis twee talen spreekt."
        ),
        quantity=40,
        languages=("nl", "ar"),
        target_groups=("youth", "families", "refugees"),
        days_ago=22,
    ),
    DemoPost(
        key="mutsen",
        author="hilde",
        kind=OFFER,
        nature=GOODS,
        category="clothing",
        neighbourhood="oostakker",
        title="Zelfgebreide mutsen en sjaals voor wie het koud heeft",
        body=(
            "Onze breiclub van het Vergeet-mij-nietje heeft de hele herfst gebreid. "
            "Wollen mutsen en sjaals in alle kleuren, voor volwassenen en kinderen.\n\n"
            "Organisaties die uitdelen aan dak- en thuislozen krijgen voorrang."
        ),
        quantity=25,
        target_groups=("homeless", "poverty"),
        days_ago=16,
    ),
    DemoPost(
        key="hygienepakketten",
        author="lieve",
        organisation="voedselpunt-brugse-poort",
        kind=OFFER,
        nature=GOODS,
        category="hygiene",
        neighbourhood="brugse-poort-rooigem",
        title="Hygiënepakketten voor organisaties en straathoekwerkers",
        body=(
            "Dankzij een actie van een Gentse school hebben we meer hygiënepakketten dan "
            "we zelf kunnen verdelen: zeep, tandpasta, tandenborstel, maandverband en "
            "deodorant.\n\n"
            "Organisaties kunnen een doos van tien pakketten ophalen."
        ),
        quantity=30,
        target_groups=("homeless", "poverty"),
        days_ago=9,
    ),
    DemoPost(
        key="gsms-repair",
        author="ahmad",
        organisation="repair-cafe-dampoort",
        kind=OFFER,
        nature=GOODS,
        category="electronics",
        neighbourhood="dampoort",
        title="Herstelde gsm's voor nieuwkomers",
        body=(
            "In het Repair Café herstelden we een reeks gedoneerde smartphones. Ze zijn "
            "volledig gewist en teruggezet naar de fabrieksinstellingen.\n\n"
            "We helpen ook om itsme en de app van je bank te installeren."
        ),
        quantity=4,
        languages=("nl", "fa", "ps", "en"),
        target_groups=("refugees", "poverty"),
        days_ago=19,
    ),
    DemoPost(
        key="microgolf",
        author="jef",
        kind=OFFER,
        nature=GOODS,
        category="household",
        neighbourhood="drongen",
        title="Microgolfoven en waterkoker, werken perfect",
        body="Dubbel na het samenwonen. Allebei proper en in orde. Af te halen in Drongen.",
        quantity=2,
        days_ago=40,
        outcome="closed",
    ),
    DemoPost(
        key="brooddozen",
        author="marieke",
        kind=OFFER,
        nature=GOODS,
        category="school-supplies",
        neighbourhood="elisabethbegijnhof-prinsenhof-papegaai-sint-michiels",
        title="Nieuwe brooddozen en drinkflessen voor de schoolstart",
        body=(
            "Van een bedrijfsevenement bleven tien nieuwe brooddozen en drinkflessen over. "
            "Ideaal voor een schoolmateriaalbank of een gezin met kinderen in de lagere "
            "school."
        ),
        quantity=10,
        target_groups=("youth", "families"),
        days_ago=27,
    ),
    DemoPost(
        key="kinderfiets-16",
        author="dmytro",
        kind=OFFER,
        nature=GOODS,
        category="bicycles",
        neighbourhood="zwijnaarde",
        title="Kinderfiets 16 inch met zijwieltjes",
        body=(
            "Onze dochter fietst nu op een grotere fiets. Deze blauwe velo van 16 inch is "
            "in goede staat; de zijwieltjes kun je er afhalen. Ophalen in Zwijnaarde.\n\n"
            "I speak Ukrainian, Russian and English, and a bit of Dutch."
        ),
        quantity=1,
        languages=("uk", "ru", "en"),
        target_groups=("families",),
        days_ago=1,
    ),
]


# --- help asked --------------------------------------------------------------------------------

HELP_REQUESTS: list[DemoPost] = [
    DemoPost(
        key="taalcoach",
        author="marieke",
        organisation="taalcafe-babbelonie",
        kind=REQUEST,
        nature=HELP,
        category="language-coaching",
        neighbourhood="binnenstad",
        title="Taalcoach gezocht voor Syrische mama (Arabisch is een plus)",
        body=(
            "Noor woont twee jaar in Gent en heeft drie jonge kinderen. Ze wil graag "
            "Nederlands oefenen om met de juf en de huisarts te kunnen praten, maar een "
            "cursus in de week past niet met de kinderen.\n\n"
            "We zoeken iemand die **één keer per week een uurtje** bij haar thuis of in de "
            "bibliotheek komt praten. Geen leraar nodig: geduld en goesting volstaan. "
            "Een beetje Arabisch helpt in het begin, maar is geen voorwaarde."
        ),
        languages=("nl", "ar"),
        target_groups=("refugees", "families"),
        skills=("Nederlands", "geduld"),
        time_commitment=RECURRING,
        hours=1,
        days_ago=25,
    ),
    DemoPost(
        key="ziekenhuisritten",
        author="hilde",
        organisation="seniorenvereniging-vergeet-mij-nietje",
        kind=REQUEST,
        nature=HELP,
        category="transport",
        neighbourhood="sint-amandsberg",
        title="Vrijwilliger met auto voor ritten naar het ziekenhuis",
        body=(
            "Enkele leden moeten regelmatig naar het AZ Sint-Lucas of het UZ voor "
            "controles. Ze hebben geen auto en de bus is voor hen te zwaar.\n\n"
            "- Je rijdt op weekdagen, meestal in de voormiddag\n"
            "- Je krijgt een kilometervergoeding en bent verzekerd via de vereniging\n"
            "- Een paar ritten per maand is al een grote hulp"
        ),
        target_groups=("elderly", "isolated"),
        skills=("rijbewijs B", "eigen auto"),
        time_commitment=RECURRING,
        hours=3,
        days_ago=19,
    ),
    DemoPost(
        key="brieven-huisbaas",
        author="emine",
        kind=REQUEST,
        nature=HELP,
        category="paperwork",
        neighbourhood="dampoort",
        title="Hulp gezocht met brieven van de huisbaas en de mutualiteit",
        body=(
            "Ik krijg veel brieven die ik niet goed begrijp: van de huisbaas, de "
            "mutualiteit en de school van mijn kinderen. Ik zoek iemand die ze samen met "
            "mij leest en uitlegt wat ik moet doen.\n\n"
            "Ik spreek Bulgaars en Turks, en een beetje Nederlands."
        ),
        languages=("bg", "tr", "nl"),
        target_groups=("poverty", "families"),
        time_commitment=ONCE,
        hours=2,
        days_ago=12,
    ),
    DemoPost(
        key="huiswerkbegeleiders",
        author="annelies",
        organisation="huiswerkklas-de-sleutel",
        kind=REQUEST,
        nature=HELP,
        category="homework-help",
        neighbourhood="sluizeken-tolhuis-ham",
        title="Huiswerkbegeleiders gezocht voor maandag en donderdag",
        body=(
            "Na school komen zo'n twintig kinderen van de lagere school naar De Sleutel. "
            "We zoeken begeleiders die helpen met lezen, rekenen en Frans.\n\n"
            "Je hoeft geen leerkracht te zijn. Je komt **één namiddag per week** van "
            "15.30 tot 17.30 uur, het hele schooljaar."
        ),
        target_groups=("youth", "refugees"),
        skills=("geduld", "rekenen", "lezen"),
        time_commitment=RECURRING,
        hours=2,
        period=(0, 200),
        days_ago=34,
    ),
    DemoPost(
        key="buurtsoep",
        author="koen",
        organisation="buurtwerk-rabot",
        kind=REQUEST,
        nature=HELP,
        category="cooking",
        neighbourhood="rabot-blaisantvest",
        title="Soepkoks gezocht voor de buurtsoep op woensdag",
        body=(
            "Elke woensdag schept Buurtwerk Rabot verse soep voor iedereen die langskomt. "
            "Het is een vast ontmoetingsmoment voor de buurt.\n\n"
            "We zoeken mensen die mee groenten snijden en koken van **9 tot 12 uur**. Eén "
            "keer per maand meehelpen is ook goed."
        ),
        languages=("nl", "ar", "tr"),
        target_groups=("isolated", "poverty"),
        skills=("koken",),
        time_commitment=RECURRING,
        hours=3,
        days_ago=10,
    ),
    DemoPost(
        key="verhuis",
        author="nathalie",
        organisation="vluchtelingenhulp-gent-noord",
        kind=REQUEST,
        nature=HELP,
        category="odd-jobs",
        neighbourhood="muide-meulestede-afrikalaan",
        title="Helpende handen voor een verhuis naar een sociale woning",
        body=(
            "Een Afghaanse familie verhuist van de opvang naar een sociale woning in de "
            "Muide. Er moeten meubels naar de derde verdieping (er is een lift) en kasten "
            "in elkaar gezet worden.\n\n"
            "We zoeken **vier sterke armen** voor een zaterdagvoormiddag."
        ),
        languages=("nl", "fa", "ps"),
        target_groups=("refugees", "families"),
        skills=("sterke armen", "meubels monteren"),
        time_commitment=ONCE,
        hours=4,
        period=(9, 9),
        days_ago=6,
    ),
    DemoPost(
        key="tolk-tigrinya",
        author="lotte",
        organisation="huiswerkklas-de-sleutel",
        kind=REQUEST,
        nature=HELP,
        category="interpreting",
        neighbourhood="sluizeken-tolhuis-ham",
        title="Tolk Tigrinya gezocht voor een oudercontact",
        body=(
            "Twee Eritrese ouders willen graag naar het oudercontact van hun zoon, maar "
            "spreken nog weinig Nederlands. Wie wil een avond mee als tolk?\n\n"
            "Het gesprek duurt ongeveer een halfuur, op school in de buurt van het "
            "Sluizeken."
        ),
        languages=("ti", "nl"),
        target_groups=("refugees", "families"),
        skills=("Tigrinya",),
        time_commitment=ONCE,
        hours=1,
        period=(14, 14),
        days_ago=4,
    ),
    DemoPost(
        key="taalmaatje",
        author="zahra",
        kind=REQUEST,
        nature=HELP,
        category="language-coaching",
        neighbourhood="nieuw-gent-uz",
        title="Taalmaatje gezocht om samen Nederlands te praten",
        body=(
            "Ik volg les Nederlands (niveau 2), maar buiten de klas praat ik bijna nooit "
            "Nederlands. Ik zoek iemand om samen koffie te drinken of te wandelen en gewoon "
            "te babbelen. Ik kook graag Perzisch voor je als dank!"
        ),
        languages=("fa", "en", "nl"),
        target_groups=("refugees", "isolated"),
        time_commitment=RECURRING,
        hours=1,
        days_ago=29,
    ),
    DemoPost(
        key="buurvrouw",
        author="griet",
        kind=REQUEST,
        nature=HELP,
        category="companionship",
        neighbourhood="mariakerke",
        title="Gezelschap gezocht voor mijn buurvrouw van 84",
        body=(
            "Mijn buurvrouw Maria is 84 en woont alleen. Haar kinderen wonen ver en ze "
            "komt haar huis bijna niet meer uit. Ze houdt van kaarten, koffie met een "
            "koekje en verhalen over vroeger.\n\n"
            "Wie wil haar af en toe een bezoekje brengen? Ik stel je graag aan haar voor."
        ),
        target_groups=("elderly", "isolated"),
        time_commitment=RECURRING,
        hours=2,
        days_ago=23,
    ),
    DemoPost(
        key="monitoren",
        author="tom",
        organisation="speelpleinwerking-de-speelvogel",
        kind=REQUEST,
        nature=HELP,
        category="childcare",
        neighbourhood="bloemekenswijk",
        title="Monitoren gezocht voor het speelplein in de schoolvakanties",
        body=(
            "Ben je minstens 16, speel je graag buiten en kun je tegen een stootje? Word "
            "monitor op De Speelvogel! We zorgen voor een animatorcursus en een "
            "vrijwilligersvergoeding."
        ),
        languages=("nl", "en"),
        target_groups=("youth",),
        skills=("spelletjes", "EHBO"),
        time_commitment=RECURRING,
        hours=8,
        period=(30, 45),
        days_ago=31,
    ),
    DemoPost(
        key="woning-zoeken",
        author="ahmad",
        kind=REQUEST,
        nature=HELP,
        category="other-help",
        neighbourhood="brugse-poort-rooigem",
        title="Hulp gezocht bij het zoeken naar een huurwoning",
        body=(
            "Ik zoek al maanden een appartement voor mijn vrouw en mij. Vaak krijg ik geen "
            "antwoord als ik bel. Wie wil mee zoeken op de websites, een mail schrijven of "
            "mee gaan naar een bezichtiging?"
        ),
        languages=("fa", "ps", "en"),
        target_groups=("refugees",),
        time_commitment=RECURRING,
        hours=2,
        days_ago=8,
    ),
    DemoPost(
        key="avondploeg",
        author="samir",
        organisation="nachtopvang-het-warme-nest",
        kind=REQUEST,
        nature=HELP,
        category="other-help",
        neighbourhood="stationsbuurt-noord",
        title="Vrijwilligers voor de avondploeg van de nachtopvang",
        body=(
            "Van 18 tot 22 uur ontvangen we onze gasten: soep opscheppen, bedden "
            "klaarleggen, een praatje maken. Samen met een vaste medewerker, dus je staat "
            "er nooit alleen voor.\n\n"
            "We vragen één avond per week of om de twee weken, de hele winter."
        ),
        languages=("nl", "fr", "ar"),
        target_groups=("homeless",),
        time_commitment=RECURRING,
        hours=4,
        period=(0, 120),
        days_ago=15,
    ),
    DemoPost(
        key="kast-monteren",
        author="olena",
        kind=REQUEST,
        nature=HELP,
        category="odd-jobs",
        neighbourhood="sint-denijs-westrem-afsnee",
        title="Klusjesman gezocht: kast monteren en lampen ophangen",
        body=(
            "We kregen een kast van IKEA maar hebben geen gereedschap en weinig ervaring. "
            "Er moeten ook twee lampen aan het plafond. Voor iemand met ervaring is het "
            "werk van een uurtje of twee."
        ),
        languages=("uk", "en"),
        target_groups=("refugees", "families"),
        skills=("klussen", "elektriciteit"),
        time_commitment=ONCE,
        hours=2,
        days_ago=11,
    ),
    DemoPost(
        key="buddy-wandelen",
        author="katarzyna",
        organisation="buddywerking-samen-sterk",
        kind=REQUEST,
        nature=HELP,
        category="companionship",
        neighbourhood="macharius-heirnis",
        title="Buddy gezocht voor een wandeling op zondag",
        body=(
            "Een van onze deelnemers, een vijftiger die na een depressie weer voorzichtig "
            "naar buiten komt, zoekt een buddy om op zondag samen te wandelen langs de "
            "Watersportbaan of in het Citadelpark.\n\n"
            "Je volgt eerst een korte vorming van twee uur."
        ),
        target_groups=("isolated", "disability"),
        skills=("luisteren",),
        time_commitment=RECURRING,
        hours=2,
        days_ago=28,
    ),
    DemoPost(
        key="digipunt-vrijwilligers",
        author="dmytro",
        organisation="digipunt-nieuw-gent",
        kind=REQUEST,
        nature=HELP,
        category="digital-help",
        neighbourhood="nieuw-gent-uz",
        title="Vrijwilligers voor de digitale zitdag op maandag",
        body=(
            "Op maandagvoormiddag helpen we buurtbewoners met hun smartphone, mails en "
            "online formulieren. De wachtrij wordt elke week langer.\n\n"
            "Je hoeft geen informaticus te zijn: wie vlot met een smartphone overweg kan "
            "en rustig uitlegt, is perfect."
        ),
        languages=("nl", "en", "uk"),
        target_groups=("elderly", "poverty"),
        skills=("smartphone", "geduld"),
        time_commitment=RECURRING,
        hours=3,
        days_ago=20,
    ),
    DemoPost(
        key="fietsatelier-vrijwilligers",
        author="wim",
        organisation="fietsatelier-op-wielen",
        kind=REQUEST,
        nature=HELP,
        category="odd-jobs",
        neighbourhood="gentbrugge",
        title="Handige vrijwilligers voor het open fietsatelier op zaterdag",
        body=(
            "Op zaterdag staat ons atelier open voor iedereen die zijn velo wil leren "
            "herstellen. We zoeken mensen die een band kunnen plakken, remmen afstellen en "
            "dat graag aan anderen tonen.\n\n"
            "Koffie en een broodje van het huis!"
        ),
        target_groups=("refugees", "youth"),
        skills=("fietsherstel", "uitleggen"),
        time_commitment=RECURRING,
        hours=4,
        days_ago=27,
    ),
    DemoPost(
        key="chauffeur-voedselronde",
        author="bart",
        organisation="voedselpunt-brugse-poort",
        kind=REQUEST,
        nature=HELP,
        category="transport",
        neighbourhood="brugse-poort-rooigem",
        title="Chauffeur gezocht voor de voedselronde op vrijdag",
        body=(
            "Op vrijdagochtend halen we overschotten op bij drie supermarkten. Onze vaste "
            "chauffeur stopt ermee. Je rijdt met de bestelwagen van het Voedselpunt; een "
            "rijbewijs B volstaat."
        ),
        target_groups=("poverty",),
        skills=("rijbewijs B",),
        time_commitment=RECURRING,
        hours=3,
        days_ago=37,
        outcome="closed",
    ),
]


# --- help offered ------------------------------------------------------------------------------

HELP_OFFERS: list[DemoPost] = [
    DemoPost(
        key="papierwerk",
        author="samir",
        kind=OFFER,
        nature=HELP,
        category="paperwork",
        neighbourhood="sluizeken-tolhuis-ham",
        title="Ik help met papierwerk en brieven van de mutualiteit",
        body=(
            "Ik ben boekhouder en weet de weg in huurcontracten, facturen, aanslagbiljetten "
            "en brieven van de mutualiteit of het OCMW. Samen zoeken we uit wat er staat "
            "en wat je moet doen.\n\n"
            "Op woensdagavond of zaterdagvoormiddag, in de bib van het Sluizeken of bij "
            "jou thuis. Ook in het Arabisch en het Frans."
        ),
        languages=("nl", "ar", "fr"),
        target_groups=("poverty", "refugees", "elderly"),
        skills=("administratie", "belastingen"),
        time_commitment=RECURRING,
        hours=2,
        days_ago=32,
    ),
    DemoPost(
        key="fietsles",
        author="amanuel",
        kind=OFFER,
        nature=HELP,
        category="sports-and-leisure",
        neighbourhood="muide-meulestede-afrikalaan",
        title="Fietsles voor volwassenen die het nooit leerden",
        body=(
            "Veel nieuwkomers, vooral vrouwen, hebben nooit leren fietsen. Ik leer het je, "
            "rustig en op een veilig pleintje. Na een paar lessen rijd je zelf naar de "
            "winkel!\n\n"
            "Ik spreek Tigrinya, Amhaars, Engels en Nederlands."
        ),
        languages=("ti", "am", "en", "nl"),
        target_groups=("refugees",),
        skills=("fietsen",),
        time_commitment=RECURRING,
        hours=1,
        days_ago=21,
    ),
    DemoPost(
        key="ritten",
        author="jef",
        kind=OFFER,
        nature=HELP,
        category="transport",
        neighbourhood="drongen",
        title="Ik rij je naar de dokter, het ziekenhuis of de winkel",
        body=(
            "Gepensioneerd, met een auto en tijd. Heb je een afspraak bij de dokter of in "
            "het ziekenhuis en geraak je er moeilijk? Ik breng je en wacht op je.\n\n"
            "Rolstoel plooibaar? Die past in mijn koffer."
        ),
        target_groups=("elderly", "disability", "isolated"),
        skills=("rijbewijs B",),
        time_commitment=RECURRING,
        hours=3,
        days_ago=35,
    ),
    DemoPost(
        key="wiskunde",
        author="rania",
        kind=OFFER,
        nature=HELP,
        category="homework-help",
        neighbourhood="bloemekenswijk",
        title="Bijles wiskunde voor kinderen van de lagere school",
        body=(
            "Ik was apotheker in Syrië en hou van rekenen. Ik help kinderen die moeite "
            "hebben met de tafels, breuken of vraagstukken. Uitleg kan ook in het Arabisch "
            "of Frans voor de ouders."
        ),
        languages=("ar", "fr", "en"),
        target_groups=("youth", "families"),
        skills=("wiskunde",),
        time_commitment=RECURRING,
        hours=2,
        days_ago=14,
    ),
    DemoPost(
        key="smartphonehulp",
        author="pieter",
        kind=OFFER,
        nature=HELP,
        category="digital-help",
        neighbourhood="binnenstad",
        title="Hulp met je smartphone, itsme en e-mail",
        body=(
            "Loopt je gsm vast, lukt itsme niet of vind je die mail van de school niet "
            "terug? Ik kom langs of we spreken af in de bib De Krook. Geen vraag is te "
            "dom."
        ),
        languages=("nl", "en"),
        target_groups=("elderly", "poverty"),
        skills=("smartphone", "itsme", "e-mail"),
        time_commitment=ONCE,
        hours=1,
        days_ago=3,
    ),
    DemoPost(
        key="tolk-arabisch",
        author="rachid",
        kind=OFFER,
        nature=HELP,
        category="interpreting",
        neighbourhood="sluizeken-tolhuis-ham",
        title="Ik tolk Arabisch bij een afspraak op school of bij het OCMW",
        body=(
            "Geboren en getogen in Gent, thuis Arabisch gesproken. Ik ga mee naar een "
            "oudercontact, het OCMW of de huisarts en zorg dat iedereen elkaar begrijpt. "
            "Alles wat gezegd wordt, blijft tussen ons."
        ),
        languages=("ar", "nl", "fr"),
        target_groups=("refugees", "families"),
        skills=("Arabisch", "Frans"),
        time_commitment=ONCE,
        hours=2,
        days_ago=18,
    ),
    DemoPost(
        key="koken-feest",
        author="bart",
        kind=OFFER,
        nature=HELP,
        category="cooking",
        neighbourhood="wondelgem",
        title="Ik kook voor jullie buurtfeest of benefiet (tot 50 personen)",
        body=(
            "Beroepskok in een woonzorgcentrum. Organiseert jouw vereniging een "
            "buurtfeest, een benefiet of een nieuwjaarsreceptie? Ik stel een menu op "
            "binnen jullie budget en kook mee op de dag zelf."
        ),
        target_groups=("isolated", "poverty"),
        skills=("koken voor groepen", "HACCP"),
        time_commitment=ONCE,
        hours=6,
        days_ago=24,
    ),
    DemoPost(
        key="oppas-taalles",
        author="olena",
        kind=OFFER,
        nature=HELP,
        category="childcare",
        neighbourhood="sint-denijs-westrem-afsnee",
        title="Oppas voor je kinderen terwijl jij naar de taalles gaat",
        body=(
            "Ik was kleuterjuf in Charkiv. Mama's en papa's die naar de les Nederlands "
            "gaan, kunnen hun kleine kinderen bij mij laten spelen, samen met mijn "
            "dochter. Op dinsdag en donderdag in de voormiddag."
        ),
        languages=("uk", "ru", "en"),
        target_groups=("families", "refugees"),
        skills=("kinderopvang",),
        time_commitment=RECURRING,
        hours=3,
        days_ago=9,
    ),
    DemoPost(
        key="schilderwerk",
        author="mohammed",
        kind=OFFER,
        nature=HELP,
        category="odd-jobs",
        neighbourhood="rabot-blaisantvest",
        title="Schilderen en kleine klussen in huis",
        body=(
            "I was a house painter in Aleppo for twenty years. Ik help graag met schilderen, "
            "behangen of een gat in de muur dichtmaken, voor wie het zelf niet kan of het "
            "niet kan betalen. Verf breng je zelf mee."
        ),
        languages=("ar", "en"),
        target_groups=("elderly", "poverty", "disability"),
        skills=("schilderen", "behangen"),
        time_commitment=ONCE,
        hours=4,
        days_ago=16,
    ),
    DemoPost(
        key="elektriciteit",
        author="ahmad",
        kind=OFFER,
        nature=HELP,
        category="odd-jobs",
        neighbourhood="brugse-poort-rooigem",
        title="Stopcontacten en lampen nakijken door een elektricien",
        body=(
            "Ik ben elektricien (diploma uit Afghanistan, erkenning loopt). Ik kijk gratis "
            "na of je stopcontacten veilig zijn, hang lampen op of vervang een schakelaar."
        ),
        languages=("fa", "ps", "en"),
        target_groups=("elderly", "poverty"),
        skills=("elektriciteit",),
        time_commitment=ONCE,
        hours=2,
        days_ago=5,
    ),
    DemoPost(
        key="wandelen",
        author="lotte",
        kind=OFFER,
        nature=HELP,
        category="companionship",
        neighbourhood="stationsbuurt-zuid",
        title="Wandelen en een babbel met oudere buren",
        body=(
            "Ik studeer sociaal werk en wandel graag. Zit je veel alleen thuis? Dan gaan "
            "we samen een toertje doen in het Citadelpark, of drinken we gewoon een koffie."
        ),
        languages=("nl", "en", "es"),
        target_groups=("elderly", "isolated"),
        time_commitment=RECURRING,
        hours=2,
        days_ago=13,
    ),
    DemoPost(
        key="voetbal",
        author="rachid",
        organisation="sportclub-iedereen-welkom",
        kind=OFFER,
        nature=HELP,
        category="sports-and-leisure",
        neighbourhood="watersportbaan-ekkergem",
        title="Gratis voetbaltraining voor jongeren op woensdagnamiddag",
        body=(
            "Jongeren van 10 tot 16 jaar zijn welkom op onze training aan de "
            "Watersportbaan, ook wie nog nooit in een club speelde. Voetbalschoenen kun je "
            "bij ons lenen."
        ),
        languages=("nl", "ar", "fr", "ti"),
        target_groups=("youth", "refugees"),
        skills=("voetbal",),
        time_commitment=RECURRING,
        hours=2,
        days_ago=30,
    ),
    DemoPost(
        key="huurrecht",
        author="nathalie",
        kind=OFFER,
        nature=HELP,
        category="paperwork",
        neighbourhood="macharius-heirnis",
        title="Juridisch advies bij huurproblemen, in het Nederlands of Frans",
        body=(
            "Juriste, gespecialiseerd in huurrecht. Problemen met je waarborg, vocht in je "
            "woning of een opzeg die niet klopt? Ik luister, leg je rechten uit en help "
            "met een brief aan je huisbaas."
        ),
        languages=("fr", "nl", "en"),
        target_groups=("poverty", "refugees"),
        skills=("huurrecht",),
        time_commitment=ONCE,
        hours=1,
        days_ago=22,
    ),
    DemoPost(
        key="tolk-turks",
        author="fatma",
        kind=OFFER,
        nature=HELP,
        category="interpreting",
        neighbourhood="dampoort",
        title="Ik tolk Turks en Bulgaars voor nieuwe buren",
        body=(
            "Veel nieuwe Gentenaars uit Bulgarije spreken Turks. Ik ga mee naar de school, "
            "de dokter of het wijkgezondheidscentrum om te tolken."
        ),
        languages=("tr", "bg", "nl"),
        target_groups=("families", "poverty"),
        skills=("Turks", "Bulgaars"),
        time_commitment=ONCE,
        hours=2,
        days_ago=26,
    ),
    DemoPost(
        key="tolk-somali",
        author="aisha",
        kind=OFFER,
        nature=HELP,
        category="interpreting",
        neighbourhood="moscou-vogelhoek",
        title="Ik tolk Somali voor jonge moeders bij Kind en Gezin",
        body=(
            "Ik ben zelf mama van vier en weet hoe moeilijk een consultatie is als je de "
            "taal niet spreekt. Ik ga mee naar Kind en Gezin, de vroedvrouw of de "
            "huisarts en tolk Somali of Arabisch.\n\n"
            "Liefst in de voormiddag, als mijn kinderen op school zijn."
        ),
        languages=("so", "ar", "en"),
        target_groups=("families", "refugees"),
        skills=("Somali", "Arabisch"),
        time_commitment=ONCE,
        hours=2,
        days_ago=12,
    ),
    DemoPost(
        key="computerhulp",
        author="dmytro",
        kind=OFFER,
        nature=HELP,
        category="digital-help",
        neighbourhood="zwijnaarde",
        title="Computerhulp in het Oekraïens, Russisch of Engels",
        body=(
            "Ik ben programmeur. Ik help Oekraïense en andere nieuwkomers met hun laptop, "
            "het invullen van online formulieren of het installeren van printers."
        ),
        languages=("uk", "ru", "en"),
        target_groups=("refugees",),
        skills=("computers", "printers"),
        time_commitment=ONCE,
        hours=2,
        days_ago=7,
    ),
    DemoPost(
        key="verhuizen",
        author="ionut",
        kind=OFFER,
        nature=HELP,
        category="transport",
        neighbourhood="ledeberg",
        title="Ik help in het weekend met verhuizen",
        body=(
            "Bouwvakker, sterk en handig. In het weekend help ik met dozen en meubels "
            "dragen, kasten afbreken en weer opbouwen. Een aanhangwagen kan ik lenen."
        ),
        languages=("ro", "en"),
        target_groups=("refugees", "poverty", "families"),
        skills=("verhuizen", "meubels monteren"),
        time_commitment=ONCE,
        hours=5,
        days_ago=17,
    ),
    DemoPost(
        key="naailes",
        author="selam",
        kind=OFFER,
        nature=HELP,
        category="other-help",
        neighbourhood="muide-meulestede-afrikalaan",
        title="Ik herstel kleding en leer je naaien",
        body=(
            "Ik naai al sinds ik een kind was. Ik maak broeken korter, zet een nieuwe rits "
            "in of leer je zelf werken met een naaimachine."
        ),
        languages=("ti", "en"),
        target_groups=("families", "poverty"),
        skills=("naaien",),
        time_commitment=RECURRING,
        hours=2,
        days_ago=2,
    ),
    DemoPost(
        key="moestuinproject",
        author="lieve",
        organisation="wijkcentrum-kanaaldorpen",
        kind=OFFER,
        nature=HELP,
        category="sports-and-leisure",
        neighbourhood="kanaaldorpen-en-zone",
        title="Samen tuinieren in het moestuinproject van de Kanaaldorpen",
        body=(
            "Op woensdagnamiddag werken we samen in de moestuin achter het wijkcentrum. "
            "Iedereen mag meedoen, ook zonder groene vingers, en de oogst delen we.\n\n"
            "Bij slecht weer drinken we binnen koffie."
        ),
        target_groups=("isolated", "elderly"),
        time_commitment=RECURRING,
        hours=2,
        days_ago=39,
    ),
]

POSTS: list[DemoPost] = GOODS_REQUESTS + GOODS_OFFERS + HELP_REQUESTS + HELP_OFFERS
