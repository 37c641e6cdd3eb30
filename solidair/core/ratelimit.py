"""Rate limits for views and API endpoints, on top of django-ratelimit.

    check_rate_limit(request, group="exchange.post", rate="10/h")

raises RateLimited when the caller went over the limit. The web answers it with the 429 page
(django-ratelimit's middleware calls settings.RATELIMIT_VIEW), the API with a 429 JSON body
(config/api.py). RATELIMIT_ENABLE=false switches every limit off (bulk imports, tests).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import _get_ip, is_ratelimited
from django_ratelimit.exceptions import Ratelimited


class RateLimited(Ratelimited):  # type: ignore[misc]  # django-ratelimit is untyped
    """Too many requests. A PermissionDenied subclass (through django-ratelimit's
    Ratelimited), so an unhandled one is at worst a 403, never a 500."""

    def __init__(self, group: str = "", message: str | None = None) -> None:
        self.group = group
        super().__init__(message or str(_("Too many requests. Please wait a moment.")))


def _request_user_pk(request: HttpRequest) -> str | None:
    # API requests authenticate by bearer token into request.auth, not request.user.
    for user in (getattr(request, "auth", None), getattr(request, "user", None)):
        if user is not None and getattr(user, "is_authenticated", False):
            return str(user.pk)
    return None


def rate_limit_key(group: str, request: HttpRequest) -> str:
    """The key "user_or_ip": the signed-in user (session or API token), else the IP."""
    user_pk = _request_user_pk(request)
    return f"user:{user_pk}" if user_pk else f"ip:{_get_ip(request)}"


def _ip_key(group: str, request: HttpRequest) -> str:
    return f"ip:{_get_ip(request)}"


def _user_key(group: str, request: HttpRequest) -> str:
    return f"user:{_request_user_pk(request)}"


_KEYS = {"user_or_ip": rate_limit_key, "ip": _ip_key, "user": _user_key}


def check_rate_limit(
    request: HttpRequest,
    *,
    group: str,
    rate: str,
    key: str = "user_or_ip",
    increment: bool = True,
) -> None:
    """Count this request against `rate` ("10/m", "100/h", "5/15m") for `group` and raise
    RateLimited when the limit is exceeded.

    `key` is "user_or_ip" (default), "ip", "user" or any django-ratelimit key. With
    settings.RATELIMIT_ENABLE false this does nothing."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return
    limited = is_ratelimited(
        request,
        group=group,
        key=_KEYS.get(key, key),
        rate=rate,
        increment=increment,
    )
    if limited:
        raise RateLimited(group=group)
