from __future__ import annotations

import pytest
from django.utils import translation

from solidair.exchange import services
from solidair.organisations.models import Membership
from solidair.organisations.tests.factories import MembershipFactory


@pytest.fixture(autouse=True)
def _english():
    # Assertions read English source strings; keep them true once Dutch is translated.
    with translation.override("en"):
        yield


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


@pytest.fixture
def org_member(db, organisation):
    from solidair.accounts.tests.factories import UserFactory

    user = UserFactory.create(profile__display_name="Piet Lid")
    MembershipFactory.create(organisation=organisation, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def org_second_admin(db, organisation):
    from solidair.accounts.tests.factories import UserFactory

    user = UserFactory.create(profile__display_name="An Beheerder")
    MembershipFactory.create(organisation=organisation, user=user, role=Membership.Role.ADMIN)
    return user
