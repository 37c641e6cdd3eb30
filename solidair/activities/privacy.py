"""What the calendar holds about a person, and what deleting their account does here
(see solidair.accounts.privacy)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from solidair.accounts.privacy import on_account_deletion, personal_data

from . import services
from .models import CalendarFeed, Event, Registration

if TYPE_CHECKING:
    from solidair.accounts.models import User


@personal_data("event_registrations")
def _registrations(user: User) -> list[dict[str, Any]]:
    return [
        {
            "event": r.occurrence.event.title,
            "starts_at": r.occurrence.starts_at,
            "status": r.status,
            "registered_at": r.created_at,
        }
        for r in Registration.objects.filter(user=user)
        .select_related("occurrence", "occurrence__event")
        .order_by("created_at", "pk")
    ]


@personal_data("events_announced")
def _events(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": e.pk,
            "title": e.title,
            "description": e.description,
            "type": e.type,
            "organisation": e.organisation.name if e.organisation else None,
            "starts_at": e.starts_at,
            "recurrence": e.recurrence,
            "status": e.status,
            "created_at": e.created_at,
        }
        for e in Event.objects.filter(author=user).select_related("organisation").order_by("pk")
    ]


@on_account_deletion(order=20)
def _free_places(user: User) -> None:
    """Upcoming places are given up through the service, so the first person waiting gets
    them (a plain cascade would leave the place empty and nobody told)."""
    for registration in Registration.objects.filter(
        user=user, occurrence__ends_at__gt=timezone.now()
    ).select_related("occurrence"):
        services.unregister(occurrence=registration.occurrence, user=user)


@on_account_deletion(order=21)
def _cancel_own_events(user: User) -> None:
    """A person's own upcoming events (not an organisation's) are cancelled, and the
    people registered told."""
    for event in Event.objects.filter(
        author=user, organisation__isnull=True, status=Event.Status.PUBLISHED
    ).order_by("pk"):
        if event.occurrences.filter(ends_at__gt=timezone.now()).exists():
            services.cancel_event(event=event, by=user)


@on_account_deletion(order=22)
def _forget_calendar(user: User) -> None:
    """After the upcoming places are given up: the registrations for past dates and the
    private feed's secret go too; they name the person and serve nobody else."""
    Registration.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
