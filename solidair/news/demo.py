"""Demo news: a handful of articles from the city and its organisations in Ghent, with tags,
one scheduled for next week and one submission waiting for review; and the information
pages of the volunteer information point (solidair.info.content, idempotent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from solidair.core.demo import DemoContext, demo_section

from . import services
from .models import Article


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    lead: str
    body: str
    tags: tuple[str, ...]
    days_ago: int  # negative: scheduled in the future
    organisation: str | None = None
    submitted: bool = False  # waiting for an editor's review


ARTICLES = [
    DemoArticle(
        "warmste-week-vrijwilligers-gezocht",
        "Vrijwilligers gezocht voor de Warmste Week in de Brugse Poort",
        "Buurtbewoners en verenigingen slaan de handen in elkaar voor een week vol "
        "solidariteit. Er is nog plaats voor helpende handen.",
        "In december organiseren buurtwerkingen in de **Brugse Poort** een week met "
        "soepbars, een ruilmarkt en een kerstmaaltijd voor alleenstaanden.\n\n"
        "## Wat kun je doen?\n\n- soep koken of serveren\n- mee opbouwen en afbreken\n"
        "- mensen van en naar huis brengen\n\nBekijk de vacatures bij de organisaties en "
        "reageer rechtstreeks.",
        ("vrijwilligerswerk", "Brugse Poort", "winter"),
        2,
        "voedselpunt-brugse-poort",
    ),
    DemoArticle(
        "nieuwe-taalcafes-in-gent-noord",
        "Drie nieuwe taalcafés in Gent-Noord",
        "Nederlands oefenen in een ontspannen sfeer: vanaf deze maand kan het elke week op "
        "drie plaatsen in de Muide, Meulestede en het Sluizeken.",
        "Taalcafé Babbelonie opent drie nieuwe tafels. Iedereen die Nederlands leert is "
        "welkom, net als vrijwilligers die graag een babbel slaan.\n\nJe hoeft geen "
        "leraar te zijn: geduld en zin in een gesprek volstaan. Na een korte vorming ga je "
        "aan de slag.",
        ("taal", "vrijwilligerswerk"),
        6,
        "taalcafe-babbelonie",
    ),
    DemoArticle(
        "kostenvergoeding-vrijwilligers-wat-verandert",
        "Kostenvergoeding voor vrijwilligers: wat moet je weten?",
        "Een kostenvergoeding is geen loon. Op het informatiepunt lees je welke maximumbedragen "
        "gelden en hoe je ze correct uitbetaalt.",
        "Veel organisaties vergoeden de kosten van hun vrijwilligers. Dat mag, binnen de "
        "wettelijke grenzen. Op de pagina **Kostenvergoedingen** van het informatiepunt vind "
        "je de maximumbedragen per dag en per jaar en het verschil tussen een forfaitaire en "
        "een reële vergoeding.",
        ("vrijwilligerswerk", "regelgeving"),
        12,
    ),
    DemoArticle(
        "fietsatelier-zoekt-sleutelaars",
        "Fietsatelier Op Wielen zoekt sleutelaars",
        "Elke zaterdag herstellen vrijwilligers fietsen voor nieuwkomers en gezinnen met een "
        "krap budget. Er is plaats voor nieuwe sleutelaars.",
        "Ervaring is mooi meegenomen, maar niet nodig: je leert het van de vaste ploeg. "
        "Wie wil, kan ook helpen met onthaal of met het inzamelen van oude fietsen.",
        ("fietsen", "vrijwilligerswerk"),
        20,
        "fietsatelier-op-wielen",
    ),
    DemoArticle(
        "winterplan-daklozen-2026",
        "Winterplan: extra nachtopvang vanaf december",
        "De stad opent extra bedden in de nachtopvang. Organisaties die willen helpen met "
        "onthaal of ontbijt kunnen zich melden.",
        "Van december tot maart zijn er extra plaatsen in de nachtopvang. Er is vooral nood "
        "aan vrijwilligers voor het ontbijt en voor een warm onthaal 's avonds.",
        ("dak- en thuisloosheid", "winter"),
        -7,
    ),
    DemoArticle(
        "repair-cafe-dampoort-vijf-jaar",
        "Repair Café Dampoort bestaat vijf jaar",
        "Meer dan 2.000 toestellen kregen een tweede leven. Vier mee op de verjaardagseditie.",
        "Sinds vijf jaar herstellen buurtbewoners er samen broodroosters, lampen en kleren. "
        "Op de verjaardagseditie is er taart en een tentoonstelling van de vreemdste "
        "herstellingen.",
        ("buurt", "Dampoort"),
        0,
        "repair-cafe-dampoort",
        True,
    ),
]


@demo_section("news", order=40, steps=lambda size: len(ARTICLES) + 1)
def news(ctx: DemoContext) -> None:
    """News articles through the services (the demo admin is a city editor), and the
    information pages of the volunteer information point."""
    from solidair.info.content import seed_information

    editor = ctx.people["admin"]
    now = timezone.now()
    for item in ARTICLES:
        existing = Article.objects.filter(slug=item.slug).first()
        if existing is not None:
            ctx.tick("articles", created=False)
            continue
        organisation = ctx.organisations.get(item.organisation) if item.organisation else None
        data = services.ArticleData(
            title=item.title,
            lead=item.lead,
            body=item.body,
            tags=list(item.tags),
            organisation=organisation,
        )
        if item.submitted and organisation is not None:
            # Written directly: submit_article would email the editors during a seed.
            article = Article.objects.create(
                slug=item.slug,
                title=item.title,
                lead=item.lead,
                body=item.body,
                organisation=organisation,
                author=editor,
                submitted_by_organisation=True,
                status=Article.Status.SUBMITTED,
            )
        else:
            article = services.create_article(
                by=editor,
                data=data,
                publish=True,
                publish_at=now - timedelta(days=item.days_ago, hours=3),
            )
            if article.slug != item.slug:
                Article.objects.filter(pk=article.pk).update(slug=item.slug)
        ctx.tick("articles", created=True)
    created = seed_information()
    ctx.tick("information pages", created=created > 0)
