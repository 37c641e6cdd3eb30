from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from solidair.accounts.tests.factories import UserFactory
from solidair.organisations.models import Membership
from solidair.organisations.tests.factories import MembershipFactory


@pytest.fixture(autouse=True)
def _english():
    # Assertions read English source strings; keep them true once Dutch is translated.
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """A browser that asks for English pages (LocaleMiddleware picks the language per
    request)."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def org_member(db, organisation):
    """A plain member of `organisation`."""
    user = UserFactory.create(profile__display_name="Piet Lid")
    MembershipFactory.create(organisation=organisation, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def org_second_admin(db, organisation):
    """An administrator (not the owner) of `organisation`."""
    user = UserFactory.create(profile__display_name="An Beheerder")
    MembershipFactory.create(organisation=organisation, user=user, role=Membership.Role.ADMIN)
    return user


def membership_of(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)
