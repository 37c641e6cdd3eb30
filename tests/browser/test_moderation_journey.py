"""Moderation in a real browser: someone reports a post, a moderator finds it in the queue,
hides it and warns its author in one decision; the post is gone for others, the reporter
and the author are told. Plus axe-core on the moderation pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from solidair.accounts.tests.factories import UserFactory
from solidair.exchange import services as exchange
from solidair.exchange.tests.conftest import post_data
from solidair.moderation.models import AuditEntry, Report
from tests.browser.axe import assert_no_axe_violations
from tests.browser.helpers import emails_to, log_in, submit

pytestmark = pytest.mark.browser


def test_a_report_is_decided_in_the_queue_and_the_post_disappears(
    page, browser, browser_context_args, live_server, citizen, stranger
):
    moderator = UserFactory.create(profile__display_name="Moderatie Stad", moderator=True)
    post = exchange.create_post(
        author=citizen, data=post_data(title="Gratis iPhone, stuur eerst 20 euro")
    )

    # The stranger reports the post from its page.
    log_in(page, stranger, live_server.url)
    page.goto(post.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Report this post").click()
    assert_no_axe_violations(page)
    form = page.locator("main form")
    form.get_by_label("Fraud or scam").check()
    form.locator("[name=remark]").fill("Vraagt geld vooraf.")
    submit(form, "Send report")
    expect(page.locator("main")).to_contain_text("Gratis iPhone")
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Thank you")
    report = Report.objects.get()

    # The moderator sees it in the queue (header link with the count) and decides.
    moderator_context = browser.new_context(**browser_context_args)
    try:
        mod_page = moderator_context.new_page()
        mod_page.set_default_timeout(10_000)
        log_in(mod_page, moderator, live_server.url)
        mod_page.goto("/")
        with mod_page.expect_navigation():
            mod_page.get_by_role("link", name="Moderation").first.click()
        assert_no_axe_violations(mod_page)
        with mod_page.expect_navigation():
            mod_page.get_by_role("link", name="Gratis iPhone").click()
        expect(mod_page.locator("main")).to_contain_text("Vraagt geld vooraf.")
        assert_no_axe_violations(mod_page)
        decision = mod_page.locator("main form").filter(has_text="Record the decision")
        decision.get_by_label("Hide it").check()
        decision.get_by_label("Warn").check()
        decision.locator("[name=remark]").fill("Geen verkoop en geen voorschotten.")
        submit(decision, "Record the decision")
        expect(mod_page.locator("main")).to_contain_text("Decision recorded")
        mod_page.goto(reverse("moderation:log"))
        expect(mod_page.locator("main")).to_contain_text("Geen verkoop en geen voorschotten.")
        assert_no_axe_violations(mod_page)
    finally:
        moderator_context.close()

    report.refresh_from_db()
    assert report.status == Report.Status.RESOLVED
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "hidden",
        "warned",
        "report-resolved",
    ]
    assert Client().get(post.get_absolute_url()).status_code == 404
    assert emails_to(stranger.email)
    assert any("Geen verkoop" in m.body for m in emails_to(citizen.email))
    # The author still sees it, with the notice.
    page.context.clear_cookies()
    log_in(page, citizen, live_server.url)
    page.goto(post.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Hidden by the moderators")
