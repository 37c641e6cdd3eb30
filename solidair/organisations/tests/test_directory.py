"""The directory: filters, search, pagination, htmx fragments and a bounded number of
queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from solidair.core.models import Neighbourhood, Sector, TargetGroup
from solidair.organisations.models import Organisation
from solidair.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/organisations/"


def names(response):
    return [o.name for o in response.context["organisations"]]


@pytest.fixture
def orgs(db):
    welfare, health = Sector.objects.get(slug="welfare"), Sector.objects.get(slug="health")
    refugees = TargetGroup.objects.get(slug="refugees")
    dampoort = Neighbourhood.objects.get(slug="dampoort")
    kiem = OrganisationFactory.create(
        name="De Kiem", description="Huiswerkbegeleiding voor kinderen.", verified=True
    )
    kiem.sectors.set([welfare])
    kiem.target_groups.set([refugees])
    fiets = OrganisationFactory.create(
        name="Fietsatelier", description="Wij herstellen fietsen.", neighbourhood=dampoort
    )
    fiets.sectors.set([health])
    zorg = OrganisationFactory.create(name="zorgnet", description="Thuiszorg.", verified=True)
    zorg.sectors.set([welfare, health])
    OrganisationFactory.create(name="Afgewezen", description="Fietsen en zorg.", rejected=True)
    return {"kiem": kiem, "fiets": fiets, "zorg": zorg}


def test_it_lists_public_organisations_alphabetically_without_rejected_ones(client, orgs):
    assert names(client.get(URL)) == ["De Kiem", "Fietsatelier", "zorgnet"]


def test_it_filters_by_sector(client, orgs):
    assert names(client.get(URL, {"sector": "welfare"})) == ["De Kiem", "zorgnet"]


def test_it_filters_by_target_group(client, orgs):
    assert names(client.get(URL, {"target_group": "refugees"})) == ["De Kiem"]


def test_it_filters_by_neighbourhood(client, orgs):
    assert names(client.get(URL, {"neighbourhood": "dampoort"})) == ["Fietsatelier"]


def test_it_filters_verified_only(client, orgs):
    assert names(client.get(URL, {"verified": "on"})) == ["De Kiem", "zorgnet"]


def test_filters_combine(client, orgs):
    assert names(client.get(URL, {"sector": "health", "verified": "on"})) == ["zorgnet"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("fiets", ["Fietsatelier"]),  # in the name, case-insensitive
        ("FIETSEN", ["Fietsatelier"]),  # in the description
        ("huiswerk kinderen", ["De Kiem"]),  # every word must match
        ("huiswerk fietsen", []),
        ("ZORG", ["zorgnet"]),
    ],
)
def test_it_searches_name_and_description(client, orgs, q, expected):
    assert names(client.get(URL, {"q": q})) == expected


def test_an_unknown_filter_value_is_ignored_not_a_500(client, orgs):
    response = client.get(URL, {"sector": "does-not-exist", "page": "x"})
    assert response.status_code == 200
    assert names(response) == ["De Kiem", "Fietsatelier", "zorgnet"]


def test_it_paginates_by_twenty(client):
    for i in range(45):
        OrganisationFactory.create(name=f"Org {i:02d}")
    first = client.get(URL)
    assert len(first.context["organisations"]) == 20
    third = client.get(URL, {"page": 3})
    assert names(third) == [f"Org {i:02d}" for i in range(40, 45)]
    # Out of range: the last page rather than an error.
    assert names(client.get(URL, {"page": 99})) == names(third)


def test_pagination_links_keep_the_filters(client):
    for i in range(25):
        OrganisationFactory.create(name=f"Org {i:02d}", verified=True)
    html = client.get(URL, {"verified": "on"}).content.decode()
    assert "?verified=on&amp;page=2" in html


def test_htmx_requests_get_only_the_results_fragment(client, orgs):
    response = client.get(URL, {"q": "kiem"}, headers={"hx-request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "De Kiem" in html
    assert "Fietsatelier" not in html
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client, orgs):
    response = client.get(URL, headers={"hx-request": "true", "hx-history-restore-request": "true"})
    assert "<html" in response.content.decode()


def test_the_filter_form_filters_live_and_keeps_a_shareable_url(client, orgs):
    html = client.get(URL).content.decode()
    assert 'hx-get="/organisations/"' in html
    assert 'hx-target="#results"' in html
    assert 'hx-push-url="true"' in html
    assert "delay:" in html
    # Without JavaScript the same form submits as a plain GET.
    assert 'method="get" action="/organisations/"' in html


def test_cards_show_name_badge_sectors_and_neighbourhood(client, orgs):
    html = client.get(URL).content.decode()
    assert "badge--verified" in html
    assert "badge--pending" in html
    assert Sector.objects.get(slug="welfare").label in html
    assert "Dampoort" in html


@pytest.fixture
def many_orgs(db):
    sectors = list(Sector.objects.all()[:3])
    groups = list(TargetGroup.objects.all()[:2])
    for i in range(35):
        organisation = OrganisationFactory.create(name=f"Organisatie {i}", verified=i % 2 == 0)
        organisation.sectors.set(sectors)
        organisation.target_groups.set(groups)
        MembershipFactory.create(organisation=organisation)
    return Organisation.objects.all()


def test_the_directory_runs_a_bounded_number_of_queries(
    client, many_orgs, citizen, django_assert_max_num_queries
):
    client.force_login(citizen)
    # Constant whatever the number of organisations; the signed-in header (unread messages
    # and notifications, acting identity) takes its share.
    with django_assert_max_num_queries(13):
        response = client.get(URL, {"sector": "welfare"})
    assert len(response.context["organisations"]) == 20
    with django_assert_max_num_queries(12):
        client.get(URL, headers={"hx-request": "true"})


def test_the_detail_page_runs_a_bounded_number_of_queries(
    client, many_orgs, django_assert_max_num_queries
):
    organisation = many_orgs.first()
    owner = MembershipFactory.create(organisation=organisation, role="owner").user
    client.force_login(owner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("organisations:detail", args=[organisation.slug]))
    assert response.status_code == 200


def test_the_members_page_runs_a_bounded_number_of_queries(
    client, organisation, org_admin, django_assert_max_num_queries
):
    for _ in range(30):
        MembershipFactory.create(organisation=organisation)
    client.force_login(org_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("organisations:members", args=[organisation.slug]))
    assert len(response.context["memberships"]) == 31
