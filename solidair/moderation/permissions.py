"""Who moderates. Moderators are active city staff in the `moderators` group (or
superusers); they need not be Django superusers or editors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from django.core.exceptions import PermissionDenied
from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    AnyUser: TypeAlias = User | AnonymousUser

MODERATORS_GROUP = "moderators"

_CACHE_ATTRIBUTE = "_solidair_is_moderator"


def is_moderator(user: AnyUser) -> bool:
    """Whether `user` works the moderation queue. Remembered on the user object: a page
    asks several times."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    cached: bool | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = bool(user.is_superuser) or user.groups.filter(name=MODERATORS_GROUP).exists()
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def require_moderator(user: AnyUser) -> None:
    if not is_moderator(user):
        raise PermissionDenied


def not_hidden_q(user: AnyUser, *, seen_by: Callable[[], Q], prefix: str = "") -> Q:
    """The condition for rows `user` may see as far as moderation goes: what the moderators
    hid is left out, except for the moderators and for the signed-in people `seen_by()`
    selects (the author, an event's organisers). `prefix` reaches the row through a
    relation ("event__")."""
    if is_moderator(user):
        return Q()
    shown = Q(**{f"{prefix}hidden_at__isnull": True})
    if not user.is_authenticated:
        return shown
    return shown | seen_by()
