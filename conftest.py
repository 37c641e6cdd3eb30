"""Named personas shared by every app's tests (DESIGN.md): citizen, volunteer, org_admin,
editor, moderator, stranger and anonymous."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english():
    """Tests read English source strings, which stay put while translations change. Tests of
    the Dutch default ask for it explicitly (`dutch_client`, `translation.override("nl")`)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """A browser that asks for English pages (LocaleMiddleware picks the language per
    request from Accept-Language, then the cookie, then Dutch)."""
    from django.test import Client

    return Client(headers={"accept-language": "en"})


@pytest.fixture
def dutch_client():
    """A browser that states no language preference: it gets the Dutch default."""
    from django.test import Client

    return Client()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments live in the cache: each test starts clean.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(db):
    from solidair.accounts.tests.factories import UserFactory

    return UserFactory(profile__display_name="Fatima")


@pytest.fixture
def volunteer(db):
    from solidair.accounts.tests.factories import UserFactory

    return UserFactory(profile__display_name="Jan Vrijwilliger")


@pytest.fixture
def organisation(db):
    from solidair.organisations.tests.factories import OrganisationFactory

    return OrganisationFactory(name="Buurtwerk Rabot", verified=True)


@pytest.fixture
def org_admin(db, organisation):
    """The owner of `organisation`."""
    from solidair.accounts.tests.factories import UserFactory
    from solidair.organisations.tests.factories import MembershipFactory

    user = UserFactory(profile__display_name="Els van Buurtwerk")
    MembershipFactory(organisation=organisation, user=user, role="owner")
    return user


@pytest.fixture
def org_member(db, organisation):
    """A plain member of `organisation`."""
    from solidair.accounts.tests.factories import UserFactory
    from solidair.organisations.tests.factories import MembershipFactory

    user = UserFactory(profile__display_name="Piet Lid")
    MembershipFactory(organisation=organisation, user=user, role="member")
    return user


@pytest.fixture
def org_second_admin(db, organisation):
    """An administrator (not the owner) of `organisation`."""
    from solidair.accounts.tests.factories import UserFactory
    from solidair.organisations.tests.factories import MembershipFactory

    user = UserFactory(profile__display_name="An Beheerder")
    MembershipFactory(organisation=organisation, user=user, role="admin")
    return user


@pytest.fixture
def editor(db):
    from solidair.accounts.tests.factories import UserFactory

    return UserFactory(profile__display_name="Redactie Stad", editor=True)


@pytest.fixture
def moderator(db):
    from solidair.accounts.tests.factories import UserFactory

    return UserFactory(profile__display_name="Moderator Stad", moderator=True)


@pytest.fixture
def stranger(db):
    from solidair.accounts.tests.factories import UserFactory

    return UserFactory(profile__display_name="Onbekende")


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
