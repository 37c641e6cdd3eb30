"""Matching in a real browser: a person with an open request sees a fitting offer suggested
with its reasons and reacts in one click; the offer's owner is notified. And axe-core on
the pages of matching and notifications."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from solidair.accounts.tests.factories import UserFactory
from solidair.exchange import services
from solidair.exchange.models import Response
from solidair.matching.services import save_search
from tests.browser.axe import assert_no_axe_violations
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser


def _post(author: Any, **overrides: Any) -> Any:
    data = {
        "kind": "offer",
        "nature": "goods",
        "category": "bicycles",
        "title": "Herenvelo te geef",
        "body": "Een stadsfiets voor een volwassene, rijdt goed.",
        "neighbourhood": "rabot-blaisantvest",
        "languages": ["nl"],
    }
    data.update(overrides)
    return services.create_post(author=author, data=data)


def test_a_suggested_offer_is_answered_in_one_click_and_its_owner_is_notified(
    page: Any, live_server: Any
) -> None:
    asker = UserFactory.create(profile__display_name="Fatima")
    giver = UserFactory.create(profile__display_name="Jan")
    offer = _post(giver)
    _post(giver, category="furniture", title="Eettafel", body="Eiken tafel met stoelen.")
    request = _post(
        asker,
        kind="request",
        title="Fiets gezocht voor mijn werk",
        body="Ik zoek een gewone fiets om naar de haven te rijden.",
    )

    log_in(page, asker, live_server.url)
    page.goto(request.get_absolute_url())
    panel = page.locator("section.suggestions")
    expect(panel.get_by_role("heading", name="Offers that fit your request")).to_be_visible()
    card = panel.locator("article.suggestion").first
    expect(card.get_by_role("link", name=offer.title)).to_be_visible()
    expect(card.locator(".suggestion__reasons")).to_contain_text("Same neighbourhood")
    expect(panel).not_to_contain_text("Eettafel")

    with page.expect_navigation():
        card.get_by_role("button", name=re.compile("I'm interested")).click()
    reaction = Response.objects.get(post=offer, responder=asker)
    expect(page).to_have_url(re.compile(rf"/messages/{reaction.conversation_id}/"))
    expect(page.locator("body")).to_contain_text(request.title)

    # Jan sees the badge, then the notification, which leads to the conversation.
    page.context.clear_cookies()
    log_in(page, giver, live_server.url)
    page.goto(reverse("core:home"))
    badge = page.locator("[data-notifications-unread]")
    expect(badge).to_be_visible()
    page.get_by_role("link", name=re.compile("Notifications")).first.click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Fatima responded")).click()
    expect(page).to_have_url(re.compile(rf"/messages/{reaction.conversation_id}/"))


def test_the_matching_and_notification_pages_pass_axe(page: Any, live_server: Any) -> None:
    asker = UserFactory.create(profile__display_name="Fatima")
    giver = UserFactory.create(profile__display_name="Jan")
    _post(giver)
    request = _post(asker, kind="request", title="Fiets gezocht", body="Een gewone fiets.")
    save_search(user=asker, query="q=fiets&kind=offer", frequency="daily")
    log_in(page, asker, live_server.url)
    for url in (
        request.get_absolute_url(),
        reverse("matching:post_matches", args=[request.pk]),
        reverse("matching:alerts"),
        reverse("matching:alert_create") + "?q=fiets",
        reverse("notifications:list"),
    ):
        page.goto(url)
        assert_no_axe_violations(page)
