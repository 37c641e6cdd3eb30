"""URLs for the error-handling tests: the site's URLs plus a second NinjaAPI at /test-api/
(with the real error handlers and auth, and endpoints that fail on purpose) and a
rate-limited web page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from ninja import NinjaAPI, Schema

from config.api import install_error_handlers
from config.urls import urlpatterns as site_urlpatterns
from solidair.core.api_auth import optional_auth, required_auth
from solidair.core.ratelimit import check_rate_limit

test_api = NinjaAPI(title="Test", urls_namespace="test-api", auth=optional_auth, docs_url=None)
install_error_handlers(test_api)


class ItemIn(Schema):
    title: str
    quantity: int


@test_api.post("/items", auth=required_auth)
def create_item(request: HttpRequest, item: ItemIn) -> dict[str, object]:
    return {"title": item.title, "quantity": item.quantity, "by": request.auth.pk}  # type: ignore[attr-defined]


@test_api.get("/whoami")
def whoami(request: HttpRequest) -> dict[str, object]:
    user = request.auth  # type: ignore[attr-defined]
    return {"authenticated": bool(user.is_authenticated)}


@test_api.get("/missing")
def missing(request: HttpRequest) -> None:
    raise Http404("secret internal detail")


@test_api.get("/forbidden")
def forbidden(request: HttpRequest) -> None:
    raise PermissionDenied


@test_api.get("/limited")
def limited(request: HttpRequest) -> dict[str, bool]:
    check_rate_limit(request, group="test.limited", rate="2/m")
    return {"ok": True}


@test_api.get("/bug")
def bug(request: HttpRequest) -> None:
    raise RuntimeError("a bug")


def limited_page(request: HttpRequest) -> HttpResponse:
    """A web view with a rate limit: over the limit, the middleware renders the 429 page."""
    check_rate_limit(request, group="test.limited_page", rate="1/m", key="ip")
    return HttpResponse("ok")


urlpatterns = [
    path("test-api/", test_api.urls),
    path("test-limited-page/", limited_page),
    *site_urlpatterns,
]
