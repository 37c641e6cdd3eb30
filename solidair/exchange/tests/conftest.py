from __future__ import annotations

import pytest

from solidair.exchange import services


def post_data(**overrides):
    """Valid data for services.create_post: a goods offer of furniture in Rabot."""
    data = {
        "kind": "offer",
        "nature": "goods",
        "category": "furniture",
        "title": "Houten tafel",
        "body": "Een **stevige** tafel, op te halen.",
        "neighbourhood": "rabot-blaisantvest",
        "quantity": 2,
        "languages": ["nl", "ar"],
        "target_groups": ["families"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def offer(citizen):
    """An open goods offer (2 tables) by `citizen`."""
    return services.create_post(author=citizen, data=post_data())


@pytest.fixture
def org_post(org_admin, organisation):
    """An open volunteering request on behalf of `organisation`, by its owner."""
    return services.create_post(
        author=org_admin,
        organisation=organisation,
        data=post_data(
            kind="request",
            nature="volunteering",
            category="language-coaching",
            title="Taalcoach gezocht",
            quantity=None,
            skills=["Nederlands", "geduld"],
            time_commitment="recurring",
            hours=2,
        ),
    )
