"""The information pages every Solidair starts with: Belgian rules for volunteering, in
Dutch (the page content is data; editors keep it up to date on the site). Written for
this platform; checked against the law of 3 July 2005 on the rights of volunteers and
the figures of the federal High Council for Volunteers (Hoge Raad voor Vrijwilligers).

Amounts that change every year are placeholders (solidair.info.rendering), filled from
the `AllowanceCeilings` an editor enters; `SEED_CEILINGS` are the official amounts of 2024,
the newest year whose figures were verified when this was written.

`seed_information(apps=None)` creates what is missing (pages by path, ceilings by year)
and never overwrites an editor's changes. The data migration and the demo call it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

SOURCE_HOGE_RAAD = (
    "https://hogeraadvrijwilligers.belgium.be/nl/kostenvergoedingen/geindexeerde-vergoeding.htm"
)

SEED_CEILINGS: dict[str, Any] = {
    "year": 2024,
    "daily_flat_rate": Decimal("41.48"),
    "yearly_flat_rate": Decimal("1659.29"),
    "yearly_flat_rate_specific": Decimal("3047.43"),
    # Since 2024 the kilometre rate follows the federal civil servants' rate, which is
    # adjusted per quarter; this is the rate of the first quarter of 2024.
    "kilometre_rate": Decimal("0.4269"),
    "kilometre_rate_period": "1 januari tot en met 31 maart 2024",
    "max_kilometres": 2000,
    "source_url": SOURCE_HOGE_RAAD,
}

# (path, title, summary, body, position)
PAGES: list[tuple[str, str, str, str, int]] = [
    (
        "wat-is-vrijwilligerswerk",
        "Wat is vrijwilligerswerk?",
        "Wanneer je inzet wettelijk als vrijwilligerswerk telt, en wat dat voor jou en je "
        "organisatie betekent.",
        """In België regelt de **wet van 3 juli 2005 betreffende de rechten van vrijwilligers** \
wat vrijwilligerswerk is en welke rechten en plichten vrijwilligers en organisaties hebben.

## Vier voorwaarden

Je inzet is vrijwilligerswerk als ze aan alle vier deze voorwaarden voldoet:

1. **Onbezoldigd en onverplicht.** Je krijgt er geen loon voor (een kostenvergoeding mag wel) \
en niemand verplicht je.
2. **Voor anderen.** Je doet het voor één of meer andere personen, een groep, een organisatie \
of de samenleving, niet voor jezelf.
3. **Binnen een organisatie.** Het gebeurt in een georganiseerd kader buiten je familie of \
vriendenkring: een vzw, een openbaar bestuur zoals een stad of OCMW, of een feitelijke \
vereniging (een groep mensen die samen een niet-commercieel doel nastreeft zonder \
rechtspersoonlijkheid).
4. **Niet voor je eigen werkgever in dezelfde rol.** Je doet niet hetzelfde werk voor dezelfde \
organisatie als werknemer, zelfstandige dienstverlener of ambtenaar.

De organisatie mag geen winst nastreven. Wie een buur helpt buiten elk georganiseerd verband, \
doet waardevol werk, maar valt niet onder deze wet.

## Wat de wet regelt

- de **informatieplicht** van de organisatie;
- de **aansprakelijkheid** en de **verzekering**;
- de **kostenvergoedingen**;
- vrijwilligerswerk **met een uitkering**;
- de **discretieplicht** wanneer je vertrouwelijke informatie hoort.

Lees er meer over op de pagina's hieronder.""",
        10,
    ),
    (
        "wat-is-vrijwilligerswerk/informatienota",
        "De informatienota",
        "Welke informatie een organisatie haar vrijwilligers moet geven voor ze beginnen.",
        """Een organisatie die met vrijwilligers werkt, moet hen **vóór de start** informeren. Dat \
heet de *informatieplicht*; de meeste organisaties doen het met een korte **informatienota**.

## Wat er minstens in moet staan

- het **doel** van de organisatie en haar **juridisch statuut** (bijvoorbeeld vzw of \
feitelijke vereniging). Bij een feitelijke vereniging: wie de verantwoordelijken zijn;
- welke **verzekeringen** de organisatie afsloot voor haar vrijwilligers, minstens voor de \
burgerlijke aansprakelijkheid, als ze die verplicht moet afsluiten;
- of de vrijwilliger een **kostenvergoeding** krijgt, en zo ja welk systeem (forfaitair of \
reële kosten) en hoeveel;
- of de vrijwilliger vertrouwelijke informatie te horen kan krijgen, en dat hij of zij dan \
gebonden is door het **beroepsgeheim** (artikel 458 van het Strafwetboek).

## Goed om te weten

- De wet legt geen vorm op, maar de organisatie moet kunnen **bewijzen** dat ze de \
vrijwilliger informeerde. Een nota die de vrijwilliger voor ontvangst tekent, is de \
eenvoudigste manier.
- Verandert er iets belangrijks (een andere verzekering, een andere vergoeding), informeer \
je vrijwilligers dan opnieuw.
- Een informatienota is geen contract: de vrijwilliger blijft vrij om te stoppen.""",
        10,
    ),
    (
        "verzekering",
        "Verzekering",
        "Wie betaalt als er iets misgaat, en welke verzekering je als vrijwilliger mag verwachten.",
        """## Wie is aansprakelijk?

Brengt een vrijwilliger tijdens het vrijwilligerswerk schade toe aan iemand anders, dan is in \
principe **de organisatie burgerlijk aansprakelijk**, niet de vrijwilliger. De vrijwilliger \
draait enkel zelf op voor de schade bij **bedrog**, een **zware fout** of een **lichte fout \
die eerder gewoonlijk dan toevallig** voorkomt.

## Welke organisaties moeten verzekeren?

Een organisatie met rechtspersoonlijkheid (zoals een vzw of een openbaar bestuur) en een \
feitelijke vereniging die personeel in dienst heeft, **moeten** de burgerlijke \
aansprakelijkheid van de organisatie voor het vrijwilligerswerk verzekeren. Andere \
feitelijke verenigingen zijn daar niet toe verplicht, maar doen het beter wel: zonder \
verzekering kunnen de verantwoordelijken persoonlijk moeten betalen.

## Wat mag je als vrijwilliger verwachten?

- Dat de organisatie je in de **informatienota** vertelt welke verzekeringen er zijn.
- Bij een verplichte verzekering: dat schade die je anderen berokkent gedekt is, behalve \
bij de uitzonderingen hierboven.
- Een verzekering tegen **lichamelijke ongevallen** (jouw eigen letsel) of voor \
**rechtsbijstand** is niet wettelijk verplicht. Vraag ernaar: veel organisaties sluiten ze \
toch af.

## Gratis verzekering van de Vlaamse overheid

Voor vooral kleinere organisaties en feitelijke verenigingen biedt de **Vlaamse overheid een \
gratis vrijwilligersverzekering** aan, voor een beperkt aantal vrijwilligersdagen per jaar. \
De voorwaarden veranderen soms; kijk op \
[vlaanderenvrijwilligt.be](https://www.vlaanderenvrijwilligt.be) of je organisatie ervoor \
in aanmerking komt en hoe je ze aanvraagt.""",
        20,
    ),
    (
        "kostenvergoedingen",
        "Kostenvergoedingen",
        "Forfaitaire vergoeding of terugbetaling van reële kosten: hoe het werkt en welke "
        "maximumbedragen gelden.",
        """Vrijwilligerswerk is onbezoldigd, maar een organisatie **mag** de kosten van haar \
vrijwilligers vergoeden. Ze moet dat niet. Er zijn twee systemen, en een organisatie kiest er \
per vrijwilliger **één per kalenderjaar**: je combineert ze niet.

## Forfaitaire kostenvergoeding

Een vast bedrag, zonder bonnetjes. Er gelden wettelijke **maximumbedragen per dag én per \
jaar**; ze worden elk jaar op 1 januari geïndexeerd.

- In [[allowance:year]] is dat maximaal **[[allowance:daily]] per dag** en \
**[[allowance:yearly]] per jaar**.
- Voor bepaalde vrijwilligers geldt een **hoger jaarmaximum van \
[[allowance:yearly-specific]]** (het dagmaximum blijft gelijk): onder meer sporttrainers, \
lesgevers, scheidsrechters, juryleden en stewards in de sport, vrijwilligers in de nacht- of \
dagoppas van hulpbehoevende personen en in het niet-dringend liggend ziekenvervoer.
- Het maximum geldt voor **alle organisaties samen**: wie bij twee organisaties een \
vergoeding krijgt, telt beide bedragen op.
- Ga je erover, dan kan de hele vergoeding als **inkomen** worden gezien, met belastingen en \
sociale bijdragen.
- De organisatie houdt per kalenderjaar een **lijst bij** van wie wanneer hoeveel kreeg.

## Reële kostenvergoeding

De organisatie betaalt de kosten terug die je echt maakte, **op basis van bewijsstukken** \
(tickets, facturen, een rittenlijst). Er is geen wettelijk maximum, maar het moet om \
werkelijke kosten voor het vrijwilligerswerk gaan.

## Verplaatsingen

- Wie met de eigen **auto, motor of bromfiets** rijdt, kan een kilometervergoeding krijgen. \
Het maximum volgt de vergoeding van de federale ambtenaren en wordt geregeld aangepast: \
[[allowance:kilometre]] per km ([[allowance:kilometre-period]]).
- Naast een forfaitaire vergoeding mag een organisatie ook de **reële vervoerskosten** \
terugbetalen, voor maximaal **[[allowance:max-kilometres]] km per jaar**. Voor vrijwilligers \
die geregeld mensen vervoeren (bijvoorbeeld minder mobiele personen) gelden ruimere regels.

## De bedragen op een rij

[[allowance:table]]

De officiële bedragen van elk jaar publiceert de federale **Hoge Raad voor Vrijwilligers**.""",
        30,
    ),
    (
        "uitkering-of-leefloon",
        "Vrijwilligerswerk met een uitkering of leefloon",
        "Je mag vrijwilligerswerk doen met een werkloosheidsuitkering of een leefloon, maar "
        "je moet het wel vooraf melden.",
        """Vrijwilligerswerk kan met een uitkering. Wel moet je het **vooraf melden**, anders \
riskeer je (een deel van) je uitkering.

## Met een werkloosheidsuitkering (RVA)

- Meld het vrijwilligerswerk **voor je begint** met het formulier **C45B**. Je vult het samen \
met de organisatie in en geeft het af bij je **uitbetalingsinstelling** (je vakbond of de \
Hulpkas voor Werkloosheidsuitkeringen), die het aan de **RVA** bezorgt.
- De RVA kan het vrijwilligerswerk weigeren of beperken, bijvoorbeeld als het eigenlijk gewoon \
werk is of als je daardoor minder beschikbaar bent voor de arbeidsmarkt. Hoor je binnen de \
termijn niets, dan mag je het doen.
- Een kostenvergoeding binnen de wettelijke maximumbedragen mag je houden.
- Je blijft beschikbaar voor de arbeidsmarkt: je vrijwilligerswerk mag het zoeken naar werk \
niet in de weg staan.

## Met een leefloon (OCMW)

- Breng je **maatschappelijk werker van het OCMW** vooraf op de hoogte van je \
vrijwilligerswerk en van een eventuele kostenvergoeding.
- Een kostenvergoeding binnen de wettelijke grenzen telt normaal niet als inkomen, maar het \
OCMW moet ervan weten.

## Met een uitkering van het ziekenfonds

Ben je arbeidsongeschikt, vraag dan **vooraf toestemming** aan de adviserend arts van je \
ziekenfonds.

Twijfel je? Vraag het aan je uitbetalingsinstelling, je ziekenfonds of je maatschappelijk \
werker **voor** je begint.""",
        40,
    ),
    (
        "vrijwilligersbeleid",
        "Tips voor een goed vrijwilligersbeleid",
        "Hoe je als organisatie vrijwilligers vindt, verwelkomt, begeleidt en houdt.",
        """Vrijwilligers komen voor de zaak, maar blijven voor de mensen en de sfeer. Een paar \
eenvoudige afspraken maken het verschil.

## Voor de start

- Beschrijf **wat je zoekt**: de taak, hoeveel tijd het vraagt, waar en wanneer, en wat de \
vrijwilliger ervoor terugkrijgt (ervaring, een team, een vorming).
- Plaats je vraag ook als **vrijwilligersvacature** op dit platform.
- Voer een **kennismakingsgesprek**: wat wil en kan de vrijwilliger, wat verwacht jij?
- Geef de **informatienota** en regel de **verzekering** voor de eerste dag.

## Onderweg

- Zorg voor **één aanspreekpunt** dat de vrijwilliger kan bellen met vragen.
- Leer nieuwe mensen in en bied **vorming** aan; kijk ook naar de vormingen in de kalender.
- Maak duidelijke afspraken over **kostenvergoedingen** en houd de administratie bij.
- Vraag geregeld hoe het gaat, en luister naar ideeën.
- Respecteer grenzen: vrijwilligers zijn geen goedkope werknemers.

## Waardering en afscheid

- Bedank vaak en concreet. Een jaarlijks moment voor je vrijwilligers doet veel.
- Laat vrijwilligers meepraten over wat hen aanbelangt.
- Neem afscheid met een gesprek: waarom stopt iemand, wat kan beter?

## Op papier

Schrijf je afspraken neer in een kort **vrijwilligersbeleid**: waarom je met vrijwilligers \
werkt, welke taken ze opnemen, hoe je ze begeleidt, verzekert en vergoedt. Het helpt nieuwe \
coördinatoren en maakt je organisatie betrouwbaar.""",
        50,
    ),
    (
        "hulp",
        "Waar vind je hulp?",
        "Organisaties en diensten die vrijwilligers en organisaties met raad en daad bijstaan.",
        """## Vlaanderen vrijwilligt

Het **Vlaams Steunpunt Vrijwilligerswerk** ondersteunt vrijwilligers en organisaties in \
Vlaanderen: uitleg over de vrijwilligerswet, modeldocumenten (zoals een informatienota), \
informatie over de gratis verzekering van de Vlaamse overheid en vormingen. Website: \
[vlaanderenvrijwilligt.be](https://www.vlaanderenvrijwilligt.be).

## Hoge Raad voor Vrijwilligers

Het federale adviesorgaan publiceert de **officiële maximumbedragen** van de \
kostenvergoedingen en uitleg over de wet: \
[hogeraadvrijwilligers.belgium.be](https://hogeraadvrijwilligers.belgium.be).

## De stad

De stad ondersteunt vrijwilligers en organisaties via haar **vrijwilligerspunt**: voor vragen \
over vrijwilligerswerk in de stad, om vrijwilligers en organisaties met elkaar in contact te \
brengen en voor vormingen. In Gent kun je terecht bij **Gentinfo** (09 210 10 10 of \
[stad.gent](https://stad.gent)), die je naar de juiste dienst doorverwijst.

## Op dit platform

- Zoek een **vrijwilligersvacature** bij een organisatie in je buurt.
- Bekijk de **vormingen** voor vrijwilligers in de kalender.
- Registreer je **organisatie** om vrijwilligers te vinden.""",
        60,
    ),
]


def seed_information(apps: Any = None) -> int:
    """Create the pages and the 2024 ceilings that are missing; returns how many rows were
    created. Pages are found by path, ceilings by year: an editor's changes stay."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    InfoPage = apps.get_model("info", "InfoPage")
    AllowanceCeilings = apps.get_model("info", "AllowanceCeilings")
    created = 0
    by_path: dict[str, Any] = {page.path: page for page in InfoPage.objects.all()}
    for path, title, summary, body, position in PAGES:
        if path in by_path:
            continue
        parent_path, _sep, slug = path.rpartition("/")
        parent = by_path.get(parent_path) if parent_path else None
        if parent_path and parent is None:
            continue  # an editor removed or moved the parent: do not recreate a branch
        by_path[path] = InfoPage.objects.create(
            parent=parent,
            slug=slug,
            path=path,
            title=title,
            summary=summary,
            body=body,
            position=position,
        )
        created += 1
    if not AllowanceCeilings.objects.filter(year=SEED_CEILINGS["year"]).exists():
        AllowanceCeilings.objects.create(**SEED_CEILINGS)
        created += 1
    return created
