"""Announcing, editing and cancelling events, materialising their occurrences, and
messages from the organisers to the people registered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidair.accounts.models import User
from solidair.core.emails import send_templated_email
from solidair.notifications.services import notify
from solidair.organisations.models import Organisation

from ..models import Event, Occurrence, Registration
from ..recurrence import expand, parse_exdates, parse_rule
from ._cleaning import (
    _apply,
    _clean_image,
    _clean_text,
    _occurrence_context,
    _require_contributor,
    _require_organiser,
    _resolve_group,
    _resolve_organisation,
    _Schedule,
    search_document_for,
)
from .registration import _promote

# --- occurrences --------------------------------------------------------------------------------


def sync_occurrences(*, event: Event, schedule: _Schedule | None = None) -> None:
    """Make the event's Occurrence rows match its schedule. A date that stays keeps its
    row (and registrations) and follows a new time of day; a new date gets a row; a date
    that goes away is deleted, or cancelled (and its people told) if anyone registered.
    Past occurrences are left alone."""
    if schedule is None:
        schedule = _Schedule(
            event.starts_at,
            event.ends_at,
            event.all_day,
            parse_rule(event.recurrence),
            parse_exdates(event.exdates),
        )
    slots = expand(
        starts_at=schedule.starts_at,
        ends_at=schedule.ends_at,
        all_day=schedule.all_day,
        rule=schedule.rule,
        exdates=schedule.exdates,
    )
    now = timezone.now()
    existing = {o.day: o for o in event.occurrences.all()}
    wanted = {slot.day: slot for slot in slots}
    to_create = []
    to_update = []
    for day, slot in wanted.items():
        occurrence = existing.get(day)
        if occurrence is None:
            to_create.append(
                Occurrence(event=event, day=day, starts_at=slot.starts_at, ends_at=slot.ends_at)
            )
        elif occurrence.ends_at > now and (
            occurrence.starts_at != slot.starts_at or occurrence.ends_at != slot.ends_at
        ):
            occurrence.starts_at = slot.starts_at
            occurrence.ends_at = slot.ends_at
            to_update.append(occurrence)
    gone = [o for day, o in existing.items() if day not in wanted and o.ends_at > now]
    with_people = set(
        Registration.objects.filter(occurrence__in=gone).values_list("occurrence_id", flat=True)
    )
    Occurrence.objects.filter(pk__in=[o.pk for o in gone if o.pk not in with_people]).delete()
    Occurrence.objects.bulk_create(to_create)
    Occurrence.objects.bulk_update(to_update, ["starts_at", "ends_at"])
    for occurrence in gone:
        if occurrence.pk in with_people and occurrence.cancelled_at is None:
            _cancel(occurrence, reason=_("This date was removed from the schedule."))


# --- events -------------------------------------------------------------------------------------


@transaction.atomic
def create_event(
    *,
    author: User,
    data: Mapping[str, Any],
    organisation: Organisation | str | None = None,
    group: Any = None,
    image: Any = None,
) -> Event:
    """Announce an event from `data` (keys of EVENT_FIELDS; neighbourhood and target
    groups by slug or instance, languages by ISO code or instance; `starts_at`/`ends_at`
    aware datetimes or ISO 8601 strings; `recurrence` an RRULE with COUNT or UNTIL;
    `exdates` local dates), as `author` or on behalf of `organisation` (one they may act
    for), with an optional uploaded `image`. With `group` (a group the author is an active
    member of) only people who see that group's content see the event. Its occurrences
    are created at once."""
    _require_contributor(author)
    org = _resolve_organisation(author, organisation)
    event = Event(author=author, organisation=org, group=_resolve_group(author, group))
    target_groups, languages, schedule = _apply(event, data)
    if image:
        event.image.save("upload.jpg", _clean_image(image), save=False)
    event.search_document = search_document_for(event)
    event.save()
    event.target_groups.set(target_groups)
    event.languages.set(languages)
    sync_occurrences(event=event, schedule=schedule)
    return event


@transaction.atomic
def update_event(
    *,
    event: Event,
    by: User,
    data: Mapping[str, Any],
    image: Any = None,
    remove_image: bool = False,
) -> Event:
    """Change an event (same `data` as create_event; the organisation stays). Dates that
    stay keep their registrations; a raised capacity lets people off the waiting list."""
    _require_contributor(by)
    _require_organiser(by, event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    old_capacity = locked.capacity
    target_groups, languages, schedule = _apply(event, data)
    if image:
        event.image.save("upload.jpg", _clean_image(image), save=False)
    elif remove_image:
        event.image = ""
    event.search_document = search_document_for(event)
    event.sequence = locked.sequence + 1
    event.save()
    event.target_groups.set(target_groups)
    event.languages.set(languages)
    sync_occurrences(event=event, schedule=schedule)
    if event.capacity is None or (old_capacity is not None and event.capacity > old_capacity):
        for occurrence in event.occurrences.filter(
            ends_at__gt=timezone.now(), cancelled_at__isnull=True
        ):
            _promote(Occurrence.objects.select_for_update().get(pk=occurrence.pk))
    return event


@transaction.atomic
def cancel_event(*, event: Event, by: User, reason: str = "") -> Event:
    """Cancel the whole event: every upcoming occurrence is cancelled and everyone
    registered or waiting is told."""
    _require_organiser(by, event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.is_cancelled:
        return locked
    reason = _clean_text(reason, "reason", max_length=500, required=False)
    for occurrence in locked.occurrences.filter(
        ends_at__gt=timezone.now(), cancelled_at__isnull=True
    ):
        _cancel(occurrence, reason=reason)
    locked.status = Event.Status.CANCELLED
    locked.sequence += 1
    locked.save(update_fields=["status", "sequence", "updated_at"])
    return locked


def _cancel(occurrence: Occurrence, *, reason: str) -> None:
    occurrence.cancelled_at = timezone.now()
    occurrence.cancel_reason = reason
    occurrence.save(update_fields=["cancelled_at", "cancel_reason"])
    Event.objects.filter(pk=occurrence.event_id).update(sequence=models.F("sequence") + 1)
    context = {**_occurrence_context(occurrence), "reason": reason}
    for registration in occurrence.registrations.select_related("user", "user__profile"):
        send_templated_email(
            to=registration.user,
            template="activities_cancelled",
            context=context,
            about=("event", occurrence.event_id),
        )
        notify(
            user=registration.user,
            kind="activities.cancelled",
            title=gettext_lazy("Cancelled: “%(title)s” on %(when)s"),
            params={"title": occurrence.event.title, "when": context["when"]},
            url=occurrence.get_absolute_url(),
        )


@transaction.atomic
def cancel_occurrence(*, occurrence: Occurrence, by: User, reason: str = "") -> Occurrence:
    """Cancel one date; everyone registered or waiting is emailed. Registrations stay, so
    the list of people remains available to the organisers."""
    _require_organiser(by, occurrence.event)
    locked = (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("event", "event__neighbourhood")
        .get(pk=occurrence.pk)
    )
    if locked.cancelled_at is not None:
        return locked
    if locked.ends_at <= timezone.now():
        raise ValidationError(_("This date is over; it cannot be cancelled any more."))
    _cancel(locked, reason=_clean_text(reason, "reason", max_length=500, required=False))
    return locked


@transaction.atomic
def message_registrants(
    *, occurrence: Occurrence, by: User, subject: str, body: str, include_waitlist: bool = False
) -> int:
    """Email everyone registered for `occurrence` (and the waiting list if asked) in the
    organisers' name. Their addresses stay hidden from the organisers. Returns how many.
    Not sent if the moderators hide the event before the emails go out."""
    _require_contributor(by)
    _require_organiser(by, occurrence.event)
    subject = _clean_text(subject, "subject", max_length=150)
    body = _clean_text(body, "body", max_length=5000)
    registrations = occurrence.registrations.select_related("user", "user__profile")
    if not include_waitlist:
        registrations = registrations.filter(status=Registration.Status.REGISTERED)
    sender = (
        occurrence.event.organisation.name if occurrence.event.organisation else by.display_name
    )
    context = {
        **_occurrence_context(occurrence),
        "subject": subject,
        "body": body,
        "sender": sender,
    }
    count = 0
    for registration in registrations:
        send_templated_email(
            to=registration.user,
            template="activities_message",
            context=context,
            about=("event", occurrence.event_id),
        )
        count += 1
    return count
