"""The posts list is cached for anonymous visitors (solidair.core.pagecache)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from .factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 30


def test_anonymous_visitors_get_the_cached_list_without_a_query(
    client: Client, django_assert_num_queries: Any
) -> None:
    PostFactory(title="Kinderwagen te geef")
    url = reverse("exchange:list")
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert b"Kinderwagen te geef" in second.content
    # Middleware still runs on a hit: the security headers are there.
    assert "Content-Security-Policy" in second.headers
    assert "HX-Request" in second["Vary"]


def test_a_new_post_shows_at_once_for_signed_in_users_and_after_expiry_for_others(
    client: Client, citizen: Any
) -> None:
    url = reverse("exchange:list")
    client.get(url)
    PostFactory(title="Nieuwe koelkast")
    assert b"Nieuwe koelkast" not in client.get(url).content  # up to 30 s old
    member = Client(headers={"accept-language": "en"})
    member.force_login(citizen)
    assert b"Nieuwe koelkast" in member.get(url).content
    cache.clear()  # what expiry does
    assert b"Nieuwe koelkast" in client.get(url).content


def test_an_htmx_filter_request_gets_its_own_cached_fragment(client: Client) -> None:
    PostFactory(title="Fiets")
    url = reverse("exchange:list") + "?q=fiets&kind="
    fragment = client.get(url, headers={"HX-Request": "true"})
    again = client.get(url, headers={"HX-Request": "true"})
    assert again.content == fragment.content
    assert b"<html" not in again.content
    # The header that pushes the clean URL survives the cache.
    assert again["HX-Push-Url"] == fragment["HX-Push-Url"] == "/posts/?q=fiets"
    page = client.get(url)
    assert page.status_code == 302  # a whole page is still redirected to the clean URL
