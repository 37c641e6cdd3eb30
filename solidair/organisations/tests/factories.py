from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from factory.declarations import LazyAttribute, LazyFunction, Sequence, SubFactory, Trait
from factory.django import DjangoModelFactory

from solidair.accounts.tests.factories import UserFactory
from solidair.core.models import Neighbourhood
from solidair.organisations.models import Invitation, Membership, Organisation


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    class Params:
        verified = Trait(
            status=Organisation.Status.VERIFIED, verified_at=LazyFunction(timezone.now)
        )
        rejected = Trait(status=Organisation.Status.REJECTED, status_remark="Geen vzw.")

    name = Sequence(lambda n: f"Vzw Samen {n}")
    slug = Sequence(lambda n: f"vzw-samen-{n}")
    description = "Wij ondersteunen gezinnen in de buurt."
    neighbourhood = LazyFunction(lambda: Neighbourhood.objects.get(slug="rabot-blaisantvest"))


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    organisation = SubFactory(OrganisationFactory)
    user = SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class InvitationFactory(DjangoModelFactory[Invitation]):
    """An open invitation, valid for a week. `expired=True` makes it out of date."""

    class Meta:
        model = Invitation

    class Params:
        expired = Trait(expires_at=LazyFunction(lambda: timezone.now() - timedelta(days=1)))

    organisation = SubFactory(OrganisationFactory)
    email = Sequence(lambda n: f"invitee{n}@example.org")
    role = Membership.Role.MEMBER
    invited_by = None
    expires_at = LazyAttribute(lambda o: timezone.now() + timedelta(days=7))


def membership_of(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)
