"""Who may see, manage and register for events; the access helpers views and API
endpoints call on their first line.

- Everyone sees published events, except those announced for a rejected organisation
  and those the moderators hid (only the organisers and the moderators see those).
- An event is managed (edited, cancelled, its people listed, exported and messaged) by its
  author and, for an event on behalf of an organisation, that organisation's owner and
  administrators.
- The online link is shown only to the people registered (not waiting) and the organisers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.core.exceptions import PermissionDenied
from django.http import Http404

from solidair.core.permissions import Permissions
from solidair.organisations.models import Membership

from .models import Event, Occurrence, Registration

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    AnyUser: TypeAlias = User | AnonymousUser

ADMIN_ROLES = (Membership.Role.OWNER, Membership.Role.ADMIN)


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_manage_event(user: AnyUser, event: Event) -> bool:
    """The author and the owner/admins of the organisation it is announced for."""
    if not _active(user):
        return False
    if event.author_id == user.pk:
        return True
    if event.organisation_id is None:
        return False
    return Membership.objects.filter(
        organisation_id=event.organisation_id, user_id=int(user.pk or 0), role__in=ADMIN_ROLES
    ).exists()


def can_see_online_link(
    user: AnyUser, event: Event, registration: Registration | None, *, manager: bool
) -> bool:
    """Organisers, and people with a place (not on the waiting list) for the date."""
    if manager:
        return True
    return registration is not None and registration.status == Registration.Status.REGISTERED


def has_permission(user: AnyUser, permission: Permissions, event: Event | None = None) -> bool:
    """The named calendar permissions, for templates and checks."""
    if permission == Permissions.EVENT_CREATE or permission == Permissions.EVENT_REGISTER:
        return _active(user)
    if permission == Permissions.EVENT_MANAGE and event is not None:
        return can_manage_event(user, event)
    return False


def get_event_or_404(user: AnyUser, pk: int) -> Event:
    """The event with what its page shows, if `user` may see it."""
    event = Event.objects.visible_to(user).with_related().filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def get_occurrence_or_404(user: AnyUser, pk: int) -> Occurrence:
    occurrence = (
        Occurrence.objects.visible_to(user)
        .select_related(
            "event", "event__organisation", "event__neighbourhood", "event__author__profile"
        )
        .prefetch_related("event__target_groups", "event__languages")
        .filter(pk=pk)
        .first()
    )
    if occurrence is None:
        raise Http404
    return occurrence


def get_event_for_organiser_or_404(user: AnyUser, pk: int) -> Event:
    """The event if `user` manages it: 404 if they cannot see it, 403 if they only see it."""
    event = get_event_or_404(user, pk)
    if not can_manage_event(user, event):
        raise PermissionDenied
    return event


def get_occurrence_for_organiser_or_404(user: AnyUser, pk: int) -> Occurrence:
    occurrence = get_occurrence_or_404(user, pk)
    if not can_manage_event(user, occurrence.event):
        raise PermissionDenied
    return occurrence
