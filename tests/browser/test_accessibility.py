"""axe-core finds no WCAG 2.1 A/AA (or best-practice) violations on the main pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "url_name",
    [
        "core:home",
        "account_signup",
        "account_login",
        "organisations:directory",
        "activities:calendar",
    ],
)
def test_public_page_has_no_axe_violations(page, url_name):
    response = page.goto(reverse(url_name))
    assert response is not None
    assert response.ok, f"{url_name} answered {response.status}"
    assert_no_axe_violations(page)


def test_organisation_page_has_no_axe_violations(page, organisation):
    response = page.goto(reverse("organisations:detail", args=[organisation.slug]))
    assert response is not None
    assert response.ok
    assert_no_axe_violations(page)


def test_directory_with_organisations_has_no_axe_violations(page, organisation):
    from solidair.organisations.tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(3, verified=True)
    page.goto(reverse("organisations:directory"))
    assert_no_axe_violations(page)


def test_signup_form_with_errors_has_no_axe_violations(page):
    # Error messages must be tied to their fields and keep enough contrast.
    page.goto(reverse("account_signup"))
    page.locator("input[name=email]").fill("not-an-email")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)


def test_logged_in_home_in_arabic_has_no_axe_violations(page, citizen, live_server):
    from tests.browser.helpers import log_in

    log_in(page, citizen, live_server.url)
    page.context.add_cookies([{"name": "solidair_language", "value": "ar", "url": live_server.url}])
    page.goto(reverse("core:home"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("url_name", "needs_slug"),
    [
        ("accounts:profile", False),
        ("accounts:profile_edit", False),
        ("organisations:create", False),
        ("organisations:members", True),
        ("organisations:edit", True),
    ],
)
def test_pages_for_an_organisation_admin_have_no_axe_violations(
    page, org_admin, organisation, live_server, url_name, needs_slug
):
    from tests.browser.helpers import log_in

    log_in(page, org_admin, live_server.url)
    args = [organisation.slug] if needs_slug else []
    response = page.goto(reverse(url_name, args=args))
    assert response is not None
    assert response.ok, f"{url_name} answered {response.status}"
    assert_no_axe_violations(page)


# --- news and the volunteer information point ---------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "core:home",
        "news:list",
        "article",
        "info:index",
        "info:page",
        "info:vacancies",
        "info:trainings",
    ],
)
def test_news_and_information_pages_have_no_axe_violations(page, organisation, target):
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
    if target == "article":
        url = article.get_absolute_url()
    elif target == "info:page":
        url = reverse(target, args=["kostenvergoedingen"])
    else:
        url = reverse(target)
    response = page.goto(url)
    assert response is not None
    assert response.ok, f"{url} answered {response.status}"
    assert_no_axe_violations(page)
