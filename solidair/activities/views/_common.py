"""Helpers the calendar views share."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest


def clean_query(request: HttpRequest, *, drop: tuple[str, ...] = ()) -> str | None:
    """The URL without empty parameters (a GET form sends every field), or None when it
    has none: shareable filter URLs stay short."""
    params = [(key, item) for key, items in request.GET.lists() for item in items]
    kept = [(key, value) for key, value in params if value.strip() and key not in drop]
    if len(kept) == len(params):
        return None
    query = urlencode(kept)
    return f"{request.path}?{query}" if query else request.path


def query_with(request: HttpRequest, **changes: str | None) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    params = [
        (key, item)
        for key, items in request.GET.lists()
        for item in items
        if key not in changes and key != "page" and item.strip()
    ]
    params.extend((key, value) for key, value in changes.items() if value)
    return "?" + urlencode(params) if params else "?"
