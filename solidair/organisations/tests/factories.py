from __future__ import annotations

import factory
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.core.models import Neighbourhood
from solidair.organisations.models import Membership, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    class Params:
        verified = factory.Trait(
            status=Organisation.Status.VERIFIED, verified_at=factory.LazyFunction(timezone.now)
        )

    name = factory.Sequence(lambda n: f"Vzw Samen {n}")
    slug = factory.Sequence(lambda n: f"vzw-samen-{n}")
    description = "Wij ondersteunen gezinnen in de buurt."
    neighbourhood = factory.LazyFunction(
        lambda: Neighbourhood.objects.get(slug="rabot-blaisantvest")
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER
