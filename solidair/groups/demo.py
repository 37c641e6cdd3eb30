"""Demo groups for a local Solidair: open and closed groups in Ghent with discussions.

Idempotent: groups are found by slug, memberships by person, topics by title and replies
by author and text; only what is missing is created. Written straight to the models (not
through the services) so that loading the demo sends no emails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from solidair.core.demo import DemoContext, demo_section
from solidair.core.models import Neighbourhood, Sector

from .models import Group, GroupMembership, Reply, Topic


@dataclass(frozen=True)
class DemoTopic:
    title: str
    author: str
    body: str
    replies: list[tuple[str, str]] = field(default_factory=list)
    pinned: bool = False
    locked: bool = False


@dataclass(frozen=True)
class DemoGroup:
    slug: str
    name: str
    description: str
    visibility: str
    theme: str
    neighbourhood: str | None
    owner: str
    admins: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    requests: tuple[tuple[str, str], ...] = ()
    organisation: str | None = None
    topics: list[DemoTopic] = field(default_factory=list)


GROUPS: list[DemoGroup] = [
    DemoGroup(
        slug="buren-van-rabot",
        name="Buren van Rabot",
        description=(
            "Voor iedereen die in **Rabot-Blaisantvest** woont of werkt. We delen tips, "
            "zoeken samen oplossingen en spreken af voor de buurtbarbecue.\n\n"
            "Iedereen is welkom; blijf vriendelijk."
        ),
        visibility="open",
        theme="welfare",
        neighbourhood="rabot-blaisantvest",
        owner="demo",
        admins=("lotte",),
        members=("annelies", "rachid", "fatma"),
        organisation="buurtwerk-rabot",
        topics=[
            DemoTopic(
                "Welkom! Lees dit eerst",
                "demo",
                "Fijn dat je er bent. Stel je gerust even voor in een antwoord.\n\n"
                "- Geen reclame\n- Geen persoonsgegevens van anderen\n"
                "- Vragen om hulp mogen altijd",
                [("rachid", "Hallo allemaal, ik ben Rachid en woon sinds kort in de Rabottorens.")],
                pinned=True,
            ),
            DemoTopic(
                "Buurtbarbecue op 14 juni",
                "lotte",
                "We zoeken nog twee mensen die de grill willen bedienen en iemand met een "
                "bakfiets om de tafels te halen bij het buurtcentrum.",
                [
                    ("fatma", "Ik breng muntthee en koekjes mee!"),
                    ("annelies", "Ik kan om 15 uur helpen met opzetten."),
                ],
            ),
        ],
    ),
    DemoGroup(
        slug="taalcoaches-gent",
        name="Taalcoaches Gent",
        description=(
            "Vrijwillige taalcoaches wisselen ervaringen uit: oefenmateriaal, "
            "gespreksonderwerpen en wat werkt bij beginners."
        ),
        visibility="open",
        theme="integration",
        neighbourhood=None,
        owner="annelies",
        members=("demo", "sofie", "pieter"),
        organisation="taalcafe-babbelonie",
        topics=[
            DemoTopic(
                "Oefenmateriaal voor niveau A1",
                "annelies",
                "Wie heeft goede prentenboeken of apps voor absolute beginners? Ik werk met "
                "twee dames uit Eritrea die nog geen Latijns schrift lezen.",
                [
                    ("sofie", "De bib aan de Krook heeft een hele kast *makkelijk lezen*."),
                    ("pieter", "Probeer de beeldwoordenboeken; die werken goed voor mij."),
                ],
            ),
        ],
    ),
    DemoGroup(
        slug="mantelzorgers-gentbrugge",
        name="Mantelzorgers Gentbrugge",
        description=(
            "Een gesloten groep voor wie zorgt voor een ouder, partner of kind. Wat hier "
            "gedeeld wordt, blijft in de groep."
        ),
        visibility="closed",
        theme="elderly-care",
        neighbourhood="gentbrugge",
        owner="wim",
        members=("griet", "hilde"),
        requests=(("demo", "Ik zorg twee dagen per week voor mijn moeder en zoek lotgenoten."),),
        topics=[
            DemoTopic(
                "Respijtzorg in de zomer",
                "griet",
                "Heeft iemand ervaring met kortverblijf in de zomer? Ik wil een week op adem "
                "komen maar vind geen plaats.",
                [("hilde", "Bel zeker het OCMW, zij kennen de vrije plaatsen.")],
            ),
        ],
    ),
    DemoGroup(
        slug="voedselhulp-overleg",
        name="Overleg voedselhulp Brugse Poort",
        description=(
            "Afstemming tussen vrijwilligers van de voedselpunten: wie haalt wat op, "
            "wanneer en waar. Alleen voor vrijwilligers."
        ),
        visibility="closed",
        theme="poverty-reduction",
        neighbourhood="brugse-poort-rooigem",
        owner="bart",
        admins=("demo",),
        members=("koen", "nathalie"),
        requests=(("jef", "Ik wil graag helpen met ophalen op zaterdag."),),
        organisation="voedselpunt-brugse-poort",
        topics=[
            DemoTopic(
                "Ophaalschema oktober",
                "bart",
                "Het schema staat vast. Koen rijdt dinsdag, Nathalie vrijdag. Wie neemt de "
                "zaterdag?",
                [("koen", "Ik kan ook zaterdag als niemand anders kan.")],
                pinned=True,
            ),
            DemoTopic(
                "Koelcel stuk (opgelost)",
                "nathalie",
                "De koelcel is hersteld, dank aan iedereen die meedacht.",
                locked=True,
            ),
        ],
    ),
    DemoGroup(
        slug="fietsherstellers-ledeberg",
        name="Fietsherstellers Ledeberg",
        description="Elke eerste zaterdag herstellen we samen fietsen in de buurtgarage.",
        visibility="open",
        theme="environment",
        neighbourhood="ledeberg",
        owner="koen",
        members=("jef",),
        topics=[
            DemoTopic(
                "Onderdelen gezocht",
                "koen",
                "We hebben vooral binnenbanden (28 inch) en remblokjes nodig.",
            )
        ],
    ),
]


def _ensure_membership(
    group: Group,
    user_key: str,
    ctx: DemoContext,
    *,
    role: str,
    state: str = "active",
    motivation: str = "",
) -> None:
    user = ctx.people.get(user_key)
    if user is None:
        return
    now = timezone.now()
    GroupMembership.objects.get_or_create(
        group=group,
        user=user,
        defaults={
            "role": role,
            "state": state,
            "motivation": motivation,
            "joined_at": now if state == "active" else None,
            "notify": "every" if role == "owner" else "daily",
        },
    )


@demo_section("groups", order=40, steps=lambda size: len(GROUPS))
def groups(ctx: DemoContext) -> None:
    """A few open and closed groups in Ghent with members, a pending request and topics."""
    for data in GROUPS:
        group, created = Group.objects.get_or_create(
            slug=data.slug,
            defaults={
                "name": data.name,
                "description": data.description,
                "visibility": data.visibility,
                "theme": Sector.objects.filter(slug=data.theme).first(),
                "neighbourhood": Neighbourhood.objects.filter(slug=data.neighbourhood).first()
                if data.neighbourhood
                else None,
                "organisation": ctx.organisations.get(data.organisation)
                if data.organisation
                else None,
                "created_by": ctx.people.get(data.owner),
            },
        )
        _ensure_membership(group, data.owner, ctx, role="owner")
        for key in data.admins:
            _ensure_membership(group, key, ctx, role="admin")
        for key in data.members:
            _ensure_membership(group, key, ctx, role="member")
        for key, motivation in data.requests:
            _ensure_membership(
                group, key, ctx, role="member", state="requested", motivation=motivation
            )
        start = timezone.now() - timedelta(days=3 * len(data.topics) + 1)
        for index, item in enumerate(data.topics):
            when = start + timedelta(days=3 * index)
            topic, _topic_created = Topic.objects.get_or_create(
                group=group,
                title=item.title,
                defaults={
                    "author": ctx.people.get(item.author),
                    "body": item.body,
                    "pinned": item.pinned,
                    "locked": item.locked,
                    "created_at": when,
                    "last_activity_at": when,
                },
            )
            for offset, (author_key, body) in enumerate(item.replies, start=1):
                reply_at = when + timedelta(hours=5 * offset)
                _reply, reply_created = Reply.objects.get_or_create(
                    topic=topic,
                    author=ctx.people.get(author_key),
                    body=body,
                    defaults={"created_at": reply_at},
                )
                if reply_created:
                    Topic.objects.filter(pk=topic.pk).update(
                        reply_count=topic.replies.count(), last_activity_at=reply_at
                    )
        ctx.tick("groups", created=created)
