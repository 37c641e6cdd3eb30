"""GET /api/v1/organisations and /api/v1/organisations/{slug}."""

from __future__ import annotations

import pytest

from solidair.core.models import Neighbourhood, Sector, TargetGroup
from solidair.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations"


@pytest.fixture
def orgs(db):
    kiem = OrganisationFactory.create(
        name="De Kiem",
        slug="de-kiem",
        description="Huiswerk **begeleiding**.",
        verified=True,
        contact_email="info@kiem.be",
        website="https://kiem.be",
    )
    kiem.sectors.set([Sector.objects.get(slug="education")])
    kiem.target_groups.set([TargetGroup.objects.get(slug="youth")])
    fiets = OrganisationFactory.create(
        name="Fietsatelier",
        slug="fietsatelier",
        description="Fietsen herstellen.",
        neighbourhood=Neighbourhood.objects.get(slug="dampoort"),
    )
    OrganisationFactory.create(name="Afgewezen", slug="afgewezen", rejected=True)
    return kiem, fiets


def slugs(response):
    return [item["slug"] for item in response.json()["items"]]


def test_it_lists_public_organisations(client, orgs):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert slugs(response) == ["de-kiem", "fietsatelier"]


def test_an_organisation_has_the_documented_fields(client, orgs):
    item = client.get(URL).json()["items"][0]
    assert item["slug"] == "de-kiem"
    assert item["name"] == "De Kiem"
    assert item["description"] == "Huiswerk **begeleiding**."
    assert "<strong>begeleiding</strong>" in item["description_html"]
    assert item["sectors"] == ["education"]
    assert item["target_groups"] == ["youth"]
    assert item["neighbourhood"] == "rabot-blaisantvest"
    assert item["verified"] is True
    assert item["contact_email"] == "info@kiem.be"
    assert item["website"] == "https://kiem.be"
    assert item["logo_url"] is None
    assert item["url"] == "http://testserver/organisations/de-kiem/"
    assert item["created_at"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sector": "education"}, ["de-kiem"]),
        ({"target_group": "youth"}, ["de-kiem"]),
        ({"neighbourhood": "dampoort"}, ["fietsatelier"]),
        ({"verified": "true"}, ["de-kiem"]),
        ({"verified": "false"}, ["fietsatelier"]),
        ({"q": "FIETSEN"}, ["fietsatelier"]),
        ({"q": "afgewezen"}, []),
        ({"sector": "unknown"}, []),
    ],
)
def test_it_filters(client, orgs, params, expected):
    assert slugs(client.get(URL, params)) == expected


def test_it_paginates(client):
    for i in range(25):
        OrganisationFactory.create(name=f"Org {i:02d}")
    first = client.get(URL).json()
    assert first["count"] == 25
    assert len(first["items"]) == 20
    second = client.get(URL, {"page": 2}).json()
    assert len(second["items"]) == 5
    assert len(client.get(URL, {"page_size": 7}).json()["items"]) == 7


@pytest.mark.parametrize(
    "params", [{"page": "0"}, {"page": "abc"}, {"page": str(10**20)}, {"verified": "maybe"}]
)
def test_bad_query_parameters_are_a_422_not_a_500(client, orgs, params):
    response = client.get(URL, params)
    assert response.status_code == 422
    assert "detail" in response.json()


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    sectors = list(Sector.objects.all()[:3])
    for i in range(30):
        OrganisationFactory.create(name=f"Org {i:02d}").sectors.set(sectors)
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"page_size": 30})
    assert len(response.json()["items"]) == 30


def test_one_organisation(client, orgs):
    response = client.get(f"{URL}/de-kiem")
    assert response.status_code == 200
    assert response.json()["name"] == "De Kiem"


@pytest.mark.parametrize("slug", ["afgewezen", "bestaat-niet"])
def test_unknown_and_rejected_organisations_are_a_json_404(client, orgs, slug):
    response = client.get(f"{URL}/{slug}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
