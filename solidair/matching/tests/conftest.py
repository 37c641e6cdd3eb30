from __future__ import annotations

import pytest

from solidair.exchange import services as exchange


def goods(**overrides):
    data = {
        "kind": "offer",
        "nature": "goods",
        "category": "bicycles",
        "title": "Velo te geef",
        "body": "Een stadsfiets voor een volwassene, rijdt goed.",
        "neighbourhood": "rabot-blaisantvest",
        "languages": ["nl"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a post through the exchange service and run what is queued on commit (the
    matching announcement), as a real request would."""

    def _publish(author, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return exchange.create_post(author=author, data=goods(**overrides))

    return _publish


@pytest.fixture
def bike_request(citizen, publish):
    """citizen asks for a bicycle in Rabot."""
    return publish(
        citizen,
        kind="request",
        title="Fiets gezocht om naar mijn werk te rijden",
        body="Ik zoek een gewone fiets voor een volwassene.",
    )


@pytest.fixture
def immediately(citizen):
    citizen.profile.email_suggestions = "immediately"
    citizen.profile.save()
    return citizen
