"""Demo calendar for Ghent: the `events` section of `manage.py seed_demo`.

A weekly language café, a monthly repair café, trainings (vorming) for volunteers, info
sessions (one online), a coordinators' meeting, a cooking evening with a small price and
a neighbourhood party by a citizen; some with a capacity and registrations, one full with
a waiting list. Dates are relative to the day of seeding, so a fresh demo always has
upcoming dates. Everything goes through the services (occurrences, waiting list); emails
are not sent while seeding (the people are fictional).

Idempotent: an event is identified by its title and author; what exists is left alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from unittest import mock

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from solidair.core.demo import DemoContext, demo_section

from . import services
from .models import Event, Registration


@dataclass(frozen=True)
class DemoEvent:
    title: str
    author: str
    organisation: str | None
    type: str
    description: str
    # The first date: `days` from today, on `weekday` (0 = Monday) or later if given.
    days: int
    start: time
    end: time
    weekday: int | None = None
    repeat: str = ""  # an RRULE without its end; the end comes from `weeks`
    weeks: int = 0
    neighbourhood: str | None = None
    address: str = ""
    online_url: str = ""
    capacity: int | None = None
    price: str | None = None
    registration_required: bool = True
    languages: tuple[str, ...] = ("nl",)
    target_groups: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    accessibility_notes: str = ""
    all_day: bool = False
    skip_second: bool = False  # an exception in the series (a holiday)
    group: str | None = None  # slug of a demo group: only for its members
    registrants: tuple[str, ...] = field(default_factory=tuple)

    def first_day(self, today: date) -> date:
        day = today + timedelta(days=self.days)
        if self.weekday is not None:
            day += timedelta(days=(self.weekday - day.weekday()) % 7)
        return day

    def data(self, today: date) -> dict[str, Any]:
        first = self.first_day(today)
        if self.all_day:
            starts_at = timezone.make_aware(datetime.combine(first, time.min))
            ends_at = starts_at + timedelta(days=1)
        else:
            starts_at = timezone.make_aware(datetime.combine(first, self.start))
            ends_at = timezone.make_aware(datetime.combine(first, self.end))
        recurrence = ""
        exdates: list[str] = []
        if self.repeat:
            until = first + timedelta(weeks=self.weeks)
            recurrence = f"{self.repeat};UNTIL={until:%Y%m%d}"
            if self.skip_second:
                interval = 2 if "INTERVAL=2" in self.repeat else 1
                exdates = [(first + timedelta(weeks=interval)).isoformat()]
        return {
            "title": self.title,
            "description": self.description,
            "type": self.type,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "all_day": self.all_day,
            "recurrence": recurrence,
            "exdates": exdates,
            "neighbourhood": self.neighbourhood or "",
            "address": self.address,
            "online_url": self.online_url,
            "capacity": self.capacity,
            "price": self.price,
            "registration_required": self.registration_required,
            "languages": list(self.languages),
            "target_groups": list(self.target_groups),
            "accessibility": list(self.accessibility),
            "accessibility_notes": self.accessibility_notes,
        }


EVENTS: list[DemoEvent] = [
    DemoEvent(
        title="Praatavond voor mantelzorgers",
        author="wim",
        organisation=None,
        group="mantelzorgers-gentbrugge",
        type="meeting",
        description=(
            "Elke maand een avond om ervaringen te delen, bij koffie en iets lekkers. "
            "Alleen voor de leden van de groep: wat hier gezegd wordt, blijft hier."
        ),
        days=7,
        weekday=2,
        start=time(19, 30),
        end=time(21, 30),
        repeat="FREQ=MONTHLY;BYDAY=2WE",
        weeks=26,
        neighbourhood="gentbrugge",
        address="Dienstencentrum Gentbrugge, Jules De Saint-Genoisstraat 1, 9050 Gent",
        target_groups=("elderly", "isolated"),
        registrants=("griet", "hilde"),
    ),
    DemoEvent(
        title="Taalcafé Babbelonie",
        author="marieke",
        organisation="taalcafe-babbelonie",
        type="activity",
        description=(
            "Elke donderdagavond oefenen we samen **Nederlands** bij een koffie of thee. "
            "Nieuwkomers praten in kleine groepjes met vrijwilligers over alledaagse "
            "onderwerpen: de buurt, werk, school, het weer.\n\n"
            "- Geen inschrijving nodig: kom gewoon binnen\n"
            "- Elk niveau is welkom, ook beginners\n"
            "- Vrijwilligers die willen meepraten zijn altijd welkom"
        ),
        days=1,
        weekday=3,
        start=time(19, 0),
        end=time(21, 0),
        repeat="FREQ=WEEKLY",
        weeks=16,
        skip_second=True,
        neighbourhood="binnenstad",
        address="Bibliotheek De Krook, Miriam Makebaplein 1, 9000 Gent",
        registration_required=False,
        languages=("nl", "ar", "fr", "en"),
        target_groups=("refugees", "isolated"),
        accessibility=("wheelchair", "hearing-loop"),
    ),
    DemoEvent(
        title="Repair Café Dampoort",
        author="ahmad",
        organisation="repair-cafe-dampoort",
        type="activity",
        description=(
            "Kapotte broodrooster, losse knoop, fiets met een slag in het wiel? Onze "
            "vrijwillige herstellers kijken er samen met jou naar. Breng je spullen mee, "
            "wij zorgen voor gereedschap, koffie en taart.\n\n"
            "Gratis; een vrije bijdrage mag."
        ),
        days=2,
        weekday=5,
        start=time(13, 0),
        end=time(17, 0),
        repeat="FREQ=MONTHLY;BYDAY=1SA",
        weeks=26,
        neighbourhood="dampoort",
        address="Land van Waaslaan 1, 9040 Gent",
        registration_required=False,
        languages=("nl", "fr"),
        target_groups=("poverty", "isolated"),
        accessibility=("wheelchair",),
    ),
    DemoEvent(
        title="Vorming: eerste hulp bij armoede",
        author="demo",
        organisation="buurtwerk-rabot",
        type="training",
        description=(
            "Een avond voor vrijwilligers die mensen in armoede ontmoeten: hoe herken je "
            "signalen, hoe praat je erover zonder te beschamen en naar welke diensten in "
            "Gent verwijs je door (OCMW, welzijnsloketten, voedselbedeling)?\n\n"
            "Met getuigenissen van ervaringsdeskundigen. Koffie en soep voorzien."
        ),
        days=9,
        start=time(19, 0),
        end=time(22, 0),
        neighbourhood="rabot-blaisantvest",
        address="Wijkcentrum Rabot, Opgeëistenlaan 455, 9000 Gent",
        capacity=12,
        target_groups=("poverty",),
        accessibility=("wheelchair",),
        registrants=("koen", "mohammed", "annelies", "lotte", "jef"),
    ),
    DemoEvent(
        title="Vorming: vrijwilligerswerk met nieuwkomers",
        author="nathalie",
        organisation="vluchtelingenhulp-gent-noord",
        type="training",
        description=(
            "Wat betekent het om te vluchten, hoe werkt de asielprocedure en hoe begeleid "
            "je iemand zonder de regie over te nemen? Een praktische vorming in kleine "
            "groep, met oefeningen.\n\nDe plaatsen zijn beperkt: schrijf je in."
        ),
        days=6,
        start=time(9, 30),
        end=time(12, 30),
        neighbourhood="muide-meulestede-afrikalaan",
        address="Meulesteedsesteenweg 300, 9000 Gent",
        capacity=3,
        languages=("nl", "en"),
        target_groups=("refugees",),
        registrants=("rachid", "koen", "yusuf", "zahra", "lotte"),
    ),
    DemoEvent(
        title="Infosessie: vrijwilligerswerk, verzekering en vergoedingen",
        author="griet",
        organisation="welzijnsloket-ledeberg",
        type="info-session",
        description=(
            "Online infosessie over de regels rond vrijwilligerswerk in België: ben je "
            "verzekerd, welke onkostenvergoeding mag je krijgen, wat als je een uitkering "
            "hebt? Met ruimte voor vragen.\n\nDe link krijg je na je inschrijving."
        ),
        days=12,
        start=time(12, 0),
        end=time(13, 0),
        online_url="https://meet.jit.si/solidair-gent-infosessie-vrijwilligers",
        capacity=40,
        languages=("nl",),
        accessibility=("easy-language",),
        registrants=("demo", "sofie", "dmytro"),
    ),
    DemoEvent(
        title="Infosessie: word buddy",
        author="katarzyna",
        organisation="buddywerking-samen-sterk",
        type="info-session",
        description=(
            "Wil je een paar uur per maand optrekken met iemand die er alleen voor staat? "
            "We vertellen hoe een buddytraject loopt, wat we van je verwachten en hoe we je "
            "begeleiden."
        ),
        days=15,
        start=time(19, 30),
        end=time(21, 0),
        neighbourhood="sint-amandsberg",
        address="Antwerpsesteenweg 40, 9040 Gent",
        capacity=25,
        target_groups=("isolated", "elderly"),
        accessibility=("wheelchair", "sign-language"),
        accessibility_notes=(
            "Vlaamse Gebarentaal op aanvraag, laat het ons een week op voorhand weten."
        ),
        registrants=("emine", "ionut"),
    ),
    DemoEvent(
        title="Overleg vrijwilligerscoördinatoren Gent-Noord",
        author="lieve",
        organisation="wijkcentrum-kanaaldorpen",
        type="meeting",
        description=(
            "Maandelijks overleg van wie vrijwilligers coördineert in Gent-Noord: "
            "afstemming van acties, gedeelde vormingen en wat er leeft in de wijken."
        ),
        days=3,
        weekday=1,
        start=time(14, 0),
        end=time(16, 0),
        repeat="FREQ=MONTHLY;BYDAY=2TU",
        weeks=24,
        neighbourhood="kanaaldorpen-en-zone",
        address="Wijkcentrum Kanaaldorpen, Doornzelestraat 1, 9000 Gent",
        target_groups=(),
    ),
    DemoEvent(
        title="Digipunt: je smartphone onder de knie",
        author="pieter",
        organisation="digipunt-nieuw-gent",
        type="activity",
        description=(
            "Berichtjes sturen, itsme installeren, een afspraak maken bij de dokter: "
            "vrijwilligers helpen je stap voor stap met je eigen toestel."
        ),
        days=4,
        weekday=1,
        start=time(14, 0),
        end=time(16, 0),
        repeat="FREQ=WEEKLY",
        weeks=8,
        neighbourhood="nieuw-gent-uz",
        address="Digipunt, Sint-Pietersaalststraat 138, 9000 Gent",
        capacity=8,
        languages=("nl", "tr"),
        target_groups=("elderly", "isolated"),
        registrants=("hilde",),
    ),
    DemoEvent(
        title="Samen koken en eten",
        author="selam",
        organisation="kookatelier-smaakmakers",
        type="activity",
        description=(
            "Om de twee weken koken we met de buurt een gezonde maaltijd uit een andere "
            "keuken, en eten we samen. Kinderen zijn welkom."
        ),
        days=5,
        weekday=4,
        start=time(17, 30),
        end=time(20, 30),
        repeat="FREQ=WEEKLY;INTERVAL=2",
        weeks=12,
        neighbourhood="brugse-poort-rooigem",
        address="Wondelgemstraat 120, 9000 Gent",
        capacity=16,
        price="3.00",
        languages=("nl", "ti", "ar"),
        target_groups=("families", "poverty"),
        accessibility=("childcare",),
        registrants=("fatma", "aisha", "olena"),
    ),
    DemoEvent(
        title="Buurtfeest in de Brugse Poort",
        author="annelies",
        organisation=None,
        type="activity",
        description=(
            "Een hele dag met springkasteel, soep van de buren, muziek en een "
            "ruilmarkt voor kinderkleding. Iedereen welkom, breng gerust iets mee om te delen."
        ),
        days=20,
        weekday=5,
        start=time(0, 0),
        end=time(0, 0),
        all_day=True,
        neighbourhood="brugse-poort-rooigem",
        address="Edward Anseeleplein, 9000 Gent",
        registration_required=False,
        target_groups=("families",),
    ),
]


@demo_section("events", order=45, steps=lambda size: len(EVENTS))
def events(ctx: DemoContext) -> None:
    """Calendar events with occurrences and registrations."""
    today = timezone.localdate()
    with _without_emails():
        for demo_event in EVENTS:
            event, created = _ensure_event(ctx, demo_event, today)
            ctx.tick("events", created=created)
            if event is None:
                continue
            if not created:
                ctx.total["registrations"] += Registration.objects.filter(
                    occurrence__event=event
                ).count()
                continue
            occurrence = event.occurrences.order_by("starts_at").first()
            if occurrence is None:
                continue
            for key in demo_event.registrants:
                person = ctx.people.get(key)
                if person is None:
                    continue
                try:
                    services.register(occurrence=occurrence, user=person)
                except (ValidationError, PermissionDenied):
                    continue
                ctx.total["registrations"] += 1
                ctx.created["registrations"] += 1


def _ensure_event(
    ctx: DemoContext, demo_event: DemoEvent, today: date
) -> tuple[Event | None, bool]:
    author = ctx.people.get(demo_event.author)
    if author is None:
        return None, False
    existing = Event.objects.filter(author=author, title=demo_event.title).order_by("pk").first()
    if existing is not None:
        return existing, False
    organisation = (
        ctx.organisations.get(demo_event.organisation) if demo_event.organisation else None
    )
    if demo_event.organisation and organisation is None:
        return None, False
    try:
        with transaction.atomic():
            event = services.create_event(
                author=author,
                organisation=organisation,
                group=demo_event.group,
                data=demo_event.data(today),
            )
    except (ValidationError, PermissionDenied):
        return None, False
    return event, True


@contextmanager
def _without_emails() -> Iterator[None]:
    """No confirmation emails for fictional registrations (see the exchange's demo)."""
    # Each services module imported the email (and in-app notification) function itself.
    targets = [
        "solidair.activities.services.events.send_templated_email",
        "solidair.activities.services.events.notify",
        "solidair.activities.services.registration.send_templated_email",
        "solidair.activities.services.registration.notify",
    ]
    with contextlib.ExitStack() as stack:
        for target in targets:
            stack.enter_context(mock.patch(target, return_value=None))
        yield
