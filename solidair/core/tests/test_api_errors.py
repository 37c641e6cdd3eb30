"""Every API error is JSON with a 4xx status; bad input never reaches the 500 handler."""

from __future__ import annotations

import logging

import pytest

from solidair.accounts.tokens import create_api_token

pytestmark = [pytest.mark.django_db, pytest.mark.urls("solidair.core.tests.api_test_urls")]


@pytest.fixture
def no_unexpected_errors(caplog):
    """Fails the test when the catch-all 500 handler ran."""
    caplog.set_level(logging.ERROR, logger="solidair.api")
    yield
    assert not [r for r in caplog.records if r.name == "solidair.api"]


@pytest.fixture
def token(citizen):
    return create_api_token(user=citizen, name="t")[1]


def post_json(client, body, token=None, **kwargs):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        "/test-api/items", body, content_type="application/json", headers=headers, **kwargs
    )


def test_a_valid_bearer_request_needs_no_csrf_token(token, no_unexpected_errors):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = post_json(client, {"title": "Stoel", "quantity": 2}, token)
    assert response.status_code == 200
    assert response.json()["title"] == "Stoel"


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "",
        "[]",
        '"a string"',
        "null",
        '{"title": "Stoel"}',
        '{"title": "Stoel", "quantity": "many"}',
        '{"title": ["x"], "quantity": 1}',
        '{"title": "Stoel", "quantity": 1e400}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_bad_bodies_answer_4xx_json_and_never_reach_the_500_handler(
    client, token, body, no_unexpected_errors
):
    response = post_json(client, body, token)

    assert 400 <= response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_a_missing_field_is_named_in_the_422(client, token, no_unexpected_errors):
    response = post_json(client, {"title": "Stoel"}, token)

    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert ["body", "item", "quantity"] in locations


def test_a_session_write_without_csrf_token_is_refused(citizen, no_unexpected_errors):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)

    response = post_json(client, {"title": "Stoel", "quantity": 1})

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_session_write_with_csrf_token_is_accepted(citizen, no_unexpected_errors):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    client.get("/api/v1/docs")  # sets the CSRF cookie, like the docs page does
    csrf = client.cookies["csrftoken"].value

    response = post_json(client, {"title": "Stoel", "quantity": 1}, HTTP_X_CSRFTOKEN=csrf)

    assert response.status_code == 200
    assert response.json()["by"] == citizen.pk


def test_an_anonymous_write_answers_401(client, no_unexpected_errors):
    response = post_json(client, {"title": "Stoel", "quantity": 1})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_reads_are_open_to_anonymous_callers(client, token):
    assert client.get("/test-api/whoami").json() == {"authenticated": False}
    with_token = client.get("/test-api/whoami", headers={"Authorization": f"Bearer {token}"})
    assert with_token.json() == {"authenticated": True}


def test_http404_answers_json_without_internal_details(client, no_unexpected_errors):
    response = client.get("/test-api/missing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_permission_denied_answers_403_json(client, no_unexpected_errors):
    response = client.get("/test-api/forbidden")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_rate_limits_answer_429_json(client, settings, no_unexpected_errors):
    settings.RATELIMIT_ENABLE = True
    statuses = [client.get("/test-api/limited").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get("/test-api/limited").json()["detail"]


def test_a_method_that_does_not_exist_is_a_4xx(client, token):
    response = client.delete("/test-api/items", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 405


def test_a_bug_is_logged_and_answers_500_json(client, caplog):
    caplog.set_level(logging.ERROR, logger="solidair.api")

    response = client.get("/test-api/bug")

    assert response.status_code == 500
    assert response.json()["detail"]
    assert "a bug" not in response.content.decode()
    assert any(r.name == "solidair.api" and r.exc_info for r in caplog.records)
