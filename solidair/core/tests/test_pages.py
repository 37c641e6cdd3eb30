"""Site-wide pages and the page frame: home, privacy, terms, header, error pages, forms."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.template import loader
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.views import defaults

from solidair.core.models import Language
from solidair.organisations.models import Organisation
from solidair.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SIMPLE_PAGES = ["core:home", "core:privacy", "core:terms"]
# The home page also shows the latest news, the next events and the headline figures:
# a fixed number of queries more than the other simple pages, whatever the data.
HOME_ANONYMOUS_QUERIES = 12
HOME_MEMBER_QUERIES = 18


def header_of(html: str) -> str:
    match = re.search(r'<header class="site-header">.*?</header>', html, re.S)
    assert match, "the page has no site header"
    return match.group(0)


def internal_links(html: str) -> list[str]:
    return [
        href
        for href in re.findall(r'href="([^"]+)"', html)
        if href.startswith("/") and not href.startswith((settings.STATIC_URL, settings.MEDIA_URL))
    ]


# --- the simple pages --------------------------------------------------------------------


@pytest.mark.parametrize("name", SIMPLE_PAGES)
def test_it_serves_the_simple_pages_to_anonymous_visitors(
    client: Client, name: str, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(HOME_ANONYMOUS_QUERIES if name == "core:home" else 3):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("name", SIMPLE_PAGES)
def test_it_serves_the_simple_pages_to_logged_in_members(
    client: Client, org_admin, name: str, django_assert_max_num_queries
) -> None:
    client.force_login(org_admin)
    with django_assert_max_num_queries(HOME_MEMBER_QUERIES if name == "core:home" else 8):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert org_admin.email not in response.content.decode()


def test_home_shows_the_newest_verified_organisations_and_no_pending_ones(
    client: Client,
) -> None:
    OrganisationFactory(name="Buurtwerk Rabot", verified=True)
    OrganisationFactory(name="Nog Niet Nagekeken")
    OrganisationFactory(name="Afgewezen Vzw", rejected=True)

    html = client.get(reverse("core:home")).content.decode()

    assert "Buurtwerk Rabot" in html
    assert "Nog Niet Nagekeken" not in html
    assert "Afgewezen Vzw" not in html


def test_home_runs_a_bounded_number_of_queries_whatever_the_number_of_organisations(
    client: Client, django_assert_max_num_queries
) -> None:
    from solidair.core.models import Sector

    sectors = list(Sector.objects.all()[:3])
    OrganisationFactory.create_batch(12, verified=True)
    for organisation in Organisation.objects.all():
        organisation.sectors.set(sectors)

    with django_assert_max_num_queries(HOME_ANONYMOUS_QUERIES):
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert response.content.decode().count('<li class="card') == 6


def test_home_shows_a_friendly_empty_state_without_organisations(client: Client) -> None:
    html = client.get(reverse("core:home")).content.decode()
    assert "empty-state" in html


def test_every_link_on_the_home_page_leads_somewhere(client: Client) -> None:
    html = client.get(reverse("core:home")).content.decode()
    for href in internal_links(html):
        resolve(href.split("?")[0])


def test_privacy_statement_names_the_cookies_the_site_really_sets(client: Client) -> None:
    html = client.get(reverse("core:privacy")).content.decode()
    for cookie in (
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
    ):
        assert f"<code>{cookie}</code>" in html


def test_privacy_statement_names_the_password_hasher_the_project_uses(client: Client) -> None:
    # conftest swaps the hasher for speed; the statement describes the real settings.
    from config import settings as project_settings

    assert "Argon2" in project_settings.PASSWORD_HASHERS[0]
    assert "Argon2" in client.get(reverse("core:privacy")).content.decode()


def test_privacy_statement_gives_a_contact_for_exercising_rights(client: Client, settings) -> None:
    settings.CONTACT_EMAIL = "privacy@stad.example"
    html = client.get(reverse("core:privacy")).content.decode()
    assert 'href="mailto:privacy@stad.example"' in html


# --- header and page frame -----------------------------------------------------------------


def test_the_header_links_only_pages_that_exist_for_anonymous_visitors(client: Client) -> None:
    header = header_of(client.get(reverse("core:home")).content.decode())
    links = internal_links(header)

    assert reverse("organisations:directory") in links
    assert reverse("account_login") in links
    assert reverse("account_signup") in links
    assert reverse("accounts:profile") not in links
    for href in links:
        try:
            resolve(href.split("?")[0])
        except Resolver404:  # pragma: no cover - the assertion below explains
            pytest.fail(f"the header links to {href}, which does not exist")


def test_the_header_gives_members_their_own_links_and_a_log_out_button(
    client: Client, citizen
) -> None:
    client.force_login(citizen)
    header = header_of(client.get(reverse("core:home")).content.decode())
    links = internal_links(header)

    assert reverse("accounts:profile") in links
    assert reverse("account_login") not in links
    assert f'action="{reverse("account_logout")}"' in header
    assert reverse("admin:index") not in links
    for href in links:
        resolve(href.split("?")[0])


def test_the_header_shows_administration_to_staff_only(client: Client, editor, settings) -> None:
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(editor)
    header = header_of(client.get(reverse("core:home")).content.decode())
    assert reverse("admin:index") in internal_links(header)


def test_the_current_page_is_marked_in_the_navigation(client: Client) -> None:
    url = reverse("organisations:directory")
    header = header_of(client.get(url).content.decode())
    assert f'<a href="{url}" aria-current="page">' in header


def test_the_language_switcher_works_without_javascript(client: Client) -> None:
    html = client.get(reverse("core:terms")).content.decode()
    form = re.search(r'<form action="/language/".*?</form>', html, re.S)
    assert form, "no language form"
    assert 'name="language"' in form.group(0)
    assert 'type="submit"' in form.group(0)
    assert 'name="next" type="hidden" value="/terms/"' in form.group(0)


def test_arabic_pages_are_right_to_left(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_dutch_is_the_default_and_left_to_right(dutch_client: Client) -> None:
    html = dutch_client.get(reverse("core:home")).content.decode()
    assert '<html lang="nl" dir="ltr">' in html


def test_every_page_has_a_skip_link_to_the_main_content(client: Client) -> None:
    html = client.get(reverse("core:privacy")).content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html


def test_the_content_security_policy_forbids_inline_code(client: Client) -> None:
    response = client.get(reverse("core:home"))
    policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.parametrize("name", SIMPLE_PAGES)
def test_pages_carry_no_inline_script_or_style(client: Client, name: str, citizen) -> None:
    client.force_login(citizen)
    html = client.get(reverse(name)).content.decode()
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
    assert "<style" not in html
    assert " style=" not in html
    assert re.search(r"\son[a-z]+=", html) is None


def test_pages_load_nothing_from_other_sites(client: Client) -> None:
    html = client.get(reverse("core:home")).content.decode()
    assert re.search(r'(src|href)="(https?:)?//', html) is None


def test_the_static_assets_exist_and_the_script_uses_no_eval() -> None:
    static = Path(settings.BASE_DIR) / "static"
    for name in ("css/solidair.css", "js/solidair.js", "img/favicon.svg", "img/logo.svg"):
        assert (static / name).is_file(), name
    script = (static / "js/solidair.js").read_text()
    assert "eval(" not in script
    assert "new Function" not in script


# --- error pages -----------------------------------------------------------------------------


def test_a_missing_page_shows_our_friendly_404(client: Client) -> None:
    response = client.get("/this-page-does-not-exist/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert f'href="{reverse("core:home")}"' in response.content.decode()


def test_the_500_page_renders_without_a_request_or_database(django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert 'href="/"' in html
    assert settings.SITE_NAME in html


def test_the_server_error_view_uses_our_500_page() -> None:
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"error-page" in response.content


def test_the_403_and_400_pages_are_ours() -> None:
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    forbidden = defaults.permission_denied(request, Exception("no"))
    bad = defaults.bad_request(request, Exception("bad"))
    assert forbidden.status_code == 403
    assert b"error-page" in forbidden.content
    assert bad.status_code == 400
    assert b"error-page" in bad.content


def test_a_forged_or_expired_form_gets_a_friendly_csrf_page(citizen) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(reverse("set_language"), {"language": "en"})
    assert response.status_code == 403
    assert "403_csrf.html" in [t.name for t in response.templates]
    assert b"error-page" in response.content


def test_too_many_attempts_answer_429_and_ask_to_wait(rf) -> None:
    from django.contrib.auth.models import AnonymousUser

    from solidair.core.views import rate_limited

    request = rf.get("/")
    request.user = AnonymousUser()
    response = rate_limited(request)
    assert response.status_code == 429
    assert b"try again in a few minutes" in response.content


# --- form rendering ------------------------------------------------------------------------------


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="The name others see.")
    agree = forms.BooleanField(label="I agree")
    languages = forms.ModelMultipleChoiceField(
        label="Languages",
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        raise forms.ValidationError("Something is wrong with the whole form.")


def test_form_fields_point_at_their_help_and_errors() -> None:
    form = ExampleForm(data={"name": ""})
    html = str(form)

    assert '<label for="id_name">' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_helptext"' in html
    assert 'id="id_name_error"' in html


def test_a_form_with_errors_starts_with_an_error_summary() -> None:
    form = ExampleForm(data={"name": ""})
    html = str(form)

    summary = html.index("error-summary")
    assert summary < html.index('<label for="id_name">')
    assert "Something is wrong with the whole form." in html
    assert 'href="#id_name"' in html


def test_a_valid_looking_form_has_no_error_summary() -> None:
    assert "error-summary" not in str(ExampleForm())


def test_choice_lists_are_grouped_in_a_fieldset_with_a_legend() -> None:
    html = str(ExampleForm())
    assert re.search(r"<fieldset[^>]*>\s*<legend>Languages</legend>", html)


def test_a_single_checkbox_comes_before_its_label() -> None:
    html = str(ExampleForm())
    assert html.index('id="id_agree"') < html.index('<label for="id_agree">')


# --- pagination ---------------------------------------------------------------------------


def test_pagination_keeps_the_filters_and_says_where_you_are(rf) -> None:
    request = rf.get("/organisations/", {"q": "fiets", "page": "2"})
    page = Paginator(list(range(30)), 10).page(2)
    html = loader.render_to_string("includes/pagination.html", {"page_obj": page}, request=request)

    assert "Page 2 of 3" in html
    assert 'href="?q=fiets&amp;page=1"' in html
    assert 'href="?q=fiets&amp;page=3"' in html
    assert "aria-label=" in html


def test_a_single_page_needs_no_pagination(rf) -> None:
    page = Paginator(list(range(5)), 10).page(1)
    html = loader.render_to_string(
        "includes/pagination.html", {"page_obj": page}, request=rf.get("/")
    )
    assert html.strip() == ""


def test_home_shows_the_newest_open_requests_and_offers_only(
    client: Client, django_assert_max_num_queries
) -> None:
    from solidair.exchange.tests.factories import PostFactory

    PostFactory.create_batch(8)
    PostFactory(title="Kinderfiets gezocht", request=True)
    PostFactory(title="Nog een klad", draft=True)
    PostFactory(title="Al gesloten aanbod", closed=True)

    with django_assert_max_num_queries(HOME_ANONYMOUS_QUERIES):
        html = client.get(reverse("core:home")).content.decode()

    assert "Kinderfiets gezocht" in html
    assert "Nog een klad" not in html
    assert "Al gesloten aanbod" not in html
    assert html.count("post-card") >= 6
    assert reverse("exchange:list") in html


def test_privacy_statement_states_the_retention_the_code_applies(client: Client, settings) -> None:
    settings.RETENTION_MONTHS = 6
    settings.TASK_RESULTS_KEEP_DAYS = 7
    html = client.get(reverse("core:privacy")).content.decode()
    assert "deleted 6 months after they ended" in html
    assert "7 days after they were sent" in html
    settings.RETENTION_MONTHS = 0
    html = client.get(reverse("core:privacy")).content.decode()
    assert "does not delete them after a fixed period" in html
    assert "months after they ended" not in html
