"""`exchange_unread` for every template: the header's unread-messages badge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.functional import SimpleLazyObject

from .querysets import unread_total

if TYPE_CHECKING:
    from django.http import HttpRequest


def exchange(request: HttpRequest) -> dict[str, Any]:
    """Signed-in users only; lazy, so a page that never shows the badge runs no query and
    one that does runs exactly one."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"exchange_unread": SimpleLazyObject(lambda: unread_total(user))}
