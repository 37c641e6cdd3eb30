"""A database outage is a friendly 503 with Retry-After, on pages and in the API; any other
error stays a 500."""

from __future__ import annotations

import pytest
from django.db import InterfaceError, OperationalError
from django.urls import reverse

from solidair.accounts.models import User
from solidair.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _fail_with(monkeypatch, exc: Exception) -> None:
    def broken(*args, **kwargs):
        raise exc

    # The organisations directory and the API's /me both read through these.
    monkeypatch.setattr(Organisation.objects, "visible_to", broken, raising=False)
    monkeypatch.setattr(Organisation.objects, "directory", broken, raising=False)
    monkeypatch.setattr(User, "display_name", property(broken))


@pytest.mark.parametrize(
    "exc", [OperationalError("connection refused"), InterfaceError("connection already closed")]
)
def test_a_page_answers_503_back_in_a_moment(client, monkeypatch, exc):
    _fail_with(monkeypatch, exc)
    client.raise_request_exception = False
    response = client.get(reverse("organisations:directory"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "We are back in a moment" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_a_bug_is_still_a_500(client, monkeypatch):
    _fail_with(monkeypatch, ValueError("a bug"))
    client.raise_request_exception = False
    response = client.get(reverse("organisations:directory"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_the_api_answers_503_json(client, monkeypatch, citizen):
    from solidair.accounts.tokens import create_api_token

    _, raw = create_api_token(user=citizen, name="outage")
    _fail_with(monkeypatch, OperationalError("connection refused"))
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "The service is unavailable for a moment. Try again shortly."
    }
