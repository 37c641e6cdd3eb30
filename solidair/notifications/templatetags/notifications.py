"""{% unread_notifications as n %}: the header badge's count for the signed-in person."""

from __future__ import annotations

from typing import Any

from django import template

from ..querysets import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: dict[str, Any]) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    # Once per request, however often the header asks.
    cached: int | None = getattr(request, "_unread_notifications", None)
    if cached is None:
        cached = unread_count(user)
        request._unread_notifications = cached  # type: ignore[union-attr]
    return cached
