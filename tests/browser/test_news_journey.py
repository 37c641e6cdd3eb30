"""News and the volunteer information point in a real browser: an organisation submits an
article (with the live Markdown preview), an editor approves it with a remark, the
organisation is told, and the article is on the home page and in the feed. Plus axe-core
on the news and information pages."""

from __future__ import annotations

from typing import Any

import feedparser  # type: ignore[import-untyped]
import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from solidair.accounts.tests.factories import UserFactory
from solidair.news.models import Article
from tests.browser.axe import assert_no_axe_violations
from tests.browser.helpers import emails_to, log_in, submit

pytestmark = pytest.mark.browser


def test_an_organisation_submits_an_editor_approves_and_it_is_published(
    page, browser, browser_context_args, live_server, organisation, org_admin
):
    editor = UserFactory.create(profile__display_name="Redactie", editor=True)

    # The organisation's owner writes an article and previews the Markdown (htmx).
    log_in(page, org_admin, live_server.url)
    page.goto(reverse("news:list"))
    with page.expect_navigation():
        page.get_by_role("link", name="Submit an article").click()
    form = page.locator("main form")
    form.locator("[name=title]").fill("Buurtsoep in de Rabot")
    form.locator("[name=lead]").fill("Elke vrijdag koken buren samen soep.")
    form.locator("[name=body]").fill("Kom **proeven** en breng een pot mee.")
    form.locator("[name=tags]").fill("buurt, soep")
    form.get_by_role("button", name="Preview").click()
    expect(page.locator("#markdown-preview strong")).to_have_text("proeven")
    assert not Article.objects.exists()  # a preview saves nothing
    submit(form, "Submit for review")
    expect(page.locator("main")).to_contain_text("Waiting for review")
    article = Article.objects.get(title="Buurtsoep in de Rabot")
    assert article.status == Article.Status.SUBMITTED

    # Nobody else sees it yet.
    anonymous = Client()
    assert anonymous.get(article.get_absolute_url()).status_code == 404

    # The editor is emailed, opens the review page and approves it with a remark.
    assert emails_to(editor.email)
    editor_context = browser.new_context(**browser_context_args)
    try:
        editor_page = editor_context.new_page()
        editor_page.set_default_timeout(10_000)
        log_in(editor_page, editor, live_server.url)
        editor_page.goto(reverse("news:manage"))
        with editor_page.expect_navigation():
            editor_page.get_by_role("link", name="Buurtsoep in de Rabot").click()
        review = editor_page.locator("main form")
        review.get_by_label("Approve and publish").check()
        review.locator("[name=remark]").fill("Mooi artikel, dank je!")
        submit(review, "Send the decision")
        expect(editor_page.locator(".messages")).to_contain_text("approved")
    finally:
        editor_context.close()

    # The organisation's owner hears it, with the remark.
    told = emails_to(org_admin.email)
    assert told
    assert "Mooi artikel, dank je!" in told[-1].body

    # It is on the home page and in the feed, for everyone.
    visitor = browser.new_context(**browser_context_args)
    try:
        visitor_page = visitor.new_page()
        visitor_page.goto(live_server.url + reverse("core:home"))
        expect(visitor_page.get_by_role("link", name="Buurtsoep in de Rabot")).to_be_visible()
    finally:
        visitor.close()
    feed = feedparser.parse(anonymous.get(reverse("news:feed_rss")).content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Buurtsoep in de Rabot"]


# --- accessibility ------------------------------------------------------------------------


@pytest.fixture
def news_and_information(db: Any, organisation: Any) -> Article:
    from solidair.info.content import seed_information
    from solidair.news.tests.factories import ArticleFactory, TagFactory

    # Browser tests flush the database after each test: put the seeded pages back.
    seed_information()
    article = ArticleFactory.create(
        title="Taalcafé opent in de Muide",
        body="## Wanneer?\n\nElke **dinsdag**. [Meer info](https://stad.gent)\n\n- koffie\n- thee",
        organisation=organisation,
    )
    article.tags.add(TagFactory.create(name="taal", slug="taal"))
    ArticleFactory.create_batch(3)
    return article


def test_the_editors_pages_have_no_axe_violations(page, live_server, news_and_information):
    from solidair.info.models import InfoPage

    editor = UserFactory.create(editor=True)
    log_in(page, editor, live_server.url)
    allowances = InfoPage.objects.get(path="kostenvergoedingen")
    for url in (
        reverse("news:manage"),
        reverse("news:edit", args=[news_and_information.pk]),
        reverse("info:manage"),
        reverse("info:page_edit", args=[allowances.pk]),
        reverse("info:ceilings_edit", args=[2024]),
    ):
        response = page.goto(url)
        assert response is not None
        assert response.ok, url
        assert_no_axe_violations(page)


def test_the_submission_form_has_no_axe_violations(page, live_server, organisation, org_admin):
    log_in(page, org_admin, live_server.url)
    page.goto(reverse("news:submit"))
    page.locator("[name=body]").fill("Een **test**")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#markdown-preview strong")).to_have_text("test")
    assert_no_axe_violations(page)
