"""The API's shape: OpenAPI, docs, reference data, /me and authentication."""

from __future__ import annotations

import json
import re

import pytest

from solidair.accounts.tokens import create_api_token, revoke_api_token
from solidair.core.models import Language
from solidair.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


# --- OpenAPI and docs --------------------------------------------------------------------------


def test_openapi_is_valid_json_listing_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for expected in [
        "/api/v1/categories",
        "/api/v1/neighbourhoods",
        "/api/v1/target-groups",
        "/api/v1/sectors",
        "/api/v1/languages",
        "/api/v1/me",
    ]:
        assert expected in paths
    assert any(p.startswith("/api/v1/organisations") for p in paths)
    assert schema["components"]["securitySchemes"]["BearerTokenAuth"]["scheme"] == "bearer"


def test_docs_page_loads_only_local_assets(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert all(a.startswith("/static/") for a in assets), assets
    assert "cdn" not in html.lower()
    # Swagger UI's validator badge would call validator.swagger.io.
    assert '"validatorUrl": null' in html


def test_docs_page_keeps_the_strict_content_security_policy(client):
    policy = client.get("/api/v1/docs").headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"


def test_unknown_api_paths_answer_json_404(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# --- reference data ------------------------------------------------------------------------------


def test_neighbourhoods_lists_the_25_wijken_with_coordinates(client):
    data = client.get("/api/v1/neighbourhoods").json()

    assert len(data) == 25
    rabot = next(n for n in data if n["slug"] == "rabot-blaisantvest")
    assert rabot["name"] == "Rabot - Blaisantvest"
    assert 51.0 < rabot["latitude"] < 51.1
    assert 3.6 < rabot["longitude"] < 3.8


def test_categories_can_be_filtered_by_nature(client):
    everything = client.get("/api/v1/categories").json()
    goods = client.get("/api/v1/categories", {"nature": "goods"}).json()
    volunteering = client.get("/api/v1/categories", {"nature": "volunteering"}).json()

    assert len(everything) == 22
    assert {c["nature"] for c in goods} == {"goods"}
    assert "bicycles" in {c["slug"] for c in goods}
    assert "homework-help" in {c["slug"] for c in volunteering}
    assert len(goods) + len(volunteering) == len(everything)


def test_target_groups_sectors_and_languages(client):
    target_groups = client.get("/api/v1/target-groups").json()
    sectors = client.get("/api/v1/sectors").json()
    languages = client.get("/api/v1/languages").json()

    assert {t["slug"] for t in target_groups} == {
        "refugees", "homeless", "poverty", "elderly", "disability", "youth", "families",
        "isolated",
    }  # fmt: skip
    assert "food-aid" in {s["slug"] for s in sectors}
    assert len(languages) == Language.objects.count()
    tigrinya = next(lg for lg in languages if lg["code"] == "ti")
    assert tigrinya == {"code": "ti", "name": "Tigrinya", "native_name": "ትግርኛ"}


@pytest.fixture
def language_tagging_gettext(monkeypatch):
    """Names come back as "<active language>:<source>" so tests see which language the
    endpoint translated into, whatever .po files exist."""
    from django.utils import translation

    monkeypatch.setattr(
        "solidair.core.models.gettext", lambda s: f"{translation.get_language()}:{s}"
    )


def test_names_follow_accept_language(client, language_tagging_gettext):
    data = client.get("/api/v1/categories", headers={"Accept-Language": "fr"}).json()
    assert data[0]["name"] == "fr:Clothing"


def test_the_lang_parameter_overrides_accept_language(client, language_tagging_gettext):
    data = client.get(
        "/api/v1/target-groups", {"lang": "ar"}, headers={"Accept-Language": "fr"}
    ).json()
    assert data[0]["name"].startswith("ar:")


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/categories", {"nature": "cars"}, "nature"),
        ("/api/v1/categories", {"lang": "xx"}, "lang"),
        ("/api/v1/sectors", {"lang": "'; DROP TABLE"}, "lang"),
        ("/api/v1/organisations", {"page": "abc"}, "page"),
        ("/api/v1/organisations", {"page": "-1"}, "page"),
        ("/api/v1/organisations", {"page": "99999999999999999999999"}, "page"),
    ],
)
def test_bad_query_parameters_answer_422_json_naming_the_field(client, url, params, field):
    response = client.get(url, params)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert any(error["loc"][-1] == field for error in detail), detail
    assert all({"loc", "msg", "type"} <= set(error) for error in detail)


def test_reference_endpoints_run_one_query(client, django_assert_max_num_queries):
    for url in ["/api/v1/categories", "/api/v1/neighbourhoods", "/api/v1/languages"]:
        with django_assert_max_num_queries(1):
            client.get(url)


# --- /me and authentication ---------------------------------------------------------------------


def test_me_requires_a_token(client):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required."}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_me_refuses_a_revoked_token(client, citizen):
    token, raw = create_api_token(user=citizen, name="t")
    revoke_api_token(user=citizen, token_id=token.pk)

    response = client.get("/api/v1/me", headers=bearer(raw))

    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header", ["Token abc", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer sol_wrong"]
)
def test_a_bad_authorization_header_answers_401_even_on_public_endpoints(client, header):
    response = client.get("/api/v1/categories", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["detail"]


def test_me_shows_the_token_owner_with_their_organisations(
    client, org_admin, organisation, django_assert_max_num_queries
):
    from solidair.core.models import Neighbourhood

    profile = org_admin.profile
    profile.neighbourhood = Neighbourhood.objects.get(slug="ledeberg")
    profile.save()
    profile.languages.set(Language.objects.filter(code__in=["nl", "ar"]))
    other = OrganisationFactory(name="Taalcafé")
    MembershipFactory(organisation=other, user=org_admin, role="member")
    _token, raw = create_api_token(user=org_admin, name="t")

    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/me", headers=bearer(raw))

    assert response.status_code == 200
    assert response.json() == {
        "id": org_admin.pk,
        "display_name": "Els van Buurtwerk",
        "email": org_admin.email,
        "neighbourhood": "ledeberg",
        "languages": ["nl", "ar"],
        "organisations": [
            {"slug": organisation.slug, "name": "Buurtwerk Rabot", "role": "owner"},
            {"slug": other.slug, "name": "Taalcafé", "role": "member"},
        ],
    }


def test_me_never_shows_other_members_emails(client, citizen, org_admin, organisation):
    MembershipFactory(organisation=organisation, user=citizen, role="member")
    _token, raw = create_api_token(user=citizen, name="t")

    body = client.get("/api/v1/me", headers=bearer(raw)).content.decode()

    assert citizen.email in body
    assert org_admin.email not in body


def test_me_works_for_a_signed_in_browser_session(client, citizen):
    client.force_login(citizen)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["id"] == citizen.pk


def test_a_token_of_a_deactivated_user_stops_working(client, citizen):
    _token, raw = create_api_token(user=citizen, name="t")
    citizen.is_active = False
    citizen.save()
    assert client.get("/api/v1/me", headers=bearer(raw)).status_code == 401


def test_the_api_root_points_at_the_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response.json()["docs"].endswith("/api/v1/docs")
    assert response.json()["openapi"].endswith("/api/v1/openapi.json")


# --- rate limit -------------------------------------------------------------------------------


def test_the_api_answers_429_json_over_its_rate_limit(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.API_RATE_LIMIT = "3/m"

    statuses = [client.get("/api/v1/sectors").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/sectors")
    assert response.json()["detail"]


def test_the_api_rate_limit_counts_token_owners_apart_from_their_ip(client, settings, citizen):
    settings.RATELIMIT_ENABLE = True
    settings.API_RATE_LIMIT = "2/m"
    _token, raw = create_api_token(user=citizen, name="t")
    for _ in range(2):
        client.get("/api/v1/sectors")
    assert client.get("/api/v1/sectors").status_code == 429

    assert client.get("/api/v1/me", headers=bearer(raw)).status_code == 200


def test_ratelimit_enable_false_switches_the_api_limit_off(client, settings):
    settings.RATELIMIT_ENABLE = False
    settings.API_RATE_LIMIT = "1/m"
    assert {client.get("/api/v1/sectors").status_code for _ in range(3)} == {200}
