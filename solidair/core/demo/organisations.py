"""Demo organisations of Ghent with their members (fictional, plausible)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from solidair.core.demo import DemoContext, Size, demo_section
from solidair.core.models import Neighbourhood, Sector, TargetGroup
from solidair.core.reference import NEIGHBOURHOODS
from solidair.organisations.models import Membership, Organisation


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    description: str
    neighbourhood: str
    address: str
    sectors: tuple[str, ...]
    target_groups: tuple[str, ...]
    owner: str
    admins: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    verified: bool = True


def _org(
    slug: str,
    name: str,
    intro: str,
    offer: list[str],
    practical: str,
    **kwargs: Any,
) -> DemoOrganisation:
    bullets = "\n".join(f"- {line}" for line in offer)
    description = f"{intro}\n\n## Wat we doen\n\n{bullets}\n\n## Praktisch\n\n{practical}\n"
    return DemoOrganisation(slug=slug, name=name, description=description, **kwargs)


ORGANISATIONS: list[DemoOrganisation] = [
    _org(
        "buurtwerk-rabot",
        "Buurtwerk Rabot",
        "Buurtwerk Rabot brengt buren samen in de torens en straten van **Rabot-Blaisantvest**. "
        "We luisteren naar wat bewoners nodig hebben en zoeken samen oplossingen.",
        [
            "Wekelijkse buurtsoep op woensdag",
            "Klusjesdienst voor wie het zelf niet kan",
            "Hulp bij brieven en formulieren",
        ],
        "Loop binnen op dinsdag en donderdag van 9 tot 12 uur. Koffie staat klaar.",
        neighbourhood="rabot-blaisantvest",
        address="Wondelgemstraat 10, 9000 Gent",
        sectors=("community-work", "welfare"),
        target_groups=("poverty", "isolated", "families"),
        owner="demo",
        admins=("koen",),
        members=("mohammed", "annelies"),
    ),
    _org(
        "voedselpunt-brugse-poort",
        "Voedselpunt Brugse Poort",
        "Een voedselbedeling met de waardigheid van een winkel: klanten kiezen zelf wat ze "
        "nodig hebben. We werken met overschotten van supermarkten en lokale boeren.",
        [
            "Sociale kruidenier op afspraak",
            "Verse groenten van de stadslandbouw",
            "Babypakketten voor jonge gezinnen",
        ],
        "Toegang via een doorverwijzing van het OCMW of een sociale dienst.",
        neighbourhood="brugse-poort-rooigem",
        address="Bevrijdingslaan 42, 9000 Gent",
        sectors=("food-aid", "poverty-reduction"),
        target_groups=("poverty", "families"),
        owner="bart",
        admins=("lieve",),
        members=("ahmad", "fatma", "demo"),
    ),
    _org(
        "huiswerkklas-de-sleutel",
        "Huiswerkklas De Sleutel",
        "Vrijwilligers helpen kinderen van de lagere school met hun huiswerk, in een rustige "
        "ruimte met computers en een boekenkast.",
        [
            "Huiswerkbegeleiding na school (ma-do)",
            "Leesclub voor kinderen en ouders",
            "Ondersteuning in het Arabisch, Turks en Tigrinya voor ouders",
        ],
        "We zoeken altijd vrijwilligers voor één namiddag per week.",
        neighbourhood="sluizeken-tolhuis-ham",
        address="Sleepstraat 77, 9000 Gent",
        sectors=("education", "youth-work"),
        target_groups=("youth", "refugees", "families"),
        owner="annelies",
        admins=("rania",),
        members=("rachid", "lotte"),
    ),
    _org(
        "taalcafe-babbelonie",
        "Taalcafé Babbelonië",
        "Nederlands oefenen zonder schoolbanken: bij een kop koffie praten anderstaligen en "
        "Gentenaars over alles en nog wat.",
        [
            "Taalcafé elke dinsdagavond",
            "Taalmaatjes: één op één afspreken",
            "Uitstappen naar musea en markten",
        ],
        "Gratis, zonder inschrijving. Alle niveaus welkom.",
        neighbourhood="binnenstad",
        address="Vrijdagmarkt 5, 9000 Gent",
        sectors=("integration", "education"),
        target_groups=("refugees", "isolated"),
        owner="marieke",
        admins=("pieter",),
        members=("zahra", "selam", "olena", "annelies"),
    ),
    _org(
        "welzijnsloket-ledeberg",
        "Welzijnsloket Ledeberg (OCMW-partner)",
        "Het welzijnsloket is een aanspreekpunt van het OCMW en zijn partners in de wijk. "
        "Met al je vragen over geld, wonen, gezondheid of papieren kun je hier terecht.",
        [
            "Eerste hulp bij rechten: leefloon, huurpremie, schoolpremie",
            "Doorverwijzing naar de juiste dienst",
            "Budgetbegeleiding",
        ],
        "Open op werkdagen van 9 tot 12 uur; na de middag op afspraak.",
        neighbourhood="ledeberg",
        address="Hundelgemsesteenweg 100, 9050 Gent",
        sectors=("public-services", "welfare"),
        target_groups=("poverty", "elderly", "families"),
        owner="griet",
        admins=("samir",),
        members=("nathalie",),
    ),
    _org(
        "vluchtelingenhulp-gent-noord",
        "Vluchtelingenhulp Gent-Noord",
        "Vrijwilligers begeleiden erkende vluchtelingen bij hun eerste stappen in Gent: een "
        "woning vinden, de school, de huisarts, de bank.",
        [
            "Buddy's voor nieuwkomers",
            "Woonzoekcafé",
            "Meubelbank voor wie een eerste woning krijgt",
        ],
        "Meld je aan als buddy: we zorgen voor een vorming vooraf.",
        neighbourhood="muide-meulestede-afrikalaan",
        address="Afrikalaan 200, 9000 Gent",
        sectors=("integration", "housing"),
        target_groups=("refugees",),
        owner="nathalie",
        admins=("amanuel",),
        members=("rachid", "koen", "yusuf"),
    ),
    _org(
        "seniorenvereniging-vergeet-mij-nietje",
        "Seniorenvereniging Het Vergeet-mij-nietje",
        "Een warme vereniging voor 60-plussers in Sint-Amandsberg. Niemand hoeft alleen thuis "
        "te zitten.",
        [
            "Wekelijkse kaartnamiddag",
            "Bezoekjes aan huis voor wie slecht te been is",
            "Uitstappen met aangepast vervoer",
        ],
        "Lidgeld: 10 euro per jaar; wie het niet kan betalen, is ook welkom.",
        neighbourhood="sint-amandsberg",
        address="Antwerpsesteenweg 300, 9040 Gent",
        sectors=("elderly-care", "community-work"),
        target_groups=("elderly", "isolated"),
        owner="hilde",
        members=("katarzyna", "jef", "lotte"),
    ),
    _org(
        "kledingbank-de-warme-jas",
        "Kledingbank De Warme Jas",
        "Tweedehandskleding, gratis voor wie het nodig heeft. Schoon, heel en per maat "
        "gesorteerd door onze vrijwilligers.",
        [
            "Winterjassen, schoenen en kinderkleding",
            "Sorteerploeg op zaterdag",
            "Inzamelpunten in vijf buurtcentra",
        ],
        "Geef enkel propere, draagbare kleding. Bedankt!",
        neighbourhood="dampoort",
        address="Dendermondsesteenweg 150, 9000 Gent",
        sectors=("poverty-reduction",),
        target_groups=("poverty", "homeless", "refugees"),
        owner="sofie",
        admins=("hilde",),
        members=("emine", "fatma"),
    ),
    _org(
        "fietsatelier-op-wielen",
        "Fietsatelier Op Wielen",
        "Leer je fiets zelf herstellen, met hulp van onze fietsmakers. Gedoneerde fietsen "
        "knappen we op voor nieuwkomers en studenten met een klein budget.",
        [
            "Open atelier op zaterdag",
            "Fietslessen voor volwassenen",
            "Opgeknapte fietsen aan een sociaal tarief",
        ],
        "Breng je fiets mee; onderdelen betaal je aan kostprijs.",
        neighbourhood="gentbrugge",
        address="Brusselsesteenweg 500, 9050 Gent",
        sectors=("environment", "integration"),
        target_groups=("refugees", "poverty", "youth"),
        owner="wim",
        admins=("amanuel",),
        members=("dmytro",),
    ),
    _org(
        "repair-cafe-dampoort",
        "Repair Café Dampoort",
        "Weggooien? Mooi niet! Samen met vrijwillige herstellers geven we kapotte spullen een "
        "tweede leven.",
        ["Elektrische toestellen, kleding, speelgoed", "Elke eerste zaterdag van de maand"],
        "Gratis; een vrije bijdrage voor koffie en taart mag.",
        neighbourhood="dampoort",
        address="Land van Waaslaan 1, 9040 Gent",
        sectors=("environment", "community-work"),
        target_groups=("poverty", "isolated"),
        owner="ahmad",
        members=("wim", "pieter"),
    ),
    _org(
        "speelpleinwerking-de-speelvogel",
        "Speelpleinwerking De Speelvogel",
        "Zomerse speelpleinwerking voor kinderen van 4 tot 14 jaar, met monitoren uit de buurt.",
        ["Speelplein in juli en augustus", "Gratis voor kinderen met een UiTPAS kansentarief"],
        "Inschrijven per dag kan ter plaatse.",
        neighbourhood="bloemekenswijk",
        address="Jozef Merlotstraat 25, 9000 Gent",
        sectors=("youth-work", "sport"),
        target_groups=("youth", "families"),
        owner="tom",
        members=("rania", "lotte"),
    ),
    _org(
        "buddywerking-samen-sterk",
        "Buddywerking Samen Sterk",
        "We koppelen mensen die zich eenzaam voelen aan een vrijwillige buddy voor een "
        "wandeling, een koffie of een goed gesprek.",
        ["Buddy's voor mensen met een psychische kwetsbaarheid", "Groepswandelingen op zondag"],
        "Vrijwilligers volgen een korte vorming en krijgen begeleiding.",
        neighbourhood="macharius-heirnis",
        address="Kasteellaan 60, 9000 Gent",
        sectors=("health", "welfare"),
        target_groups=("isolated", "disability"),
        owner="katarzyna",
        members=("lotte", "tom"),
    ),
    _org(
        "digipunt-nieuw-gent",
        "Digipunt Nieuw Gent",
        "Hulp met je computer, smartphone, itsme, e-mail of online afspraken. We leggen het "
        "geduldig uit, zo vaak als nodig.",
        ["Digitale zitdag op maandag en vrijdag", "Tweedehands laptops voor gezinnen"],
        "Neem je toestel en je paswoorden mee.",
        neighbourhood="nieuw-gent-uz",
        address="Kikvorsstraat 4, 9000 Gent",
        sectors=("education", "poverty-reduction"),
        target_groups=("elderly", "poverty"),
        owner="pieter",
        admins=("dmytro",),
        members=("zahra",),
    ),
    _org(
        "kookatelier-smaakmakers",
        "Kookatelier Smaakmakers",
        "Samen koken en samen eten, met recepten uit alle windstreken. Iedereen kookt mee, "
        "iedereen eet mee.",
        ["Buurtrestaurant op vrijdag (betaal wat je kan)", "Kooklessen gezond en goedkoop"],
        "Schrijf je in voor de maaltijd tot donderdagmiddag.",
        neighbourhood="wondelgem",
        address="Botestraat 12, 9032 Gent",
        sectors=("food-aid", "community-work"),
        target_groups=("isolated", "poverty"),
        owner="selam",
        admins=("bart",),
        members=("zahra", "emine", "mohammed"),
    ),
    _org(
        "babywinkeltje-ledeberg",
        "Babywinkeltje Ledeberg",
        "Babykleding, luiers, kinderwagens en speelgoed voor gezinnen met een klein budget.",
        ["Gratis babypakket bij de geboorte", "Uitleendienst voor kinderwagens en autostoeltjes"],
        "Op doorverwijzing van Kind en Gezin of het OCMW.",
        neighbourhood="ledeberg",
        address="Bisdomkaai 3, 9050 Gent",
        sectors=("poverty-reduction", "welfare"),
        target_groups=("families", "poverty"),
        owner="aisha",
        members=("sofie", "olena"),
    ),
    _org(
        "nachtopvang-het-warme-nest",
        "Nachtopvang Het Warme Nest",
        "Een bed, een douche en een warme maaltijd voor wie op straat slaapt.",
        ["Nachtopvang van november tot maart", "Dagcentrum met sociaal werker"],
        "We zoeken vrijwilligers voor de avondploeg (18-22 uur).",
        neighbourhood="stationsbuurt-noord",
        address="Koningin Fabiolalaan 9, 9000 Gent",
        sectors=("housing", "welfare"),
        target_groups=("homeless",),
        owner="samir",
        members=("jef", "yusuf"),
        verified=False,
    ),
    _org(
        "mantelzorgnetwerk-drongen",
        "Mantelzorgnetwerk Drongen",
        "Wie zorgt voor een ziek familielid, heeft zelf ook steun nodig. Wij nemen even over.",
        ["Oppas bij de zorgbehoevende", "Praatgroep voor mantelzorgers"],
        "Op aanvraag; we komen eerst kennismaken.",
        neighbourhood="drongen",
        address="Drongenplein 20, 9031 Gent",
        sectors=("health", "elderly-care"),
        target_groups=("elderly", "disability"),
        owner="jef",
        members=("hilde",),
    ),
    _org(
        "schoolmateriaalbank-rugzak",
        "Schoolmateriaalbank De Rugzak",
        "Elk kind verdient een volle boekentas. Wij zamelen schoolgerief in en delen het uit "
        "voor het nieuwe schooljaar.",
        ["Boekentassen, pennenzakken, rekenmachines", "Uitdeeldag eind augustus"],
        "Geef nieuw of als nieuw materiaal.",
        neighbourhood="oud-gentbrugge",
        address="Gentbruggeplein 8, 9050 Gent",
        sectors=("education", "poverty-reduction"),
        target_groups=("youth", "families"),
        owner="ionut",
        members=("sofie", "rania"),
        verified=False,
    ),
    _org(
        "sportclub-iedereen-welkom",
        "Sportclub Iedereen Welkom",
        "Voetbal, basket en zwemmen voor jongeren en volwassenen, ongeacht afkomst of budget.",
        ["Trainingen tweemaal per week", "Sportmateriaal te leen"],
        "Eerste drie trainingen gratis om te proberen.",
        neighbourhood="watersportbaan-ekkergem",
        address="Zuiderlaan 13, 9000 Gent",
        sectors=("sport", "youth-work"),
        target_groups=("youth", "refugees"),
        owner="rachid",
        admins=("tom",),
        members=("amanuel", "yusuf"),
    ),
    _org(
        "wijkcentrum-kanaaldorpen",
        "Wijkcentrum Kanaaldorpen",
        "Een ontmoetingsplek in de dorpen langs het kanaal: voor een babbel, een boek of hulp "
        "met papieren.",
        ["Bibliotheekhoek", "Moestuinproject", "Vervoer naar de stad voor wie geen auto heeft"],
        "Open op woensdag en zaterdag.",
        neighbourhood="kanaaldorpen-en-zone",
        address="Doornzelestraat 2, 9000 Gent",
        sectors=("community-work",),
        target_groups=("isolated", "elderly"),
        owner="lieve",
        members=("griet",),
        verified=False,
    ),
]


def _extra_organisations() -> list[DemoOrganisation]:
    """Medium size: a buurtcentrum in every neighbourhood, run by the extra people."""
    extra = []
    for i, (slug, name, *_rest) in enumerate(NEIGHBOURHOODS):
        extra.append(
            _org(
                f"buurtcentrum-{slug}"[:80],
                f"Buurtcentrum {name}",
                f"Het buurtcentrum van {name}: een open huis voor iedereen uit de wijk.",
                ["Ontmoeting en koffie", "Informatie en doorverwijzing"],
                "Open op weekdagen.",
                neighbourhood=slug,
                address=f"Buurtplein {i + 1}, 9000 Gent",
                sectors=("community-work",),
                target_groups=("isolated", "families"),
                owner=f"extra-{i + 1:03d}",
                members=tuple(f"extra-{(i + k) % 90 + 1:03d}" for k in (30, 55)),
                verified=i % 5 != 4,
            )
        )
    return extra


def _organisations_for(size: Size) -> list[DemoOrganisation]:
    return ORGANISATIONS + (_extra_organisations() if size == "medium" else [])


def _phone(index: int) -> str:
    # +32 9 000 xx xx is not assigned to subscribers: nobody gets called by mistake.
    return f"+32 9 000 {index // 100 % 100:02d} {index % 100:02d}"


@demo_section("organisations", order=20, steps=lambda size: len(_organisations_for(size)))
def organisations(ctx: DemoContext) -> None:
    """Organisations with their sectors, target groups and memberships (one owner each)."""
    sectors = {s.slug: s for s in Sector.objects.all()}
    target_groups = {t.slug: t for t in TargetGroup.objects.all()}
    neighbourhoods = {n.slug: n for n in Neighbourhood.objects.all()}
    admin = ctx.people.get("admin")
    rng = random.Random(2016)  # noqa: S311 - demo dates, not security
    for index, data in enumerate(_organisations_for(ctx.size), start=1):
        created_at = timezone.now() - timedelta(days=rng.randint(20, 900))
        organisation, created = Organisation.objects.get_or_create(
            slug=data.slug,
            defaults={
                "name": data.name,
                "description": data.description,
                "neighbourhood": neighbourhoods.get(data.neighbourhood),
                "address": data.address,
                "website": f"https://{data.slug}.example.org",
                "contact_email": f"{data.slug}@example.org",
                "contact_phone": _phone(index),
                "status": Organisation.Status.VERIFIED
                if data.verified
                else Organisation.Status.PENDING,
                "verified_at": created_at + timedelta(days=2) if data.verified else None,
                "verified_by": admin if data.verified else None,
                "created_at": created_at,
            },
        )
        if created:
            organisation.sectors.set([sectors[s] for s in data.sectors if s in sectors])
            organisation.target_groups.set(
                [target_groups[t] for t in data.target_groups if t in target_groups]
            )
        _ensure_memberships(ctx, organisation, data)
        ctx.organisations[data.slug] = organisation
        ctx.tick("organisations", created=created)


def _ensure_memberships(
    ctx: DemoContext, organisation: Organisation, data: DemoOrganisation
) -> None:
    roles: list[tuple[str, str]] = [(data.owner, Membership.Role.OWNER)]
    roles += [(key, Membership.Role.ADMIN) for key in data.admins]
    roles += [(key, Membership.Role.MEMBER) for key in data.members]
    has_owner = organisation.memberships.filter(role=Membership.Role.OWNER).exists()
    for key, role in roles:
        user = ctx.people.get(key)
        if user is None:
            continue
        if role == Membership.Role.OWNER and has_owner:
            # Ownership may have been transferred in the demo: never add a second owner.
            role = Membership.Role.ADMIN
        _membership, created = Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": role}
        )
        if created:
            ctx.created["memberships"] += 1
        ctx.total["memberships"] += 1
