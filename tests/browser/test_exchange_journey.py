"""Requests and offers in a real browser: the whole loop from posting an offer with a photo
to marking it fulfilled, and axe-core on the exchange pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from solidair.accounts.tests.factories import UserFactory
from solidair.exchange import services
from solidair.exchange.models import Match, Post
from tests.browser.axe import assert_no_axe_violations
from tests.browser.helpers import log_in, submit

pytestmark = pytest.mark.browser


def small_jpeg(tmp_path: Path) -> Path:
    path = tmp_path / "fiets.jpg"
    Image.new("RGB", (64, 48), (30, 90, 160)).save(path, "JPEG")
    return path


def offer_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "offer",
        "nature": "goods",
        "category": "bicycles",
        "title": "Kinderfiets te geef",
        "body": "Een blauwe fiets voor een kind van 6 jaar.",
        "neighbourhood": "rabot-blaisantvest",
        "quantity": 1,
        "languages": ["nl"],
        "target_groups": ["families"],
    }
    data.update(overrides)
    return data


def test_an_offer_is_posted_found_answered_accepted_and_fulfilled(
    page, browser, browser_context_args, live_server, tmp_path
):
    poster = UserFactory.create(profile__display_name="Fatima")
    helper = UserFactory.create(profile__display_name="Jan")

    # Fatima offers a bicycle, with a photo, and checks the preview before publishing.
    log_in(page, poster, live_server.url)
    page.goto(reverse("exchange:create"))
    form = page.locator("form.post-form")
    form.locator("input[name=kind][value=offer]").check()
    form.locator("input[name=nature][value=goods]").check()
    form.locator("[name=title]").fill("Kinderfiets te geef")
    form.locator("[name=category]").select_option("bicycles")
    form.locator("[name=body]").fill("Een **blauwe** fiets voor een kind van 6 jaar.")
    form.locator("[name=neighbourhood]").select_option("rabot-blaisantvest")
    form.locator("[name=quantity]").fill("1")
    form.locator("input[name=photo_1]").set_input_files(small_jpeg(tmp_path))
    form.locator("[name=alt_1]").fill("Een blauwe kinderfiets")
    submit(form, "Preview")
    expect(page.get_by_role("heading", name="Preview of your post")).to_be_visible()
    expect(page.locator("img[alt='Een blauwe kinderfiets']")).to_be_visible()
    submit(page.locator("form:has(button:text-is('Publish'))"), "Publish")
    post = Post.objects.get(title="Kinderfiets te geef")
    assert post.status == Post.Status.OPEN

    # Jan searches for "velo" (Flemish for bicycle) and finds it without reloading the page.
    helper_context = browser.new_context(**browser_context_args)
    try:
        helper_page = helper_context.new_page()
        helper_page.set_default_timeout(10_000)
        log_in(helper_page, helper, live_server.url)
        helper_page.goto(reverse("exchange:list"))
        helper_page.locator("input[name=q]").fill("velo")
        results = helper_page.locator("#results")
        expect(results.get_by_role("link", name="Kinderfiets te geef")).to_be_visible()
        # Every filter state is a shareable URL, without the empty fields.
        expect(helper_page).to_have_url(re.compile(r"/posts/\?q=velo$"))
        with helper_page.expect_navigation():
            results.get_by_role("link", name="Kinderfiets te geef").click()

        # He reacts; the conversation opens.
        respond = helper_page.locator("form#respond")
        respond.locator("[name=message]").fill("Mijn zoon is 6. Mag ik hem komen halen?")
        submit(respond, "I'm interested")
        expect(helper_page.get_by_role("heading", name="Conversation with Fatima")).to_be_visible()

        # Fatima opens the conversation from her inbox and replies.
        page.goto(reverse("exchange:inbox"))
        with page.expect_navigation():
            page.get_by_role("link", name="Jan").click()
        expect(page.locator("#thread")).to_contain_text("Mag ik hem komen halen?")
        reply = page.locator("form.message-form")
        reply.locator("[name=body]").fill("Natuurlijk! Zaterdag om 10 uur?")
        submit(reply, "Send")

        # Jan sees the reply appear without reloading (htmx polling).
        expect(helper_page.locator("#thread")).to_contain_text(
            "Zaterdag om 10 uur?", timeout=15_000
        )
    finally:
        helper_context.close()

    # Fatima accepts Jan's response, then marks the post fulfilled.
    submit(page.locator("form:has(button:text-is('Accept response'))"), "Accept response")
    match = Match.objects.get(post=post)
    assert match.counterpart == helper
    page.goto(post.get_absolute_url())
    submit(page.locator("form.fulfil-form"), "Mark as fulfilled")
    post.refresh_from_db()
    assert post.status == Post.Status.FULFILLED
    expect(page.locator("main")).to_contain_text("Fulfilled")


# --- accessibility ------------------------------------------------------------------------


@pytest.fixture
def offer_with_response(db: Any) -> Any:
    poster = UserFactory.create(profile__display_name="Fatima")
    helper = UserFactory.create(profile__display_name="Jan")
    post = services.create_post(author=poster, data=offer_data())
    services.create_post(
        author=helper,
        data=offer_data(
            kind="request",
            nature="volunteering",
            category="homework-help",
            title="Huiswerkhulp gezocht",
            body="Wie helpt onze dochter met wiskunde?",
            quantity=None,
            skills=["wiskunde"],
            time_commitment="recurring",
            hours=2,
        ),
    )
    response = services.respond_to_post(post=post, responder=helper, message="Graag!")
    return post, poster, helper, response


def test_the_list_has_no_axe_violations(page, offer_with_response):
    page.goto(reverse("exchange:list"))
    assert_no_axe_violations(page)
    # After a live (htmx) search too.
    page.locator("input[name=q]").fill("fiets")
    expect(page.locator(".results__count")).to_have_text(re.compile(r"^1 post"))
    assert_no_axe_violations(page)


def test_the_empty_list_has_no_axe_violations(page):
    page.goto(reverse("exchange:list") + "?q=olifant")
    assert_no_axe_violations(page)


def test_the_detail_page_has_no_axe_violations(page, live_server, offer_with_response):
    post, poster, _helper, _response = offer_with_response
    stranger = UserFactory.create(profile__display_name="Onbekende")
    log_in(page, stranger, live_server.url)
    page.goto(post.get_absolute_url())
    assert_no_axe_violations(page)
    # The owner's manage panel.
    page.context.clear_cookies()
    log_in(page, poster, live_server.url)
    page.goto(post.get_absolute_url())
    assert_no_axe_violations(page)


def test_the_form_has_no_axe_violations_empty_and_with_errors(page, live_server, citizen):
    log_in(page, citizen, live_server.url)
    page.goto(reverse("exchange:create"))
    assert_no_axe_violations(page)
    submit(page.locator("form.post-form"), "Preview")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_inbox_conversation_and_dashboard_have_no_axe_violations(
    page, live_server, offer_with_response
):
    _post, poster, _helper, response = offer_with_response
    log_in(page, poster, live_server.url)
    for url in (
        reverse("exchange:inbox"),
        response.conversation.get_absolute_url(),
        reverse("exchange:dashboard"),
    ):
        page.goto(url)
        assert_no_axe_violations(page)
