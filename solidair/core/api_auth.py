"""Authentication for the JSON API (django-ninja).

Routers import from here, not from config/api.py (which imports the routers):

    from solidair.core.api_auth import required_auth

    @router.post("/things", auth=required_auth)
    def create_thing(request, ...): user = request.auth

- Every endpoint accepts anonymous callers unless it declares ``auth=required_auth``
  (config/api.py sets ``optional_auth`` as the API's default). ``request.auth`` is then the
  User, or an AnonymousUser for anonymous readers, so querysets can use
  ``visible_to(request.auth)`` either way.
- ``Authorization: Bearer <token>`` (tokens from solidair.accounts.tokens). A header with a
  wrong, revoked or inactive user's token answers 401, also on public endpoints: a client
  must learn that its token stopped working instead of silently seeing public data only.
- A signed-in browser session also authenticates (the docs page, later htmx). Ninja exempts
  its views from Django's CSRF middleware, so the session auth checks CSRF itself for unsafe
  methods; bearer-token requests need no CSRF token (browsers never add that header on
  their own, so they cannot be forged cross-site).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.throttling import BaseThrottle
from ninja.utils import check_csrf

from solidair.accounts.models import User
from solidair.accounts.tokens import user_for_token
from solidair.core.ratelimit import RateLimited, check_rate_limit


class BearerTokenAuth(HttpBearer):
    """``Authorization: Bearer sol_...``; the token owner becomes ``request.auth``."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if not header:
            return None
        scheme, _sep, token = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            # An Authorization header we do not understand is a client error, not anonymous.
            raise AuthenticationError(message=_("Use the header “Authorization: Bearer <token>”."))
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = user_for_token(token)
        if user is None:
            raise AuthenticationError(message=_("The API token is invalid or has been revoked."))
        return user


class SessionCsrfAuth(APIKeyCookie):
    """The signed-in user of a browser session, with Django's CSRF check on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # Read the cookie without ninja's unconditional CSRF check: a request without a
        # session (a bearer-token client, an anonymous reader) has nothing to forge.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if not key or user is None or not user.is_authenticated:
            return None
        unsafe = request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
        if unsafe and check_csrf(request) is not None:
            raise HttpError(403, _("CSRF check failed. Reload the page and try again."))
        return user  # type: ignore[no-any-return]


def anonymous(request: HttpRequest) -> AnonymousUser:
    """The last resort of ``optional_auth``: the caller reads as an anonymous visitor."""
    return AnonymousUser()


bearer_auth = BearerTokenAuth()
session_auth = SessionCsrfAuth()

# Endpoints that change data or show private data declare ``auth=required_auth``.
required_auth: list[Callable[[HttpRequest], Any]] = [bearer_auth, session_auth]
# The API's default: identify the caller if possible, allow anonymous reads otherwise.
optional_auth: list[Callable[[HttpRequest], Any]] = [bearer_auth, session_auth, anonymous]


class ApiRateLimit(BaseThrottle):
    """settings.API_RATE_LIMIT requests per caller for the whole API (runs after auth, so a
    token owner is counted as a user, wherever they call from)."""

    def allow_request(self, request: HttpRequest) -> bool:
        try:
            check_rate_limit(request, group="api", rate=settings.API_RATE_LIMIT)
        except RateLimited:
            return False
        return True
