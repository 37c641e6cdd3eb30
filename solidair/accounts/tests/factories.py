from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from factory.declarations import LazyFunction, RelatedFactory, Sequence
from factory.django import DjangoModelFactory
from factory.faker import Faker

from solidair.accounts.models import Profile, User

TEST_PASSWORD = "correct horse battery staple"


class ProfileFactory(DjangoModelFactory[Profile]):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    display_name = Faker("first_name", locale="nl_BE")
    # Emails are written in this language: tests read English source strings (conftest.py);
    # tests of Dutch emails ask for "nl".
    preferred_language = "en"


class UserFactory(DjangoModelFactory[User]):
    """A verified, active user with a profile, who logs in with TEST_PASSWORD.

    `editor=True` / `moderator=True` make the user city staff in the editors or moderators
    group; `verified=False` leaves the email address unverified."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = Sequence(lambda n: f"person{n}@example.org")
    password = LazyFunction(lambda: make_password(TEST_PASSWORD))
    profile = RelatedFactory(ProfileFactory, factory_related_name="user")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        editor = kwargs.pop("editor", False)
        moderator = kwargs.pop("moderator", False)
        verified = kwargs.pop("verified", True)
        if editor or moderator:
            kwargs["is_staff"] = True
        user = super()._create(model_class, *args, **kwargs)
        if editor:
            user.groups.add(Group.objects.get_or_create(name="editors")[0])
        if moderator:
            user.groups.add(Group.objects.get_or_create(name="moderators")[0])
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
        return user
