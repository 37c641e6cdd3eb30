"""htmx requests carry the CSRF token from the csrftoken cookie (static/js/solidair.js), so
pages cached for anonymous visitors need no token of their own."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from solidair.accounts.tests.factories import UserFactory
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser

# An htmx POST to a CSRF-protected URL (Django's set_language: 302 with a valid token, 403
# without); resolves to the final status of the request.
HTMX_POST = """(url) => new Promise((resolve) => {
  document.body.addEventListener("htmx:afterRequest",
    (event) => resolve(event.detail.xhr.status), {once: true});
  htmx.ajax("POST", url, {values: {language: "en", next: "/terms/"}, swap: "none"});
})"""


def test_an_htmx_post_from_a_cached_anonymous_page_passes_csrf(page: Any, settings: Any) -> None:
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 30
    page.goto(reverse("account_login"))  # a form page: sets the csrftoken cookie
    page.goto(reverse("exchange:list"))
    page.goto(reverse("exchange:list"))  # the cached copy
    assert page.locator("body").get_attribute("hx-headers") is None
    assert page.content().count("csrfmiddlewaretoken") == 0
    assert page.evaluate(HTMX_POST, reverse("set_language")) == 200


def test_an_htmx_post_without_the_cookie_is_refused(page: Any) -> None:
    page.goto(reverse("exchange:list"))
    page.context.clear_cookies()
    assert page.evaluate(HTMX_POST, reverse("set_language")) == 403


def test_a_signed_in_users_htmx_post_passes_csrf_even_without_hx_headers(
    page: Any, live_server: Any
) -> None:
    log_in(page, UserFactory.create(), live_server.url)
    page.goto(reverse("exchange:list"))
    assert page.locator("body").get_attribute("hx-headers")
    page.evaluate("() => document.body.removeAttribute('hx-headers')")
    assert page.evaluate(HTMX_POST, reverse("set_language")) == 200
