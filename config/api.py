"""The JSON API under /api/v1/: one NinjaAPI; each app adds its router in `api.py`.

OpenAPI at /api/v1/openapi.json, interactive docs at /api/v1/docs. Authentication lives in
solidair.core.api_auth (routers import it from there: this module imports the routers).
Every error is a JSON body ``{"detail": ...}`` with a 4xx status; a 500 is a last resort.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from solidair.accounts.api import router as accounts_router
from solidair.activities.api import router as activities_router
from solidair.core.api import router as core_router
from solidair.core.api_auth import ApiRateLimit, optional_auth
from solidair.core.errors import RETRY_AFTER_SECONDS
from solidair.core.ratelimit import RateLimited
from solidair.exchange.api import router as exchange_router
from solidair.groups.api import router as groups_router
from solidair.info.api import router as info_router
from solidair.matching.api import router as matching_router
from solidair.news.api import router as news_router
from solidair.notifications.api import router as notifications_router
from solidair.organisations.api import router as organisations_router

logger = logging.getLogger("solidair.api")

# Swagger UI is served by ninja from /static/ninja/ (never a CDN). It runs under the site's
# strict CSP as is (script-src/style-src 'self'): its React code sets styles through the
# DOM, which CSP allows, and tests/browser/test_api_docs.py checks that the page raises no
# CSP violation. So the docs view needs no csp_update; if a ninja upgrade changes that, relax
# style-src for this view only with `docs_decorator=csp_update({"style-src": [...]})`.
# validatorUrl=None stops Swagger UI from loading a badge from validator.swagger.io.
api = NinjaAPI(
    title="Solidair API",
    version="1",
    description=(
        "Read the platform's public data and act on your own behalf. Authenticate with "
        "`Authorization: Bearer <token>` (create a token on your profile page or with "
        '`manage.py issue_token`). Errors are JSON: `{"detail": ...}`.'
    ),
    urls_namespace="api",
    auth=optional_auth,
    throttle=ApiRateLimit(),
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)


def json_error(
    request: HttpRequest, detail: Any, status: int, headers: dict[str, str] | None = None
) -> HttpResponse:
    """An API error response: ``{"detail": ...}`` with `status`."""
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Keep the parts a client needs (which field, what is wrong); pydantic's `ctx` may hold
    # values that are not JSON (exceptions, regex objects).
    errors = [
        {
            "loc": list(error.get("loc", [])),
            "msg": str(error.get("msg", "")),
            "type": str(error.get("type", "invalid")),
        }
        for error in exc.errors
    ]
    return json_error(request, errors, 422)


def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return json_error(request, _("Not found."), 404)


def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or _("You do not have permission to do this.")
    return json_error(request, message, 403)


def on_rate_limited(request: HttpRequest, exc: Exception) -> HttpResponse:
    wait = getattr(exc, "wait", None)  # ninja's Throttled knows it; django-ratelimit does not
    headers = {"Retry-After": str(int(wait))} if wait else {}
    return json_error(request, _("Too many requests. Please wait a moment."), 429, headers)


def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = exc.message if exc.message != "Unauthorized" else _("Authentication required.")
    return json_error(request, message, 401, {"WWW-Authenticate": 'Bearer realm="api"'})


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return json_error(request, exc.message, exc.status_code)


def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    if isinstance(exc, OperationalError | InterfaceError):
        # The database is unreachable for a moment: not a bug, the client should retry.
        logger.warning("API %s %s: database unavailable: %s", request.method, request.path, exc)
        return json_error(
            request,
            _("The service is unavailable for a moment. Try again shortly."),
            503,
            {"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    # The last resort: a bug. Log it with the traceback and keep the answer JSON; bad input
    # must be caught earlier as a 4xx (the tests make sure it is).
    logger.error("Unhandled error in API %s %s", request.method, request.path, exc_info=exc)
    return json_error(request, _("Server error. It has been logged."), 500)


def install_error_handlers(ninja_api: NinjaAPI) -> None:
    """Answer every error as JSON with the right status (the most specific class wins)."""
    handlers: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
        (ValidationError, on_validation_error),
        (Http404, on_not_found),
        (PermissionDenied, on_permission_denied),
        (RateLimited, on_rate_limited),
        (Throttled, on_rate_limited),
        (AuthenticationError, on_authentication_error),
        (HttpError, on_http_error),
        (Exception, on_unexpected_error),
    ]
    for exc_class, handler in handlers:
        ninja_api.add_exception_handler(exc_class, handler)


install_error_handlers(api)


@api.get("/", include_in_schema=False, url_name="index")
def index(request: HttpRequest) -> dict[str, str]:
    """/api/v1/ itself: where to find the documentation (instead of ninja's bare 404)."""
    return {
        "title": api.title,
        "version": api.version,
        "docs": request.build_absolute_uri("docs"),
        "openapi": request.build_absolute_uri("openapi.json"),
    }


api.add_router("", core_router)
api.add_router("", accounts_router)
api.add_router("/organisations", organisations_router)
api.add_router("", exchange_router)
api.add_router("", matching_router)
api.add_router("/notifications", notifications_router)
api.add_router("/events", activities_router)
api.add_router("/news", news_router)
api.add_router("/info", info_router)
api.add_router("/groups", groups_router)


def api_not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """A JSON 404 for any other path under /api/ (config/urls.py routes it last)."""
    return json_error(request, _("Not found."), 404)
