"""iCalendar (RFC 5545) output: the public feeds, an organisation's feed, the private
feed of a person and the "add to calendar" files.

- A series is one VEVENT with DTSTART/DTEND in Europe/Brussels (a VTIMEZONE is included),
  its RRULE and EXDATEs; a cancelled date of a series is an override VEVENT with the same
  UID, its RECURRENCE-ID and STATUS:CANCELLED; a cancelled single event or series has
  STATUS:CANCELLED itself. UIDs derive from the event's UUID, so they never change.
- The private feed lists the dates a person registered for, one VEVENT per date (UID per
  occurrence): they did not sign up for the whole series.
- The online link appears only where the reader may see it (private feed, an organiser's
  or registered person's .ics); never in public feeds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

from solidair.core.emails import absolute_url

from .models import Event, Occurrence
from .recurrence import parse_rule

PRODID = "-//Solidair//Calendar//NL"


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _moment(value: datetime, all_day: bool) -> object:
    local = timezone.localtime(value)
    return local.date() if all_day else local


def _location(event: Event) -> str:
    parts = [event.address, event.neighbourhood.label if event.neighbourhood else ""]
    return ", ".join(p for p in parts if p) or ("Online" if event.online_url else "")


def _fill(vevent: icalendar.Event, event: Event, *, online: bool, url: str) -> None:
    vevent.add("summary", event.title)
    description = event.description
    if online and event.online_url:
        description = f"{description}\n\n{event.online_url}"
    vevent.add("description", f"{description}\n\n{url}")
    location = _location(event)
    if online and event.online_url and not event.address:
        location = event.online_url
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    vevent.add("categories", [event.get_type_display()])
    if event.organisation_id and event.organisation is not None:
        vevent.add(
            "organizer",
            f"{absolute_url(event.get_absolute_url())}",
            parameters={"cn": event.organisation.name},
        )
    vevent.add("dtstamp", timezone.now())
    vevent.add("last-modified", event.updated_at)
    vevent.add("created", event.created_at)
    vevent.add("sequence", event.sequence)


def series_vevents(event: Event, cancelled: Iterable[Occurrence]) -> list[icalendar.Event]:
    """The master VEVENT of `event` and an override for each cancelled date."""
    url = absolute_url(event.get_absolute_url())
    master = icalendar.Event()
    master.add("uid", event.ical_uid)
    master.add("dtstart", _moment(event.starts_at, event.all_day))
    master.add("dtend", _moment(event.ends_at, event.all_day))
    rule = parse_rule(event.recurrence)
    if rule is not None:
        master.add("rrule", rule.ical_parts(all_day=event.all_day))
        if event.exdates:
            start = timezone.localtime(event.starts_at)
            days = [datetime.fromisoformat(d).date() for d in event.exdates]
            if event.all_day:
                master.add("exdate", days)
            else:
                master.add(
                    "exdate",
                    [
                        timezone.make_aware(datetime.combine(d, start.time().replace(tzinfo=None)))
                        for d in days
                    ],
                )
    master.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    _fill(master, event, online=False, url=url)
    vevents = [master]
    if event.is_cancelled:
        return vevents
    for occurrence in cancelled:
        if rule is None:
            master["status"] = "CANCELLED"
            continue
        override = icalendar.Event()
        override.add("uid", event.ical_uid)
        override.add("recurrence-id", _moment(_original_start(event, occurrence), event.all_day))
        override.add("dtstart", _moment(occurrence.starts_at, event.all_day))
        override.add("dtend", _moment(occurrence.ends_at, event.all_day))
        override.add("status", "CANCELLED")
        _fill(override, event, online=False, url=absolute_url(occurrence.get_absolute_url()))
        vevents.append(override)
    return vevents


def _original_start(event: Event, occurrence: Occurrence) -> datetime:
    # The date the rule produces for this day: the series' time of day on that date.
    start = timezone.localtime(event.starts_at)
    return timezone.make_aware(datetime.combine(occurrence.day, start.time().replace(tzinfo=None)))


def occurrence_vevent(occurrence: Occurrence, *, online: bool) -> icalendar.Event:
    """One date as a standalone VEVENT (UID per occurrence)."""
    event = occurrence.event
    vevent = icalendar.Event()
    vevent.add("uid", occurrence.ical_uid)
    vevent.add("dtstart", _moment(occurrence.starts_at, event.all_day))
    vevent.add("dtend", _moment(occurrence.ends_at, event.all_day))
    vevent.add("status", "CANCELLED" if occurrence.is_cancelled else "CONFIRMED")
    _fill(vevent, event, online=online, url=absolute_url(occurrence.get_absolute_url()))
    return vevent


def _finish(cal: icalendar.Calendar) -> bytes:
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def series_feed(name: str, events: Iterable[Event]) -> bytes:
    """A feed of whole events (series with their cancelled dates). Each event needs its
    cancelled occurrences prefetched as `cancelled_occurrences`."""
    cal = _calendar(name)
    for event in events:
        for vevent in series_vevents(event, getattr(event, "cancelled_occurrences", [])):
            cal.add_component(vevent)
    return _finish(cal)


def occurrences_feed(name: str, items: Iterable[tuple[Occurrence, bool]]) -> bytes:
    """A feed of single dates: (occurrence, show the online link)."""
    cal = _calendar(name)
    for occurrence, online in items:
        cal.add_component(occurrence_vevent(occurrence, online=online))
    cal.add("refresh-interval", timedelta(hours=6), parameters={"value": "DURATION"})
    return _finish(cal)
