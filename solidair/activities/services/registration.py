"""Registration with capacity and waiting list (one row lock per date), and the
private feed token."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidair.accounts.models import User
from solidair.core.emails import send_templated_email
from solidair.notifications.services import notify

from ..models import CalendarFeed, Occurrence, Registration
from ._cleaning import _occurrence_context, _require_active

# --- registration -------------------------------------------------------------------------------


def _registered_count(occurrence: Occurrence) -> int:
    return Registration.objects.filter(
        occurrence=occurrence, status=Registration.Status.REGISTERED
    ).count()


def _promote(occurrence: Occurrence) -> list[Registration]:
    """Move people from the waiting list into free places (the occurrence row is locked
    by the caller), in the order they joined, and email them."""
    capacity = occurrence.event.capacity
    free = None if capacity is None else capacity - _registered_count(occurrence)
    queue = Registration.objects.filter(
        occurrence=occurrence, status=Registration.Status.WAITLISTED
    ).queue_order()
    if free is not None:
        if free <= 0:
            return []
        queue = queue[:free]
    promoted = list(queue.select_related("user", "user__profile"))
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = now
    Registration.objects.bulk_update(promoted, ["status", "promoted_at"])
    context = _occurrence_context(occurrence)
    if occurrence.event.online_url:
        context["online_url"] = occurrence.event.online_url
    for registration in promoted:
        send_templated_email(
            to=registration.user,
            template="activities_promoted",
            context=context,
            about=("event", occurrence.event_id),
        )
        notify(
            user=registration.user,
            kind="activities.promoted",
            title=gettext_lazy("A place freed up: you are registered for “%(title)s”"),
            params={"title": occurrence.event.title},
            url=occurrence.get_absolute_url(),
        )
    return promoted


def _lock_occurrence(occurrence: Occurrence) -> Occurrence:
    """Re-read the occurrence under a row lock: registrations for one date are serialised,
    so two people can never both take the last place."""
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("event", "event__neighbourhood")
        .get(pk=occurrence.pk)
    )


@transaction.atomic
def register(*, occurrence: Occurrence, user: User) -> Registration:
    """Register `user` for `occurrence`: a place if one is free (or there is no limit),
    otherwise a place on the waiting list. Registering again returns the existing
    registration."""
    _require_active(user)
    locked = _lock_occurrence(occurrence)
    event = locked.event
    if locked.is_cancelled:
        raise ValidationError(_("This date is cancelled."))
    if locked.starts_at <= timezone.now():
        raise ValidationError(_("Registration is closed: this date has started or is over."))
    if not event.registration_required:
        raise ValidationError(_("No registration is needed for this event: just come along."))
    existing = Registration.objects.filter(occurrence=locked, user=user).first()
    if existing is not None:
        return existing
    full = event.capacity is not None and _registered_count(locked) >= event.capacity
    registration = Registration.objects.create(
        occurrence=locked,
        user=user,
        status=Registration.Status.WAITLISTED if full else Registration.Status.REGISTERED,
    )
    context = {**_occurrence_context(locked), "waitlisted": full}
    if event.online_url and not full:
        context["online_url"] = event.online_url
    send_templated_email(
        to=user, template="activities_registered", context=context, about=("event", event.pk)
    )
    return registration


@transaction.atomic
def unregister(*, occurrence: Occurrence, user: User) -> list[Registration]:
    """Take `user` off the list (or the waiting list) of `occurrence`. A freed place goes
    to the first person waiting, who is emailed. Returns the people promoted."""
    _require_active(user)
    locked = _lock_occurrence(occurrence)
    registration = Registration.objects.filter(occurrence=locked, user=user).first()
    if registration is None:
        raise ValidationError(_("You are not registered for this date."))
    if locked.ends_at <= timezone.now():
        raise ValidationError(_("This date is over."))
    was_registered = registration.status == Registration.Status.REGISTERED
    registration.delete()
    if was_registered and not locked.is_cancelled:
        return _promote(locked)
    return []


# --- private feed -------------------------------------------------------------------------------


def get_or_create_feed(*, user: User) -> CalendarFeed:
    """The person's private feed token (made on first use)."""
    _require_active(user)
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def regenerate_feed_token(*, user: User) -> CalendarFeed:
    """A new secret for the private feed: the old URL stops working at once."""
    from ..models import new_feed_token

    _require_active(user)
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not _created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed
