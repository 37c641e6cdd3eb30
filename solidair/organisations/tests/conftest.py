from __future__ import annotations

import pytest

from solidair.accounts.tests.factories import UserFactory
from solidair.organisations.models import Membership
from solidair.organisations.tests.factories import MembershipFactory


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
