"""The groups API: listing and creating groups, joining, members, topics and replies."""

from __future__ import annotations

import pytest
from django.test import Client

from solidair.accounts.tokens import create_api_token
from solidair.groups.models import Group, GroupMembership, Reply, Topic

from .factories import GroupFactory, ReplyFactory, TopicFactory

pytestmark = pytest.mark.django_db


def api(user=None) -> tuple[Client, dict[str, str]]:
    client = Client(headers={"accept-language": "en"})
    if user is None:
        return client, {}
    _token, raw = create_api_token(user=user, name="test")
    return client, {"Authorization": f"Bearer {raw}"}


def post(client, url, data, headers):
    return client.post(url, data=data, content_type="application/json", headers=headers)


def test_creating_a_group_answers_201_with_its_slug(citizen):
    client, headers = api(citizen)
    response = post(
        client,
        "/api/v1/groups",
        {"name": "Buren van Ledeberg", "description": "Samen", "visibility": "closed"},
        headers,
    )
    assert response.status_code == 201
    body = response.json()
    assert body["slug"] == "buren-van-ledeberg"
    assert (body["visibility"], body["member_count"]) == ("closed", 1)
    assert GroupMembership.objects.get(group__slug=body["slug"]).role == "owner"


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "", "description": "x", "visibility": "open"},
        {"name": "X", "description": "x", "visibility": "secret"},
        {"name": "X", "visibility": "open"},
        {"name": "X", "description": "x", "visibility": "open", "theme": "nope"},
    ],
)
def test_bad_input_is_a_422_and_creates_nothing(citizen, payload):
    client, headers = api(citizen)
    response = post(client, "/api/v1/groups", payload, headers)
    assert response.status_code == 422
    assert "detail" in response.json()
    assert not Group.objects.exists()


def test_creating_needs_a_token():
    client, _ = api()
    response = post(
        client, "/api/v1/groups", {"name": "X", "description": "x", "visibility": "open"}, {}
    )
    assert response.status_code == 401


def test_listing_and_filtering_groups(client):
    GroupFactory.create(name="Open", visibility="open")
    GroupFactory.create(name="Dicht", visibility="closed")
    client, _ = api()
    assert client.get("/api/v1/groups").json()["count"] == 2
    closed = client.get("/api/v1/groups?visibility=closed").json()
    assert [g["name"] for g in closed["items"]] == ["Dicht"]
    assert client.get("/api/v1/groups?visibility=secret").status_code == 422


def test_joining_open_and_closed_groups(citizen, open_group, closed_group):
    client, headers = api(citizen)
    joined = post(client, f"/api/v1/groups/{open_group.slug}/join", {}, headers)
    assert joined.status_code == 200
    assert joined.json() == {"group": open_group.slug, "state": "active", "role": "member"}
    twice = post(client, f"/api/v1/groups/{open_group.slug}/join", {}, headers)
    assert twice.status_code == 400
    assert "already a member" in twice.json()["detail"]
    no_reason = post(client, f"/api/v1/groups/{closed_group.slug}/join", {}, headers)
    assert no_reason.status_code == 422
    asked = post(
        client, f"/api/v1/groups/{closed_group.slug}/join", {"motivation": "Graag"}, headers
    )
    assert asked.json()["state"] == "requested"
    assert post(client, "/api/v1/groups/unknown/join", {}, headers).status_code == 404


def test_members_topics_and_replies_for_a_member(volunteer, closed_group, org_admin):
    topic = TopicFactory.create(group=closed_group, author=org_admin, title="Agenda")
    ReplyFactory.create(topic=topic, author=volunteer, body="Ok")
    client, headers = api(volunteer)
    members = client.get(f"/api/v1/groups/{closed_group.slug}/members", headers=headers).json()
    assert [(m["name"], m["role"]) for m in members["items"]] == [
        ("Els van Buurtwerk", "owner"),
        ("Jan Vrijwilliger", "member"),
    ]
    assert "@" not in str(members)  # no email addresses
    topics = client.get(f"/api/v1/groups/{closed_group.slug}/topics", headers=headers).json()
    assert [t["title"] for t in topics["items"]] == ["Agenda"]
    replies = client.get(
        f"/api/v1/groups/{closed_group.slug}/topics/{topic.pk}/replies", headers=headers
    ).json()
    assert [r["body"] for r in replies["items"]] == ["Ok"]


def test_a_member_writes_topics_and_replies(volunteer, closed_group):
    client, headers = api(volunteer)
    created = post(
        client,
        f"/api/v1/groups/{closed_group.slug}/topics",
        {"title": "Vraag", "body": "**Wie** komt?"},
        headers,
    )
    assert created.status_code == 201
    assert created.json()["body_html"] == "<p><strong>Wie</strong> komt?</p>"
    topic_id = created.json()["id"]
    reply = post(
        client,
        f"/api/v1/groups/{closed_group.slug}/topics/{topic_id}/replies",
        {"body": "Ik"},
        headers,
    )
    assert reply.status_code == 201
    assert Reply.objects.get().author == volunteer


def test_replying_to_a_locked_topic_is_a_400(volunteer, closed_group, org_admin):
    topic = TopicFactory.create(group=closed_group, author=org_admin, locked=True)
    client, headers = api(volunteer)
    response = post(
        client,
        f"/api/v1/groups/{closed_group.slug}/topics/{topic.pk}/replies",
        {"body": "Toch"},
        headers,
    )
    assert response.status_code == 400
    assert "locked" in response.json()["detail"]
    assert not Reply.objects.exists()


def test_a_non_member_of_an_open_group_reads_but_must_join_to_write(citizen, open_group):
    TopicFactory.create(group=open_group)
    client, headers = api(citizen)
    assert (
        client.get(f"/api/v1/groups/{open_group.slug}/topics", headers=headers).json()["count"] == 1
    )
    response = post(
        client, f"/api/v1/groups/{open_group.slug}/topics", {"title": "x", "body": "y"}, headers
    )
    assert response.status_code == 403
    assert Topic.objects.count() == 1


def test_api_lists_run_a_bounded_number_of_queries(
    volunteer, closed_group, org_admin, django_assert_max_num_queries
):
    from solidair.accounts.tests.factories import UserFactory

    from .factories import member

    for _ in range(30):
        topic = TopicFactory.create(group=closed_group, author=UserFactory.create())
        ReplyFactory.create(topic=topic, author=org_admin)
        member(closed_group, UserFactory.create())
        GroupFactory.create()
    client, headers = api(volunteer)
    for url in (
        "/api/v1/groups",
        f"/api/v1/groups/{closed_group.slug}/topics",
        f"/api/v1/groups/{closed_group.slug}/members",
        f"/api/v1/groups/{closed_group.slug}/topics/{topic.pk}/replies",
    ):
        with django_assert_max_num_queries(10):
            response = client.get(url, headers=headers)
        assert response.status_code == 200
        assert len(response.json()["items"]) >= 1
