"""Requests and offers "only for this group": in a closed group only its active members see
them, through every channel requests and offers have: the list and its search, the post's
page, responding, the API (list, detail, create), the home page and its figures, the
volunteer vacancies, matching (suggestions, saved searches, notifications). Probed as an
anonymous visitor, a stranger, a pending applicant, a refused applicant, a member who left
and a removed member. In an open group everyone may see them, as its other content."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from solidair.accounts.tokens import create_api_token
from solidair.exchange import services as exchange
from solidair.exchange.models import Post, Response
from solidair.exchange.tests.factories import PostFactory
from solidair.matching.models import Notice
from solidair.matching.services import announce_post, save_search
from solidair.organisations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SECRET = "Voedselpakket KRUIDNOTEN"
OUTSIDERS = ("anonymous", "stranger", "applicant", "refused", "departed", "removed")


@pytest.fixture
def secret_post(closed_group, volunteer):
    return exchange.create_post(
        author=volunteer,
        group=closed_group.slug,
        data={
            "kind": "offer",
            "nature": "goods",
            "category": "food",
            "neighbourhood": "gentbrugge",
            "title": SECRET,
            "body": "Voor de mantelzorgers van de groep: KRUIDNOTEN en soep.",
        },
    )


def client_for(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def api_headers(user) -> dict[str, str]:
    if user is None:
        return {}
    _, raw = create_api_token(user=user, name="probe")
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_closed_groups_post_reaches_no_outsider(who, outsiders, secret_post, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    user = outsiders[who]
    client = client_for(user)

    for url in (
        reverse("exchange:list"),
        reverse("exchange:list") + "?q=kruidnoten",
        reverse("exchange:list") + "?kind=offer&category=food",
        reverse("core:home"),
        reverse("info:vacancies"),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "KRUIDNOTEN" not in page.content.decode(), url

    assert client.get(secret_post.get_absolute_url()).status_code == 404
    if user is not None:
        answer = client.post(
            reverse("exchange:respond", args=[secret_post.pk]), {"message": "Graag!"}
        )
        assert answer.status_code == 404
        assert not Response.objects.filter(post=secret_post).exists()
        with pytest.raises(Http404):  # the service refuses a forged request as well
            exchange.respond_to_post(post=secret_post, responder=user, message="Graag!")

    api = Client()
    headers = api_headers(user)
    listing = api.get("/api/v1/posts?q=kruidnoten", headers=headers)
    assert listing.status_code == 200
    assert "KRUIDNOTEN" not in listing.content.decode()
    detail = api.get(f"/api/v1/posts/{secret_post.pk}", headers=headers)
    assert detail.status_code == 404
    # A hidden post answers exactly like one that does not exist.
    assert detail.json() == api.get("/api/v1/posts/987654", headers=headers).json()


def test_the_home_figures_do_not_count_a_closed_groups_posts(client, secret_post, settings):
    from solidair.core.views import _count_headline_figures

    PostFactory.create(kind="offer")
    assert _count_headline_figures()["open_offers"] == 1


def test_matching_never_announces_a_closed_groups_post(secret_post, stranger, citizen):
    # Someone whose saved search and open request fit it exactly hears nothing of it.
    save_search(user=stranger, query="q=kruidnoten", frequency="instant")
    PostFactory.create(
        author=citizen, kind="request", nature="goods", category__slug="food", title="Kruidnoten"
    )
    result = announce_post(post_id=secret_post.pk)
    assert (result.suggestions, result.saved_searches) == (0, 0)
    assert not Notice.objects.filter(post=secret_post).exists()


def test_members_see_it_in_the_list_and_respond(secret_post, org_admin, volunteer, closed_group):
    client = client_for(org_admin)
    page = client.get(reverse("exchange:list") + "?q=kruidnoten")
    assert SECRET in page.content.decode()
    detail = client.get(secret_post.get_absolute_url())
    assert detail.status_code == 200
    assert "Only for the group" in detail.content.decode()
    response = exchange.respond_to_post(post=secret_post, responder=org_admin, message="Ik kom")
    assert response.pk
    api = Client().get("/api/v1/posts?q=kruidnoten", headers=api_headers(org_admin))
    assert [item["group"] for item in api.json()["items"]] == [closed_group.slug]


def test_a_removed_member_loses_it_at_once(secret_post, closed_group, org_admin, citizen):
    from solidair.groups import services as groups
    from solidair.groups.models import GroupMembership

    groups.join_group(group=closed_group, user=citizen, motivation="Ik help mee")
    groups.accept_request(
        membership=GroupMembership.objects.get(group=closed_group, user=citizen), by=org_admin
    )
    client = client_for(citizen)
    assert client.get(secret_post.get_absolute_url()).status_code == 200

    groups.remove_member(
        membership=GroupMembership.objects.get(group=closed_group, user=citizen), by=org_admin
    )
    assert client.get(secret_post.get_absolute_url()).status_code == 404


def test_the_author_keeps_their_own_post_after_leaving(secret_post, closed_group, volunteer):
    from solidair.groups import services as groups

    groups.leave_group(group=closed_group, user=volunteer)
    assert client_for(volunteer).get(secret_post.get_absolute_url()).status_code == 200


def test_an_open_groups_post_is_for_everyone(open_group, org_admin, client, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    post = exchange.create_post(
        author=org_admin,
        group=open_group,
        data={
            "kind": "request",
            "nature": "goods",
            "category": "furniture",
            "neighbourhood": "rabot-blaisantvest",
            "title": "Tafels voor het buurtfeest",
            "body": "We zoeken drie lange tafels.",
        },
    )
    assert client.get(post.get_absolute_url()).status_code == 200
    assert "Tafels voor het buurtfeest" in client.get(reverse("exchange:list")).content.decode()


def test_only_an_active_member_posts_for_a_group(closed_group, stranger, organisation):
    data = {
        "kind": "offer",
        "nature": "goods",
        "category": "food",
        "neighbourhood": "gentbrugge",
        "title": "Soep",
        "body": "Verse soep voor wie wil.",
    }
    with pytest.raises(ValidationError) as excinfo:
        exchange.create_post(author=stranger, data=data, group=closed_group.slug)
    assert "group" in excinfo.value.message_dict
    assert not Post.objects.filter(title="Soep").exists()

    answer = Client().post(
        "/api/v1/posts",
        {**data, "group": closed_group.slug},
        content_type="application/json",
        headers=api_headers(stranger),
    )
    assert answer.status_code == 422
    assert not Post.objects.filter(title="Soep").exists()


def test_the_api_and_the_form_post_only_for_a_group(closed_group, volunteer, organisation):
    MembershipFactory.create(organisation=organisation, user=volunteer, role="member")
    answer = Client().post(
        "/api/v1/posts",
        {
            "kind": "request",
            "nature": "goods",
            "category": "household",
            "neighbourhood": "gentbrugge",
            "title": "Rolstoel te leen",
            "body": "Voor een uitstap met de groep.",
            "group": closed_group.slug,
        },
        content_type="application/json",
        headers=api_headers(volunteer),
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["group"] == closed_group.slug
    assert Post.objects.get(title="Rolstoel te leen").group == closed_group

    form = client_for(volunteer).get(reverse("exchange:create") + f"?group={closed_group.slug}")
    html = form.content.decode()
    assert 'name="group"' in html
    assert f'value="{closed_group.slug}" selected' in html
