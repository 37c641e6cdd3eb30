"""A short-lived cache of whole pages for anonymous visitors.

Rendering the posts list takes ~25 ms; answering from this cache a fraction of a millisecond.
Only pages that are the same for every anonymous visitor may be cached, so a page is
stored only when nothing in it can belong to one person:

- the visitor is anonymous, sends no session cookie and no messages cookie;
- the method is GET or HEAD and the view answered 200 without setting a cookie;
- no message was queued while rendering;
- the rendering did not ask for a CSRF token (`get_token` flags the request): a page with a
  token in it, or that would set the csrftoken cookie, is never stored.

The key is the host, the language, the full path with its query string, whether htmx
asked (a fragment and a whole page never mix) and a generation number that
`clear_page_cache()` raises (after moderators hide content). Middleware still runs on a hit (the
decorator sits inside the stack), so CSP and security headers are added as usual.

A cached page may be up to ANONYMOUS_PAGE_CACHE_SECONDS old (default 30; 0 switches the
cache off): a new post can take that long to appear for anonymous visitors. Signed-in
users always get a fresh page and never fill the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils import translation

KEY_PREFIX = "pagecache:v1:"
# Part of every key: raising it (clear_page_cache) retires every stored page at once, e.g.
# when the moderators hide something that anonymous pages may show.
GENERATION_KEY = "pagecache:generation"
# Response headers never copied into the cache: cookies are personal by nature (and such
# responses are refused anyway); the others are set per response by middleware.
_SKIPPED_HEADERS = frozenset({"set-cookie", "content-length"})

View = TypeVar("View", bound=Callable[..., HttpResponse])


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    # get_token() sets this flag: the page (or something it rendered) used the visitor's
    # CSRF token, so its HTML is theirs alone.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and getattr(storage, "added_new", False))


def page_cache_key(request: HttpRequest) -> str:
    """The cache key of `request`: host, language, full path and query, htmx or not."""
    htmx = "htmx" if request.headers.get("HX-Request") == "true" else "page"
    history = "restore" if request.headers.get("HX-History-Restore-Request") else ""
    parts = [
        request.get_host(),
        translation.get_language() or "",
        htmx,
        history,
        request.get_full_path(),
        str(cache.get(GENERATION_KEY, 0)),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return KEY_PREFIX + digest


def clear_page_cache() -> None:
    """Stop serving every page stored so far (they expire on their own later)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def cache_anonymous_page(seconds: int | None = None) -> Callable[[View], View]:
    """Serve a GET view from a shared cache to anonymous visitors (see the module's
    docstring for when a page is stored). `seconds` defaults to
    settings.ANONYMOUS_PAGE_CACHE_SECONDS; that setting at 0 switches every cached page
    off, whatever `seconds` says."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            setting = int(getattr(settings, "ANONYMOUS_PAGE_CACHE_SECONDS", 0))
            timeout = setting if seconds is None else seconds
            if setting <= 0 or timeout <= 0 or not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = page_cache_key(request)
            hit = cache.get(key)
            if hit is not None:
                content, headers = hit
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            if _cacheable_response(request, response):
                headers = [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in _SKIPPED_HEADERS
                ]
                cache.set(key, (response.content, headers), timeout)
            return response

        return cast("View", wrapper)

    return decorator
