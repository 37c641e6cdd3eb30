"""Small presentation helpers shared by every template: `{% load ui %}`."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def nav_current(request: HttpRequest | None, url: str, *, section: bool = False) -> SafeString:
    """Mark a navigation link as the current page (`aria-current="page"`), or, with
    `section=True`, as the section the current page belongs to (a class only, because
    aria-current="page" must name exactly one page)."""
    if request is None or not url:
        return SafeString("")
    path = request.path
    if path == url:
        return SafeString('aria-current="page"')
    if section and url != "/" and path.startswith(url):
        return SafeString('class="is-section"')
    return SafeString("")


@register.filter
def initials(name: object, limit: int = 2) -> str:
    """The first letters of the first words of a name, for avatar and logo placeholders:
    "Buurtwerk Rabot" -> "BR"."""
    words = [word for word in str(name or "").split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:limit]).upper() or "?"


@register.simple_tag
def site_name() -> str:
    """SITE_NAME for templates rendered without context processors (500.html)."""
    return str(settings.SITE_NAME)
