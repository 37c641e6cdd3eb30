"""Demo people: the staff superuser, the demo user and ~30 people of Ghent."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from solidair.accounts.models import Profile, User
from solidair.core.demo import ADMIN_EMAIL, DEMO_EMAIL, DemoContext, Size, demo_section
from solidair.core.models import Language, Neighbourhood
from solidair.core.reference import NEIGHBOURHOODS


@dataclass(frozen=True)
class DemoPerson:
    key: str
    display_name: str
    neighbourhood: str
    languages: tuple[str, ...]
    skills: str
    bio: str

    @property
    def email(self) -> str:
        return DEMO_EMAIL if self.key == "demo" else f"demo-{self.key}@example.org"


PEOPLE: list[DemoPerson] = [
    DemoPerson(
        "demo",
        "Sanne (demo)",
        "rabot-blaisantvest",
        ("nl", "en", "fr"),
        "koken, fietsen herstellen, Excel",
        "Ik woon in Rabot en help graag waar ik kan. Dit is het demo-account: kijk gerust rond.",
    ),
    DemoPerson(
        "annelies",
        "Annelies",
        "brugse-poort-rooigem",
        ("nl", "en"),
        "taalcoaching, huiswerkbegeleiding",
        "Gepensioneerde lerares Nederlands. Ik geef graag taalles aan nieuwkomers.",
    ),
    DemoPerson(
        "koen",
        "Koen V.",
        "ledeberg",
        ("nl", "fr"),
        "rijbewijs B, verhuizen, klussen",
        "Ik heb een bestelwagen en help af en toe met verhuizen of meubels ophalen.",
    ),
    DemoPerson(
        "sofie",
        "Sofie",
        "sint-amandsberg",
        ("nl", "en", "de"),
        "kinderopvang, knutselen",
        "Mama van drie. Onze kinderkleren en speelgoed geef ik graag door.",
    ),
    DemoPerson(
        "pieter",
        "Pieter D.",
        "binnenstad",
        ("nl", "en"),
        "computers, smartphones, digitale hulp",
        "IT'er overdag, 's avonds help ik mensen met hun smartphone en itsme.",
    ),
    DemoPerson(
        "lotte",
        "Lotte",
        "stationsbuurt-zuid",
        ("nl", "en", "es"),
        "studentenjob, sport, gezelschap",
        "Studente sociaal werk aan de HOGENT. Ik wandel graag met oudere buren.",
    ),
    DemoPerson(
        "wim",
        "Wim",
        "gentbrugge",
        ("nl",),
        "fietsherstel, lassen, tuinieren",
        "Al veertig jaar sleutel ik aan fietsen. Kapotte fiets? Breng maar binnen.",
    ),
    DemoPerson(
        "griet",
        "Griet",
        "mariakerke",
        ("nl", "fr"),
        "administratie, belastingbrief",
        "Oud-bediende van de belastingen. Ik help met papierwerk en formulieren.",
    ),
    DemoPerson(
        "bart",
        "Bart",
        "wondelgem",
        ("nl", "en"),
        "koken voor groepen, catering",
        "Kok in een woonzorgcentrum. Op zondag kook ik mee in het buurtrestaurant.",
    ),
    DemoPerson(
        "hilde",
        "Hilde",
        "oostakker",
        ("nl",),
        "breien, naaien, gezelschap",
        "Ik brei mutsen en sjaals voor de kledingbank en kom graag op bezoek bij wie alleen is.",
    ),
    DemoPerson(
        "jef",
        "Jef",
        "drongen",
        ("nl",),
        "vervoer, boodschappen",
        "Ik rij met mijn auto mensen naar het ziekenhuis of de winkel.",
    ),
    DemoPerson(
        "nathalie",
        "Nathalie",
        "macharius-heirnis",
        ("fr", "nl", "en"),
        "tolken Frans, juridische vragen",
        "Franstalige Gentse, juriste. Ik vertaal brieven en ga mee naar afspraken.",
    ),
    DemoPerson(
        "rachid",
        "Rachid",
        "sluizeken-tolhuis-ham",
        ("nl", "ar", "fr"),
        "tolken Arabisch, voetbaltraining",
        "Geboren in Gent, ouders uit Marokko. Ik train een jeugdploeg en tolk Arabisch.",
    ),
    DemoPerson(
        "fatma",
        "Fatma",
        "dampoort",
        ("nl", "tr", "bg"),
        "tolken Turks en Bulgaars, koken",
        "Ik help nieuwe buren uit Bulgarije de weg te vinden in Gent.",
    ),
    DemoPerson(
        "amanuel",
        "Amanuel",
        "muide-meulestede-afrikalaan",
        ("ti", "am", "en", "nl"),
        "fietsen herstellen, voetbal",
        "Ik kom uit Eritrea en woon twee jaar in Gent. Ik leer Nederlands en zoek werk.",
    ),
    DemoPerson(
        "selam",
        "Selam",
        "muide-meulestede-afrikalaan",
        ("ti", "en"),
        "koken, naaien",
        "Mama van twee kinderen. Ik zoek iemand om samen Nederlands te oefenen.",
    ),
    DemoPerson(
        "ahmad",
        "Ahmad",
        "brugse-poort-rooigem",
        ("fa", "ps", "en"),
        "elektricien, tolken Dari",
        "Elektricien uit Afghanistan. Mijn diploma wordt nog erkend; ondertussen help ik graag.",
    ),
    DemoPerson(
        "zahra",
        "Zahra",
        "nieuw-gent-uz",
        ("fa", "en", "nl"),
        "naaien, Perzisch koken",
        "Ik volg les Nederlands en zoek een taalmaatje. Ik kook graag voor anderen.",
    ),
    DemoPerson(
        "mohammed",
        "Mohammed",
        "rabot-blaisantvest",
        ("ar", "en"),
        "schilderwerk, tolken Arabisch",
        "Schilder uit Aleppo, sinds 2016 in Gent. Ik help graag bij klusjes.",
    ),
    DemoPerson(
        "rania",
        "Rania",
        "bloemekenswijk",
        ("ar", "fr", "en"),
        "apotheker, huiswerkbegeleiding wiskunde",
        "Apotheker uit Syrië. Ik help kinderen met wiskunde en zoek een stageplaats.",
    ),
    DemoPerson(
        "olena",
        "Olena",
        "sint-denijs-westrem-afsnee",
        ("uk", "ru", "en"),
        "lerares Engels, kinderopvang",
        "Ik kom uit Charkiv en geef Engelse les. Mijn dochter gaat hier naar school.",
    ),
    DemoPerson(
        "dmytro",
        "Dmytro",
        "zwijnaarde",
        ("uk", "ru", "en"),
        "programmeren, fietsen",
        "Programmeur uit Kyiv. Ik help met computers en leer Nederlands.",
    ),
    DemoPerson(
        "aisha",
        "Aisha",
        "moscou-vogelhoek",
        ("so", "ar", "en"),
        "kinderopvang, tolken Somali",
        "Ik woon met mijn vier kinderen in Gent en tolk Somali voor nieuwe moeders.",
    ),
    DemoPerson(
        "emine",
        "Emine",
        "dampoort",
        ("bg", "tr"),
        "poetsen, koken",
        "Sinds vorig jaar in Gent. Ik zoek een cursus Nederlands en een job.",
    ),
    DemoPerson(
        "ionut",
        "Ionuț",
        "ledeberg",
        ("ro", "en"),
        "bouw, metselen, verhuizen",
        "Bouwvakker uit Roemenië. In het weekend help ik met verhuizen.",
    ),
    DemoPerson(
        "katarzyna",
        "Katarzyna",
        "oud-gentbrugge",
        ("pl", "en", "nl"),
        "verpleging, gezelschap",
        "Verpleegkundige. Ik bezoek ouderen in de buurt die weinig volk zien.",
    ),
    DemoPerson(
        "yusuf",
        "Yusuf",
        "watersportbaan-ekkergem",
        ("ar", "ku", "tr", "en"),
        "vervoer, Koerdisch tolken",
        "Taxichauffeur. Ik rij af en toe gratis voor wie naar een afspraak moet.",
    ),
    DemoPerson(
        "marieke",
        "Marieke",
        "elisabethbegijnhof-prinsenhof-papegaai-sint-michiels",
        ("nl", "en", "fr"),
        "communicatie, fondsenwerving",
        "Ik schrijf nieuwsbrieven en subsidiedossiers voor kleine vzw's.",
    ),
    DemoPerson(
        "tom",
        "Tom",
        "stationsbuurt-noord",
        ("nl", "en"),
        "sportcoach, jongerenwerk",
        "Jeugdwerker en basketbalcoach. Sport verbindt!",
    ),
    DemoPerson(
        "lieve",
        "Lieve",
        "kanaaldorpen-en-zone",
        ("nl",),
        "tuinieren, gezelschap",
        "Ik heb een grote moestuin en deel graag groenten met de voedselbank.",
    ),
    DemoPerson(
        "samir",
        "Samir",
        "sluizeken-tolhuis-ham",
        ("ar", "nl", "fr"),
        "boekhouding, papierwerk",
        "Boekhouder. Ik help met huurcontracten, facturen en brieven van de mutualiteit.",
    ),
]

# Extra people for the medium size: first names and neighbourhoods, deterministic.
EXTRA_FIRST_NAMES = [
    "Jana", "Lukas", "Noor", "Arne", "Lina", "Omar", "Elif", "Jonas", "Mira", "Senne",
    "Yasmine", "Thibault", "Helena", "Bilal", "Nina", "Robbe", "Farida", "Jules", "Ilse",
    "Tesfay", "Hanna", "Karim", "Liesbeth", "Oksana", "Dries", "Amina", "Wout", "Mariam",
]  # fmt: skip
EXTRA_LANGUAGES = [("nl",), ("nl", "en"), ("nl", "fr"), ("ar", "nl"), ("tr", "nl"), ("uk",)]
EXTRA_SKILLS = ["koken", "vervoer", "klussen", "taalcoaching", "gezelschap", "digitale hulp"]


def _people_for(size: Size) -> list[DemoPerson]:
    if size == "small":
        return PEOPLE
    neighbourhoods = [slug for slug, *_rest in NEIGHBOURHOODS]
    extra = []
    for i in range(90):
        first = EXTRA_FIRST_NAMES[i % len(EXTRA_FIRST_NAMES)]
        extra.append(
            DemoPerson(
                key=f"extra-{i + 1:03d}",
                display_name=f"{first} {chr(ord('A') + i % 26)}.",
                neighbourhood=neighbourhoods[i % len(neighbourhoods)],
                languages=EXTRA_LANGUAGES[i % len(EXTRA_LANGUAGES)],
                skills=EXTRA_SKILLS[i % len(EXTRA_SKILLS)],
                bio="Ik wil graag helpen in mijn buurt.",
            )
        )
    return PEOPLE + extra


def _ensure_user(
    ctx: DemoContext, *, email: str, is_staff: bool = False, is_superuser: bool = False
) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "password": ctx.password_hash,
            "is_staff": is_staff,
            "is_superuser": is_superuser,
            "is_active": True,
        },
    )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, created


def _ensure_profile(user: User, person: DemoPerson, languages: dict[str, Language]) -> None:
    neighbourhood = Neighbourhood.objects.filter(slug=person.neighbourhood).first()
    profile, created = Profile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": person.display_name,
            "neighbourhood": neighbourhood,
            "skills": person.skills,
            "bio": person.bio,
        },
    )
    if created:
        profile.languages.set([languages[c] for c in person.languages if c in languages])


@demo_section("people", order=10, steps=lambda size: 1 + len(_people_for(size)))
def people(ctx: DemoContext) -> None:
    """The staff superuser and the demo people, each verified with a profile."""
    admin, created = _ensure_user(ctx, email=ADMIN_EMAIL, is_staff=True, is_superuser=True)
    Profile.objects.get_or_create(user=admin, defaults={"display_name": "Stad Gent (demo)"})
    for group_name in ("editors", "moderators"):
        admin.groups.add(Group.objects.get_or_create(name=group_name)[0])
    ctx.people["admin"] = admin
    ctx.tick("people", created=created)

    languages = {lg.code: lg for lg in Language.objects.all()}
    for person in _people_for(ctx.size):
        user, created = _ensure_user(ctx, email=person.email)
        _ensure_profile(user, person, languages)
        ctx.people[person.key] = user
        ctx.tick("people", created=created)
