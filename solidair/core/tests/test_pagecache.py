"""The anonymous page cache (solidair.core.pagecache) and the token-free language switch."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidair.core.pagecache import cache_anonymous_page
from solidair.exchange.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

CSRF_INPUT = "csrfmiddlewaretoken"


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 30


def queries_for(client: Client, url: str, **extra: Any) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(queries), response.content.decode()


# --- the decorator on its own ---------------------------------------------------------------


class CountingView:
    def __init__(self, **behaviour: bool) -> None:
        self.calls = 0
        self.body = "hello"
        self.behaviour = behaviour

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.calls += 1
        if self.behaviour.get("token"):
            get_token(request)
        if self.behaviour.get("message"):
            add_message(request, constants.SUCCESS, "Saved")
        response = HttpResponse(f"{self.body} {self.calls}")
        if self.behaviour.get("cookie"):
            response.set_cookie("seen", "1")
        if self.behaviour.get("missing"):
            response.status_code = 404
        return response


def anonymous_get(rf: RequestFactory, path: str = "/page/", **extra: Any) -> HttpRequest:
    request = rf.get(path, **extra)
    request.user = AnonymousUser()
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


def test_a_second_anonymous_request_is_answered_from_the_cache(rf: RequestFactory) -> None:
    view = CountingView()
    cached = cache_anonymous_page()(view)
    first = cached(anonymous_get(rf))
    second = cached(anonymous_get(rf))
    assert view.calls == 1
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("behaviour", ["token", "message", "cookie", "missing"])
def test_a_personal_or_failed_response_is_never_stored(rf: RequestFactory, behaviour: str) -> None:
    view = CountingView(**{behaviour: True})
    cached = cache_anonymous_page()(view)
    cached(anonymous_get(rf))
    cached(anonymous_get(rf))
    assert view.calls == 2


def test_a_request_with_a_session_or_messages_cookie_is_not_cached(rf: RequestFactory) -> None:
    view = CountingView()
    cached = cache_anonymous_page()(view)
    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        rf.cookies[cookie] = "x"
        cached(anonymous_get(rf))
        cached(anonymous_get(rf))
        del rf.cookies[cookie]
    assert view.calls == 4
    # The same page without those cookies is cached (nothing was stored above).
    cached(anonymous_get(rf))
    cached(anonymous_get(rf))
    assert view.calls == 5


def test_a_post_is_never_served_from_the_cache(rf: RequestFactory) -> None:
    view = CountingView()
    cached = cache_anonymous_page()(view)
    cached(anonymous_get(rf))
    request = rf.post("/page/")
    request.user = AnonymousUser()
    cached(request)
    assert view.calls == 2


def test_a_signed_in_user_neither_reads_nor_fills_the_cache(
    rf: RequestFactory, citizen: Any
) -> None:
    view = CountingView()
    cached = cache_anonymous_page()(view)
    signed_in = rf.get("/page/")
    signed_in.user = citizen
    cached(signed_in)
    cached(anonymous_get(rf))
    assert view.calls == 2  # the user's page was not stored
    again = rf.get("/page/")
    again.user = citizen
    assert cached(again).content == b"hello 3"  # and the stored one is not served to them


def test_zero_seconds_switches_the_cache_off(rf: RequestFactory, settings: Any) -> None:
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    view = CountingView()
    cached = cache_anonymous_page(60)(view)
    cached(anonymous_get(rf))
    cached(anonymous_get(rf))
    assert view.calls == 2


# --- the pages ----------------------------------------------------------------------------------


def test_the_posts_list_is_served_from_the_cache_without_a_query(client: Client) -> None:
    PostFactory(title="Kinderfiets")
    url = reverse("exchange:list")
    first_queries, first = queries_for(client, url)
    assert first_queries > 0
    second_queries, second = queries_for(client, url)
    assert second_queries == 0
    assert second == first
    assert "Kinderfiets" in second


def test_a_logged_in_user_is_never_served_a_cached_page(client: Client, citizen: Any) -> None:
    url = reverse("exchange:list")
    queries_for(client, url)  # cached for anonymous visitors
    client.force_login(citizen)
    queries, html = queries_for(client, url)
    assert queries > 0
    assert "Log out" in html
    # ... and their page did not replace the anonymous one.
    client.logout()
    anonymous = Client(headers={"accept-language": "en"})
    queries, html = queries_for(anonymous, url)
    assert "Log out" not in html
    assert citizen.display_name not in html


def test_a_logged_in_users_page_does_not_fill_the_cache(client: Client, citizen: Any) -> None:
    url = reverse("exchange:list")
    client.force_login(citizen)
    queries_for(client, url)
    anonymous = Client(headers={"accept-language": "en"})
    queries, html = queries_for(anonymous, url)
    assert queries > 0
    assert "Log out" not in html


def test_another_language_or_query_is_another_entry(client: Client) -> None:
    url = reverse("exchange:list")
    queries_for(client, url)
    dutch = Client(headers={"accept-language": "nl"})
    queries, html = queries_for(dutch, url)
    assert queries > 0
    assert '<html lang="nl"' in html
    queries, _ = queries_for(client, url + "?kind=offer")
    assert queries > 0
    queries, html = queries_for(client, url)
    assert queries == 0
    assert '<html lang="en"' in html


def test_the_htmx_fragment_and_the_whole_page_do_not_mix(client: Client) -> None:
    url = reverse("exchange:list") + "?kind=offer"
    _, page = queries_for(client, url)
    _, fragment = queries_for(client, url, headers={"HX-Request": "true"})
    assert "<html" in page
    assert "<html" not in fragment
    queries, fragment_again = queries_for(client, url, headers={"HX-Request": "true"})
    assert queries == 0
    assert fragment_again == fragment
    queries, page_again = queries_for(client, url)
    assert queries == 0
    assert page_again == page


def test_a_page_with_a_pending_message_is_not_cached(client: Client) -> None:
    url = reverse("exchange:list")
    client.cookies["messages"] = "anything"
    queries_for(client, url)
    del client.cookies["messages"]
    queries, _ = queries_for(client, url)
    assert queries > 0  # the first page was not stored


@pytest.mark.parametrize("name", ["exchange:list", "core:home"])
def test_no_cached_page_carries_a_csrf_token(client: Client, name: str) -> None:
    url = reverse(name)
    response = client.get(url)
    assert settings.CSRF_COOKIE_NAME not in response.cookies
    html = client.get(url).content.decode()
    assert CSRF_INPUT not in html
    assert "X-CSRFToken" not in html
    from django.core.cache import cache
    from django.test import RequestFactory

    from solidair.core.pagecache import page_cache_key

    # What the cache holds for this page (same host, language and path as the client's).
    stored = cache.get(page_cache_key(RequestFactory().get(url)))
    assert stored is not None
    content, _headers = stored
    assert CSRF_INPUT.encode() not in content
    assert b"X-CSRFToken" not in content


def test_a_visitor_with_a_csrf_cookie_gets_the_token_free_cached_page(client: Client) -> None:
    client.get(reverse("account_login"))  # sets the csrftoken cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    url = reverse("exchange:list")
    client.get(url)
    html = client.get(url).content.decode()
    assert token not in html
    assert CSRF_INPUT not in html


def test_signed_in_pages_still_give_htmx_the_csrf_token(client: Client, citizen: Any) -> None:
    client.force_login(citizen)
    html = client.get(reverse("exchange:list")).content.decode()
    assert re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"\w+\"\}'", html)


# --- the language switch ------------------------------------------------------------------------


def test_the_language_switcher_is_a_get_form_without_a_token(client: Client) -> None:
    html = client.get(reverse("core:terms")).content.decode()
    form = re.search(r'<form action="/language/" method="get".*?</form>', html, re.S)
    assert form
    assert CSRF_INPUT not in form.group(0)


def test_choosing_a_language_sets_the_cookie_and_goes_back(client: Client) -> None:
    response = client.get(reverse("core:set_language"), {"language": "ar", "next": "/posts/?q=x"})
    assert response.status_code == 302
    assert response["Location"] == "/posts/?q=x"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ar"
    assert cookie["samesite"] == settings.LANGUAGE_COOKIE_SAMESITE
    html = client.get("/posts/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_choosing_a_language_by_post_works_without_a_token(citizen: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/terms/"})
    assert response.status_code == 302
    assert response["Location"] == "/terms/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_the_language_switch_refuses_to_leave_the_site(client: Client, next_url: str) -> None:
    response = client.get(reverse("core:set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(client: Client) -> None:
    response = client.get(reverse("core:set_language"), {"language": "xx", "next": "/terms/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
