"""The reference data a city runs on: neighbourhoods, categories, target groups, sectors and
languages. Slugs are stable identifiers that the API, URLs and integrations rely on; names are
English source strings translated through gettext (neighbourhoods keep their Dutch names).

Another city swaps these lists (and the neighbourhoods' centroids) and runs `migrate`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop as _

# (slug, name, latitude, longitude) of each wijk's approximate centroid.
NEIGHBOURHOODS: list[tuple[str, str, float, float]] = [
    ("binnenstad", "Binnenstad", 51.0543, 3.7234),
    ("bloemekenswijk", "Bloemekenswijk", 51.0690, 3.7050),
    ("brugse-poort-rooigem", "Brugse Poort - Rooigem", 51.0560, 3.7000),
    ("dampoort", "Dampoort", 51.0590, 3.7440),
    ("drongen", "Drongen", 51.0500, 3.6550),
    (
        "elisabethbegijnhof-prinsenhof-papegaai-sint-michiels",
        "Elisabethbegijnhof - Prinsenhof - Papegaai - Sint-Michiels",
        51.0530,
        3.7120,
    ),
    ("gentbrugge", "Gentbrugge", 51.0390, 3.7620),
    ("kanaaldorpen-en-zone", "Kanaaldorpen en -zone", 51.1300, 3.7700),
    ("ledeberg", "Ledeberg", 51.0390, 3.7400),
    ("macharius-heirnis", "Macharius - Heirnis", 51.0500, 3.7400),
    ("mariakerke", "Mariakerke", 51.0700, 3.6750),
    ("moscou-vogelhoek", "Moscou - Vogelhoek", 51.0300, 3.7500),
    ("muide-meulestede-afrikalaan", "Muide - Meulestede - Afrikalaan", 51.0750, 3.7300),
    ("nieuw-gent-uz", "Nieuw Gent - UZ", 51.0260, 3.7250),
    ("oostakker", "Oostakker", 51.0900, 3.7700),
    ("oud-gentbrugge", "Oud Gentbrugge", 51.0450, 3.7500),
    ("rabot-blaisantvest", "Rabot - Blaisantvest", 51.0620, 3.7140),
    ("sint-amandsberg", "Sint-Amandsberg", 51.0650, 3.7550),
    ("sint-denijs-westrem-afsnee", "Sint-Denijs-Westrem - Afsnee", 51.0250, 3.6700),
    ("sluizeken-tolhuis-ham", "Sluizeken - Tolhuis - Ham", 51.0640, 3.7270),
    ("stationsbuurt-noord", "Stationsbuurt-Noord", 51.0410, 3.7150),
    ("stationsbuurt-zuid", "Stationsbuurt-Zuid", 51.0300, 3.7100),
    ("watersportbaan-ekkergem", "Watersportbaan - Ekkergem", 51.0450, 3.6950),
    ("wondelgem", "Wondelgem", 51.0880, 3.7150),
    ("zwijnaarde", "Zwijnaarde", 51.0050, 3.7100),
]

GOODS = "goods"
VOLUNTEERING = "volunteering"

# (slug, name, nature)
CATEGORIES: list[tuple[str, str, str]] = [
    ("clothing", _("Clothing"), GOODS),
    ("furniture", _("Furniture"), GOODS),
    ("household", _("Household items"), GOODS),
    ("food", _("Food"), GOODS),
    ("hygiene", _("Hygiene and care products"), GOODS),
    ("baby-and-children", _("Baby and children"), GOODS),
    ("school-supplies", _("School supplies"), GOODS),
    ("electronics", _("Electronics"), GOODS),
    ("bicycles", _("Bicycles"), GOODS),
    ("other-goods", _("Other goods"), GOODS),
    ("language-coaching", _("Language coaching"), VOLUNTEERING),
    ("transport", _("Transport"), VOLUNTEERING),
    ("paperwork", _("Help with paperwork"), VOLUNTEERING),
    ("homework-help", _("Homework help"), VOLUNTEERING),
    ("odd-jobs", _("Odd jobs"), VOLUNTEERING),
    ("companionship", _("Companionship"), VOLUNTEERING),
    ("cooking", _("Cooking"), VOLUNTEERING),
    ("childcare", _("Childcare"), VOLUNTEERING),
    ("interpreting", _("Interpreting"), VOLUNTEERING),
    ("sports-and-leisure", _("Sports and leisure"), VOLUNTEERING),
    ("digital-help", _("Digital help"), VOLUNTEERING),
    ("other-help", _("Other help"), VOLUNTEERING),
]

TARGET_GROUPS: list[tuple[str, str]] = [
    ("refugees", _("Refugees and newcomers")),
    ("homeless", _("Homeless people")),
    ("poverty", _("People in poverty")),
    ("elderly", _("Elderly people")),
    ("disability", _("People with a disability")),
    ("youth", _("Children and young people")),
    ("families", _("Families")),
    ("isolated", _("Isolated people")),
]

SECTORS: list[tuple[str, str]] = [
    ("welfare", _("Welfare and social work")),
    ("health", _("Health and care")),
    ("education", _("Education and training")),
    ("culture", _("Culture")),
    ("sport", _("Sport")),
    ("youth-work", _("Youth work")),
    ("housing", _("Housing")),
    ("employment", _("Work and employment")),
    ("environment", _("Environment and sustainability")),
    ("integration", _("Migration and integration")),
    ("poverty-reduction", _("Poverty reduction")),
    ("elderly-care", _("Elderly care")),
    ("disability-care", _("Disability care")),
    ("community-work", _("Neighbourhood and community work")),
    ("food-aid", _("Food aid")),
    ("philosophy-religion", _("Religion and philosophy of life")),
    ("public-services", _("Public services")),
]

# (ISO 639-1 code, English name, name in the language itself): the languages spoken in Ghent's
# helping networks and its newcomer communities.
LANGUAGES: list[tuple[str, str, str]] = [
    ("nl", _("Dutch"), "Nederlands"),
    ("fr", _("French"), "Français"),
    ("en", _("English"), "English"),
    ("de", _("German"), "Deutsch"),
    ("ar", _("Arabic"), "العربية"),
    ("tr", _("Turkish"), "Türkçe"),
    ("bg", _("Bulgarian"), "Български"),
    ("ro", _("Romanian"), "Română"),
    ("pl", _("Polish"), "Polski"),
    ("sk", _("Slovak"), "Slovenčina"),
    ("cs", _("Czech"), "Čeština"),
    ("hu", _("Hungarian"), "Magyar"),
    ("ru", _("Russian"), "Русский"),
    ("uk", _("Ukrainian"), "Українська"),
    ("es", _("Spanish"), "Español"),
    ("it", _("Italian"), "Italiano"),
    ("pt", _("Portuguese"), "Português"),
    ("el", _("Greek"), "Ελληνικά"),
    ("sq", _("Albanian"), "Shqip"),
    ("sr", _("Serbian"), "Српски"),
    ("bs", _("Bosnian"), "Bosanski"),
    ("fa", _("Persian (Farsi, Dari)"), "فارسی"),
    ("ps", _("Pashto"), "پښتو"),
    ("ku", _("Kurdish"), "Kurdî"),
    ("ti", _("Tigrinya"), "ትግርኛ"),
    ("am", _("Amharic"), "አማርኛ"),
    ("so", _("Somali"), "Soomaali"),
    ("om", _("Oromo"), "Afaan Oromoo"),
    ("sw", _("Swahili"), "Kiswahili"),
    ("ln", _("Lingala"), "Lingála"),
    ("ur", _("Urdu"), "اردو"),
    ("hi", _("Hindi"), "हिन्दी"),
    ("bn", _("Bengali"), "বাংলা"),
    ("ta", _("Tamil"), "தமிழ்"),
    ("ne", _("Nepali"), "नेपाली"),
    ("zh", _("Chinese"), "中文"),
    ("vi", _("Vietnamese"), "Tiếng Việt"),
    ("ka", _("Georgian"), "ქართული"),
    ("hy", _("Armenian"), "Հայերեն"),
    ("he", _("Hebrew"), "עברית"),
]


def sync_reference_data(apps: Any) -> None:
    """Create or update every reference row from the lists above (idempotent).

    Takes the app registry so that data migrations can call it with historical models.
    Rows an administrator added by hand are left alone.
    """
    neighbourhood = apps.get_model("core", "Neighbourhood")
    category = apps.get_model("core", "Category")
    target_group = apps.get_model("core", "TargetGroup")
    sector = apps.get_model("core", "Sector")
    language = apps.get_model("core", "Language")
    for position, (slug, name, lat, lon) in enumerate(NEIGHBOURHOODS):
        neighbourhood.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "latitude": lat, "longitude": lon, "position": position},
        )
    for position, (slug, name, nature) in enumerate(CATEGORIES):
        category.objects.update_or_create(
            slug=slug, defaults={"name": name, "nature": nature, "position": position}
        )
    for position, (slug, name) in enumerate(TARGET_GROUPS):
        target_group.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for position, (slug, name) in enumerate(SECTORS):
        sector.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})
    for position, (code, name, native_name) in enumerate(LANGUAGES):
        language.objects.update_or_create(
            code=code, defaults={"name": name, "native_name": native_name, "position": position}
        )
