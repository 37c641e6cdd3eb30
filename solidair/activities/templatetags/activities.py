"""Template tags other apps' pages use to show calendar content."""

from __future__ import annotations

from typing import Any

from django import template

from ..models import Occurrence

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_occurrences(context: Any, organisation: Any, limit: int = 5) -> list[Occurrence]:
    """The next dates of `organisation`'s events the visitor may see (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return list(
        Occurrence.objects.visible_to(user)
        .not_cancelled()
        .upcoming()
        .filter(event__organisation=organisation)
        .select_related("event")
        .chronological()[:limit]
    )
