"""The reminder the day before (manage.py send_event_reminders)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

from solidair.core.emails import send_templated_email

from ..models import Event, Registration
from ..querysets import local_midnight
from ._cleaning import _occurrence_context

# --- reminders ----------------------------------------------------------------------------------


def _still_sees_group() -> models.Q:
    # Someone who left a closed group hears nothing more about its events.
    from solidair.groups.models import GroupMembership

    member = models.Exists(
        GroupMembership.objects.filter(
            group=models.OuterRef("occurrence__event__group"),
            user=models.OuterRef("user"),
            state="active",
        )
    )
    return (
        models.Q(occurrence__event__group__isnull=True)
        | models.Q(occurrence__event__group__visibility="open")
        | models.Q(member)
    )


def send_event_reminders(*, now: datetime | None = None) -> int:
    """Email everyone with a place for an occurrence that starts tomorrow (Brussels time)
    or later today, who was not reminded yet: run daily, the reminder arrives the day
    before; run hourly, late registrations are reminded too. Each registration is claimed
    with a conditional UPDATE before its email is queued, so running the job again (or
    twice at once) never sends a reminder twice. Returns how many were sent."""
    now = now or timezone.now()
    until = local_midnight(timezone.localtime(now).date() + timedelta(days=2))
    due = (
        Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            reminded_at__isnull=True,
            occurrence__cancelled_at__isnull=True,
            occurrence__event__status=Event.Status.PUBLISHED,
            # A hidden event sends no reminder; restored in time, it still does.
            occurrence__event__hidden_at__isnull=True,
            occurrence__starts_at__gt=now,
            occurrence__starts_at__lt=until,
        )
        .filter(_still_sees_group())
        .select_related(
            "user",
            "user__profile",
            "occurrence",
            "occurrence__event",
            "occurrence__event__neighbourhood",
        )
        .order_by("pk")
    )
    sent = 0
    for registration in due.iterator(chunk_size=500):
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        occurrence = registration.occurrence
        context = _occurrence_context(occurrence)
        if occurrence.event.online_url:
            context["online_url"] = occurrence.event.online_url
        send_templated_email(
            to=registration.user,
            template="activities_reminder",
            context=context,
            about=("event", occurrence.event_id),
        )
        sent += 1
    return sent
