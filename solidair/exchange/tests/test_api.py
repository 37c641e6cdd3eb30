"""The requests-and-offers API: the contract integrations rely on."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from solidair.accounts.tokens import create_api_token
from solidair.exchange import services
from solidair.exchange.models import Conversation, Post

from .conftest import post_data
from .factories import PostFactory

pytestmark = pytest.mark.django_db

POST_FIELDS = {
    "id", "kind", "nature", "category", "title", "body", "body_html", "neighbourhood",
    "quantity", "quantity_open", "starts_on", "ends_on", "languages", "target_groups",
    "skills", "time_commitment", "hours", "status", "organisation", "group", "author",
    "photos", "created_at", "published_at", "expires_at", "url",
}  # fmt: skip

PAYLOAD = {
    "kind": "offer",
    "nature": "goods",
    "category": "bicycles",
    "title": "Kinderfiets",
    "body": "Blauw. <script>alert('x')</script> **Bijna nieuw**",
    "neighbourhood": "dampoort",
    "quantity": 1,
    "starts_on": "2030-03-01",
    "ends_on": "2030-03-31",
    "languages": ["nl", "fr"],
    "target_groups": ["families"],
}


def api_client(user) -> Client:
    _token, raw = create_api_token(user=user, name="test")
    return Client(headers={"authorization": f"Bearer {raw}", "accept-language": "en"})


@pytest.fixture
def citizen_api(citizen):
    return api_client(citizen)


@pytest.fixture
def volunteer_api(volunteer):
    return api_client(volunteer)


@pytest.fixture
def stranger_api(stranger):
    return api_client(stranger)


def create(client, **overrides):
    return client.post("/api/v1/posts", {**PAYLOAD, **overrides}, content_type="application/json")


# --- POST /posts --------------------------------------------------------------------------------


def test_it_creates_a_post_with_the_documented_fields(citizen_api, citizen):
    response = create(citizen_api)
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == POST_FIELDS
    assert body["kind"] == "offer"
    assert body["category"] == "bicycles"
    assert body["neighbourhood"] == "dampoort"
    assert body["quantity"] == body["quantity_open"] == 1
    assert body["starts_on"] == "2030-03-01"
    assert sorted(body["languages"]) == ["fr", "nl"]
    assert body["target_groups"] == ["families"]
    assert body["status"] == "open"
    assert body["organisation"] is None
    assert body["author"] == "Fatima"
    assert body["time_commitment"] is None
    assert body["url"].endswith(f"/posts/{body['id']}/")
    assert "<script" not in body["body_html"]
    assert "<strong>Bijna nieuw</strong>" in body["body_html"]
    assert citizen.email not in response.content.decode()
    assert Post.objects.get(pk=body["id"]).author == citizen


def test_it_creates_a_post_on_behalf_of_an_organisation(org_admin, organisation):
    response = create(api_client(org_admin), organisation=organisation.slug)
    assert response.status_code == 201
    assert response.json()["organisation"] == organisation.slug


def test_creating_requires_a_token(client):
    response = create(client)
    assert response.status_code == 401
    assert not Post.objects.exists()


def test_a_bad_token_is_401(client):
    response = client.post(
        "/api/v1/posts",
        PAYLOAD,
        content_type="application/json",
        headers={"authorization": "Bearer nope"},
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"category": "nope"}, "category"),
        ({"neighbourhood": "nope"}, "neighbourhood"),
        ({"quantity": -1}, "quantity"),
        ({"ends_on": "2030-02-01"}, "ends_on"),
        ({"languages": ["xx"]}, "languages"),
        ({"target_groups": ["nope"]}, "target_groups"),
        ({"kind": "gift"}, "kind"),
        ({"starts_on": "not a date"}, "starts_on"),
        ({"organisation": "not-mine"}, "organisation"),
        ({"category": "transport"}, "category"),
    ],
)
def test_invalid_input_is_422_naming_the_field(citizen_api, overrides, field):
    response = create(citizen_api, **overrides)
    assert response.status_code == 422, response.content
    locations = [error["loc"] for error in response.json()["detail"]]
    assert any(field in loc for loc in locations), locations
    assert not Post.objects.exists()


def test_a_missing_field_is_422(citizen_api):
    payload = {key: value for key, value in PAYLOAD.items() if key != "title"}
    response = citizen_api.post("/api/v1/posts", payload, content_type="application/json")
    assert response.status_code == 422
    assert any("title" in error["loc"] for error in response.json()["detail"])


def test_malformed_json_is_a_4xx(citizen_api):
    response = citizen_api.post("/api/v1/posts", "{nope", content_type="application/json")
    assert 400 <= response.status_code < 500


# --- GET /posts ----------------------------------------------------------------------------------


def test_the_list_is_public_and_shows_only_open_posts(client):
    open_post = PostFactory.create()
    PostFactory.create(draft=True)
    PostFactory.create(closed=True)
    PostFactory.create(expired=True)
    response = client.get("/api/v1/posts")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [item["id"] for item in body["items"]] == [open_post.pk]
    assert set(body["items"][0]) == POST_FIELDS


def test_the_list_filters_and_searches(client):
    PostFactory.create(title="Kinderfiets", body="Blauw")
    PostFactory.create(title="Frigo", body="Werkt")
    PostFactory.create(request=True, volunteering=True, title="Taalcoach")
    assert [i["title"] for i in client.get("/api/v1/posts?q=velo").json()["items"]] == [
        "Kinderfiets"
    ]
    assert [i["title"] for i in client.get("/api/v1/posts?kind=request").json()["items"]] == [
        "Taalcoach"
    ]
    response = client.get(
        "/api/v1/posts?nature=goods&category=furniture&neighbourhood=rabot-blaisantvest"
    )
    assert response.json()["count"] == 2
    response = client.get("/api/v1/posts?from=2030-01-01&to=2030-02-01&language=nl")
    assert response.status_code == 200
    assert client.get("/api/v1/posts?kind=gift").status_code == 422
    assert client.get("/api/v1/posts?from=nonsense").status_code == 422


def test_the_list_is_paginated(client):
    for _ in range(25):
        PostFactory.create()
    body = client.get("/api/v1/posts").json()
    assert body["count"] == 25
    assert len(body["items"]) == 20
    assert len(client.get("/api/v1/posts?page=2").json()["items"]) == 5
    assert len(client.get("/api/v1/posts?page_size=5").json()["items"]) == 5
    assert client.get("/api/v1/posts?page_size=1000").status_code == 422


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(20):
        PostFactory.create()
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/posts")
    assert len(response.json()["items"]) == 20


# --- GET/PATCH /posts/{id}, close ---------------------------------------------------------


def test_one_post_and_404s(client, citizen_api, citizen):
    post = PostFactory.create()
    draft = PostFactory.create(author=citizen, draft=True)
    assert client.get(f"/api/v1/posts/{post.pk}").json()["id"] == post.pk
    assert client.get(f"/api/v1/posts/{draft.pk}").status_code == 404
    assert citizen_api.get(f"/api/v1/posts/{draft.pk}").status_code == 200
    assert client.get("/api/v1/posts/999999").status_code == 404


def test_the_owner_patches_a_post(citizen_api, citizen):
    post = PostFactory.create(author=citizen)
    response = citizen_api.patch(
        f"/api/v1/posts/{post.pk}", {"title": "Nieuwe titel"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Nieuwe titel"
    assert response.json()["body"] == post.body


def test_nobody_else_patches_or_closes(stranger_api, client):
    post = PostFactory.create()
    url = f"/api/v1/posts/{post.pk}"
    assert (
        stranger_api.patch(url, {"title": "X"}, content_type="application/json").status_code == 403
    )
    assert stranger_api.post(f"{url}/close").status_code == 403
    assert client.patch(url, {"title": "X"}, content_type="application/json").status_code == 401
    post.refresh_from_db()
    assert post.status == Post.Status.OPEN
    assert post.title != "X"


def test_an_invalid_patch_is_422(citizen_api, citizen):
    post = PostFactory.create(author=citizen)
    response = citizen_api.patch(
        f"/api/v1/posts/{post.pk}", {"quantity": 0}, content_type="application/json"
    )
    assert response.status_code == 422


def test_the_owner_closes_a_post(citizen_api, citizen):
    post = PostFactory.create(author=citizen)
    response = citizen_api.post(f"/api/v1/posts/{post.pk}/close")
    assert response.status_code == 200
    assert response.json()["status"] == "closed"


# --- responses and conversations -----------------------------------------------------------------


def test_responding_opens_a_conversation(volunteer_api, citizen):
    post = PostFactory.create(author=citizen)
    response = volunteer_api.post(
        f"/api/v1/posts/{post.pk}/responses",
        {"message": "Ik kom!"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"id", "post", "conversation", "message", "created_at"}
    assert Conversation.objects.get(pk=body["conversation"]).post == post
    assert len(mail.outbox) == 1


def test_responding_to_own_or_closed_post_is_400(citizen_api, volunteer_api, citizen):
    own = PostFactory.create(author=citizen)
    response = citizen_api.post(
        f"/api/v1/posts/{own.pk}/responses", {"message": "Ik"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "own post" in response.json()["detail"]
    closed = PostFactory.create(closed=True)
    response = volunteer_api.post(
        f"/api/v1/posts/{closed.pk}/responses", {"message": "Ik"}, content_type="application/json"
    )
    assert response.status_code == 404  # a closed post is not visible to a stranger


def test_conversations_and_messages(volunteer_api, citizen_api, stranger_api, citizen):
    post = PostFactory.create(author=citizen)
    conversation_id = volunteer_api.post(
        f"/api/v1/posts/{post.pk}/responses", {"message": "Hallo"}, content_type="application/json"
    ).json()["conversation"]

    inbox = citizen_api.get("/api/v1/conversations").json()
    assert inbox["count"] == 1
    item = inbox["items"][0]
    assert item["unread_count"] == 1
    assert item["responder"] == "Jan Vrijwilliger"
    assert item["post_title"] == post.title

    url = f"/api/v1/conversations/{conversation_id}/messages"
    sent = citizen_api.post(url, {"body": "Welkom"}, content_type="application/json")
    assert sent.status_code == 201
    assert sent.json()["mine"] is True
    messages = volunteer_api.get(url).json()["items"]
    assert [(m["body"], m["mine"], m["sender"]) for m in messages] == [
        ("Hallo", True, "Jan Vrijwilliger"),
        ("Welkom", False, "Fatima"),
    ]
    assert stranger_api.get(url).status_code == 404
    assert (
        stranger_api.post(url, {"body": "Hi"}, content_type="application/json").status_code == 404
    )
    assert stranger_api.get("/api/v1/conversations").json()["count"] == 0
    assert citizen_api.post(url, {"body": "  "}, content_type="application/json").status_code == 422
    assert Client().get("/api/v1/conversations").status_code == 401


def test_no_email_address_in_any_answer(volunteer_api, citizen_api, citizen, volunteer):
    post = PostFactory.create(author=citizen)
    volunteer_api.post(
        f"/api/v1/posts/{post.pk}/responses", {"message": "Hallo"}, content_type="application/json"
    )
    conversation = Conversation.objects.get()
    for client, url in [
        (citizen_api, "/api/v1/posts"),
        (citizen_api, f"/api/v1/posts/{post.pk}"),
        (citizen_api, "/api/v1/conversations"),
        (volunteer_api, f"/api/v1/conversations/{conversation.pk}/messages"),
    ]:
        text = client.get(url).content.decode()
        assert citizen.email not in text
        assert volunteer.email not in text


# --- rate limits ------------------------------------------------------------------------


def test_posting_is_rate_limited(citizen_api, settings):
    settings.POST_RATE = "2/h"
    assert create(citizen_api).status_code == 201
    assert create(citizen_api).status_code == 201
    response = create(citizen_api)
    assert response.status_code == 429
    assert Post.objects.count() == 2


def test_responding_and_messaging_are_rate_limited(volunteer_api, citizen, settings):
    settings.RESPONSE_RATE = "1/h"
    settings.MESSAGE_RATE = "1/h"
    first, second = PostFactory.create(author=citizen), PostFactory.create(author=citizen)
    ok = volunteer_api.post(
        f"/api/v1/posts/{first.pk}/responses", {"message": "Een"}, content_type="application/json"
    )
    assert ok.status_code == 201
    limited = volunteer_api.post(
        f"/api/v1/posts/{second.pk}/responses", {"message": "Twee"}, content_type="application/json"
    )
    assert limited.status_code == 429
    url = f"/api/v1/conversations/{ok.json()['conversation']}/messages"
    assert (
        volunteer_api.post(url, {"body": "a"}, content_type="application/json").status_code == 201
    )
    assert (
        volunteer_api.post(url, {"body": "b"}, content_type="application/json").status_code == 429
    )


def test_rate_limits_switch_off(citizen_api, settings):
    settings.POST_RATE = "1/h"
    settings.RATELIMIT_ENABLE = False
    assert create(citizen_api).status_code == 201
    assert create(citizen_api).status_code == 201


def test_the_services_are_usable_without_the_api(citizen):
    # The contract of the API equals that of the service: same validation.
    data = post_data()
    assert services.create_post(author=citizen, data=data).pk
