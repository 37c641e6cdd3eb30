"""The iCal output parses with the icalendar library and says what RFC 5545 needs: stable
UIDs, Brussels times with a VTIMEZONE, rules, exceptions and cancellations."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import icalendar
from django.urls import reverse
from django.utils import timezone

from solidair.activities import services

from .factories import EventFactory, tomorrow_at


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(cal: icalendar.Calendar) -> list[Any]:
    return list(cal.walk("VEVENT"))


def test_the_public_feed_has_series_with_rules_exceptions_and_cancelled_dates(
    client, org_admin, organisation
):
    event = services.create_event(
        author=org_admin,
        organisation=organisation,
        data={
            "title": "Taalcafé",
            "description": "Nederlands oefenen.",
            "starts_at": tomorrow_at(19),
            "ends_at": tomorrow_at(21),
            "neighbourhood": "rabot-blaisantvest",
            "recurrence": "FREQ=WEEKLY;UNTIL="
            + (timezone.localdate() + timedelta(days=36)).strftime("%Y%m%d"),
            "exdates": [(timezone.localdate() + timedelta(days=8)).isoformat()],
            "online_url": "https://meet.example.org/secret",
        },
    )
    third = event.occurrences.order_by("starts_at")[1]
    services.cancel_occurrence(occurrence=third, by=org_admin, reason="Zaal bezet")
    EventFactory.create(title="Infosessie vrijwilligerswerk", type="info-session")

    cal = parse(client.get(reverse("activities:feed")))
    assert cal["VERSION"] == "2.0"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
    events = vevents(cal)
    series = [e for e in events if e["SUMMARY"] == "Taalcafé"]
    master = next(e for e in series if "RECURRENCE-ID" not in e)
    override = next(e for e in series if "RECURRENCE-ID" in e)
    assert str(master["UID"]) == f"event-{event.uid}@solidair" == str(override["UID"])
    assert master["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert master["DTSTART"].dt == timezone.localtime(event.starts_at)
    rule = master["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["UNTIL"][0].tzinfo is not None  # a UTC time for a timed DTSTART
    exdates = [d.dt.date() for d in master["EXDATE"].dts]
    assert exdates == [timezone.localdate() + timedelta(days=8)]
    assert override["STATUS"] == "CANCELLED"
    assert override["RECURRENCE-ID"].dt == timezone.localtime(third.starts_at)
    assert master["STATUS"] == "CONFIRMED"
    # The online link never reaches a public feed.
    assert b"meet.example.org" not in client.get(reverse("activities:feed")).content
    other = next(e for e in events if e["SUMMARY"] == "Infosessie vrijwilligerswerk")
    assert "RRULE" not in other

    # What RFC 5545 requires of every VEVENT (3.6.1): UID and DTSTAMP, and DTSTART.
    for vevent in events:
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(vevent.keys())
        assert vevent["DTEND"].dt > vevent["DTSTART"].dt
    assert cal["PRODID"]
    # The same UIDs next time: calendar apps update instead of duplicating.
    again = vevents(parse(client.get(reverse("activities:feed"))))
    assert {str(e["UID"]) for e in again} == {str(e["UID"]) for e in events}


def test_the_expanded_rule_gives_the_same_dates_as_the_occurrences(client, citizen):
    from dateutil.rrule import rrulestr

    event = EventFactory.create(
        recurrence="FREQ=WEEKLY;COUNT=6",
        exdates=[(timezone.localdate() + timedelta(days=15)).isoformat()],
    )
    master = vevents(parse(client.get(reverse("activities:event_ics", args=[event.pk]))))[0]
    start = master["DTSTART"].dt
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=start.replace(tzinfo=None))
    excluded = {d.dt.date() for d in master["EXDATE"].dts}
    from_feed = [d.date() for d in rule if d.date() not in excluded]
    assert from_feed == list(event.occurrences.order_by("starts_at").values_list("day", flat=True))
    assert len(from_feed) == 5


def test_an_all_day_event_uses_dates(client, db):
    day = timezone.localdate() + timedelta(days=4)
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    event = EventFactory.create(
        all_day=True,
        starts_at=start,
        ends_at=start + timedelta(days=2),
        recurrence="FREQ=MONTHLY;COUNT=2",
    )
    master = vevents(parse(client.get(reverse("activities:event_ics", args=[event.pk]))))[0]
    assert master["DTSTART"].dt == day
    assert master["DTEND"].dt == day + timedelta(days=2)
    assert isinstance(master["DTSTART"].dt, date)


def test_a_cancelled_single_event_is_cancelled_in_the_feed(client, training, occurrence, org_admin):
    services.cancel_occurrence(occurrence=occurrence, by=org_admin)
    events = vevents(parse(client.get(reverse("activities:feed"))))
    assert [e["STATUS"] for e in events] == ["CANCELLED"]


def test_the_organisation_feed_has_only_its_events(client, training, organisation):
    EventFactory.create(title="Van iemand anders")
    events = vevents(
        parse(client.get(reverse("activities:organisation_feed", args=[organisation.slug])))
    )
    assert [str(e["SUMMARY"]) for e in events] == [training.title]


def test_the_private_feed_shows_only_its_owners_dates_with_their_links(client, citizen, volunteer):
    online = EventFactory.create(
        title="Online vorming", online_url="https://meet.example.org/vorming"
    )
    other = EventFactory.create(title="Niet voor mij", online_url="https://meet.example.org/ander")
    services.register(occurrence=online.occurrences.get(), user=citizen)
    services.register(occurrence=other.occurrences.get(), user=volunteer)
    token = services.get_or_create_feed(user=citizen).token
    response = client.get(reverse("activities:private_feed", args=[token]))
    events = vevents(parse(response))
    assert [str(e["SUMMARY"]) for e in events] == ["Online vorming"]
    assert "meet.example.org/vorming" in str(events[0]["DESCRIPTION"])
    assert b"/ander" not in response.content
    assert "no-store" in response["Cache-Control"]
    # A regenerated token closes the old URL.
    services.regenerate_feed_token(user=citizen)
    assert client.get(reverse("activities:private_feed", args=[token])).status_code == 404
    assert client.get(reverse("activities:private_feed", args=["guess"])).status_code == 404


def test_the_online_link_is_in_an_ics_only_for_people_with_a_place(client, citizen, stranger):
    event = EventFactory.create(online_url="https://meet.example.org/x", capacity=1)
    occurrence = event.occurrences.get()
    services.register(occurrence=occurrence, user=citizen)
    services.register(occurrence=occurrence, user=stranger)  # waiting list
    url = reverse("activities:occurrence_ics", args=[occurrence.pk])
    assert b"meet.example.org" not in client.get(url).content
    client.force_login(stranger)
    assert b"meet.example.org" not in client.get(url).content
    client.force_login(citizen)
    assert b"meet.example.org" in client.get(url).content
