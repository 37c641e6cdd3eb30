"""The calendar in the JSON API: list (expanded within a range, filters), one event,
announcing (201 / 422 naming the field) and registration (registered / waitlisted)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.accounts.tokens import create_api_token
from solidair.activities import services
from solidair.activities.models import Event, Registration

from .factories import EventFactory, tomorrow_at

URL = "/api/v1/events"


def api_client(user) -> Client:
    _token, raw = create_api_token(user=user, name="test")
    return Client(headers={"authorization": f"Bearer {raw}", "accept-language": "en"})


def post_json(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def payload(**overrides):
    values = {
        "title": "Vorming: vrijwilligerswerk en verzekering",
        "description": "Wat moet je weten als vrijwilliger?",
        "type": "training",
        "starts_at": tomorrow_at(19).isoformat(),
        "ends_at": tomorrow_at(21).isoformat(),
        "neighbourhood": "dampoort",
        "capacity": 2,
        "recurrence": "FREQ=WEEKLY;COUNT=5",
    }
    values.update(overrides)
    return values


# --- reading ----------------------------------------------------------------------------------


def test_the_list_expands_series_within_the_range_soonest_first(client, db):
    EventFactory.create(title="Wekelijks", recurrence="FREQ=WEEKLY;COUNT=10")
    EventFactory.create(title="Eenmalig", type="info-session", starts_at=tomorrow_at(9, days=2))
    today = timezone.localdate()
    response = client.get(
        URL, {"from": today.isoformat(), "to": (today + timedelta(days=20)).isoformat()}
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["title"] for i in items] == ["Wekelijks", "Eenmalig", "Wekelijks", "Wekelijks"]
    assert items[0]["occurrence_id"] != items[2]["occurrence_id"]
    assert items[0]["id"] == items[2]["id"]
    assert (
        items[0]["starts_at"].endswith("+01:00")
        or items[0]["starts_at"].endswith("+02:00")
        or items[0]["starts_at"].endswith("Z")
    )
    assert [i["title"] for i in client.get(URL, {"type": "info-session"}).json()["items"]] == [
        "Eenmalig"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "gisteren"},
        {"from": "2026-05-02", "to": "2026-05-01"},
        {"from": "2026-01-01", "to": "2028-01-01"},
        {"type": "party"},
        {"page": "0"},
        {"from": "9999-12-31"},
        {"to": "9999-12-31", "from": "9999-12-01"},
    ],
)
def test_bad_list_parameters_answer_a_4xx(client, db, params):
    response = client.get(URL, params)
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_the_online_link_is_only_for_people_with_a_place_and_organisers(
    client, training, occurrence, org_admin, citizen, volunteer
):
    training.online_url = "https://meet.example.org/vorming"
    training.save()
    services.register(occurrence=occurrence, user=citizen)
    for reader, expected in (
        (client, None),
        (api_client(volunteer), None),
        (api_client(citizen), "https://meet.example.org/vorming"),
        (api_client(org_admin), "https://meet.example.org/vorming"),
    ):
        assert reader.get(URL).json()["items"][0]["online_url"] == expected
        assert reader.get(f"{URL}/{training.pk}").json()["online_url"] == expected
    assert api_client(citizen).get(URL).json()["items"][0]["my_registration"] == "registered"


def test_one_event_with_its_dates(client, db):
    event = EventFactory.create(recurrence="FREQ=WEEKLY;COUNT=3", capacity=5)
    body = client.get(f"{URL}/{event.pk}").json()
    assert body["id"] == event.pk
    assert body["recurrence"] == "FREQ=WEEKLY;COUNT=3"
    assert len(body["occurrences"]) == 3
    assert body["occurrences"][0]["capacity"] == 5
    assert "email" not in json.dumps(body)
    assert client.get(f"{URL}/999999").status_code == 404


def test_the_list_runs_a_bounded_number_of_queries(
    client, db, organisation, django_assert_max_num_queries
):
    for i in range(25):
        EventFactory.create(
            organisation=organisation,
            starts_at=tomorrow_at(10, days=1 + i % 10),
            recurrence="FREQ=WEEKLY;COUNT=3",
        )
    with django_assert_max_num_queries(6):
        assert len(client.get(URL, {"page_size": 100}).json()["items"]) == 75


# --- writing ----------------------------------------------------------------------------------


def test_announcing_an_event_answers_201_with_its_id(citizen):
    response = post_json(api_client(citizen), URL, payload())
    assert response.status_code == 201, response.content
    body = response.json()
    event = Event.objects.get(pk=body["id"])
    assert event.author == citizen
    assert event.occurrences.count() == 5
    assert body["type"] == "training"
    assert len(body["occurrences"]) == 5


def test_announcing_on_behalf_of_an_organisation(org_admin, organisation, citizen):
    assert (
        post_json(api_client(org_admin), URL, payload(organisation=organisation.slug)).json()[
            "organisation"
        ]
        == organisation.slug
    )
    response = post_json(api_client(citizen), URL, payload(organisation=organisation.slug))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "organisation"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": tomorrow_at(18).isoformat()}, "ends_at"),
        ({"recurrence": "FREQ=WEEKLY"}, "recurrence"),
        ({"capacity": 0}, "capacity"),
        (
            {
                "starts_at": (timezone.now() - timedelta(days=3)).isoformat(),
                "ends_at": (timezone.now() - timedelta(days=2)).isoformat(),
            },
            "starts_at",
        ),
        ({"neighbourhood": "atlantis"}, "neighbourhood"),
        ({"type": "party"}, "type"),
        ({"starts_at": "morgen"}, "starts_at"),
    ],
)
def test_bad_input_answers_422_naming_the_field(citizen, overrides, field):
    response = post_json(api_client(citizen), URL, payload(**overrides))
    assert response.status_code == 422, response.content
    assert field in [e["loc"][-1] for e in response.json()["detail"]]
    assert not Event.objects.exists()


def test_announcing_needs_a_token(client, db):
    assert post_json(client, URL, payload()).status_code == 401


def test_registration_answers_registered_then_waitlisted_and_promotes_on_delete(
    training, occurrence
):
    ann, bob, cas = UserFactory.create_batch(3)
    url = f"{URL}/{training.pk}/registration"
    assert post_json(api_client(ann), url).json()["status"] == "registered"
    response = post_json(api_client(bob), url, {"occurrence": occurrence.pk})
    assert response.status_code == 201
    assert response.json()["status"] == "registered"
    response = post_json(api_client(cas), url)
    assert response.json() | {"starts_at": None} == {
        "status": "waitlisted",
        "event": training.pk,
        "occurrence": occurrence.pk,
        "starts_at": None,
        "waitlist_position": 1,
    }
    assert post_json(api_client(cas), url).status_code == 200  # again: the same registration
    mail.outbox.clear()
    assert api_client(ann).delete(url).status_code == 204
    assert Registration.objects.get(user=cas).status == "registered"
    assert [m.to for m in mail.outbox] == [[cas.email]]
    assert api_client(ann).delete(url).status_code == 404


def test_registration_errors_are_4xx(client, training, occurrence, org_admin, citizen):
    url = f"{URL}/{training.pk}/registration"
    assert post_json(client, url).status_code == 401
    assert post_json(api_client(citizen), url, {"occurrence": 999999}).status_code == 404
    services.cancel_occurrence(occurrence=occurrence, by=org_admin)
    response = post_json(api_client(citizen), url, {"occurrence": occurrence.pk})
    assert response.status_code == 400
    assert "cancelled" in response.json()["detail"]
    assert post_json(api_client(citizen), url).status_code == 400  # no upcoming date left


def test_registration_works_without_a_body_and_refuses_a_bad_one(training, occurrence, citizen):
    url = f"{URL}/{training.pk}/registration"
    client = api_client(citizen)
    assert client.post(url).json()["status"] == "registered"
    assert client.post(f"{url}?occurrence={occurrence.pk}").status_code == 200
    bad = client.post(url, data="not json", content_type="application/json")
    assert bad.status_code == 400
    assert "detail" in bad.json()
    assert post_json(client, url, {"occurrence": "x"}).status_code == 422
    assert client.delete(f"{url}?occurrence=abc").status_code == 422
