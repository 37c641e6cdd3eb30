from __future__ import annotations

import datetime
from typing import cast

from django.core import mail
from django.urls import reverse

from solidair.accounts.adapter import plain_email_context, user_display
from solidair.accounts.models import User
from solidair.accounts.tests.factories import UserFactory
from solidair.accounts.tests.helpers import html_part
from solidair.accounts.tokens import create_api_token


def test_admin_pages_for_people_work(client, db):
    admin = cast(User, UserFactory(is_staff=True, is_superuser=True))
    other = cast(User, UserFactory(profile__display_name="Karim"))
    token, _raw = create_api_token(user=other, name="tool")
    client.force_login(admin)
    for url in [
        reverse("admin:accounts_user_changelist") + "?q=Karim",
        reverse("admin:accounts_user_change", args=[other.pk]),
        reverse("admin:accounts_user_add"),
        reverse("admin:accounts_profile_changelist"),
        reverse("admin:accounts_profile_change", args=[other.profile.pk]),
        reverse("admin:accounts_apitoken_changelist"),
        reverse("admin:accounts_apitoken_change", args=[token.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_allauth_names_people_by_display_name(citizen):
    assert user_display(citizen) == "Fatima"


def test_the_email_context_only_keeps_plain_values(citizen, rf):
    when = datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)
    plain = plain_email_context(
        {
            "user": citizen,
            "request": rf.get("/"),
            "activate_url": "http://x/y",
            "timestamp": when,
            "key": "k",
        }
    )
    assert plain == {
        "user_id": citizen.pk,
        "activate_url": "http://x/y",
        "timestamp": when.isoformat(),
        "key": "k",
    }


def test_allauth_emails_are_written_in_the_recipients_language(client, citizen):
    citizen.profile.preferred_language = "en"
    citizen.profile.save()
    client.post(reverse("account_reset_password"), {"email": citizen.email})
    message = mail.outbox[0]
    assert 'lang="en"' in html_part(message)
    assert "Password Reset" in message.subject  # allauth's English subject
    assert message.subject.startswith("[Solidair")


def test_allauth_emails_to_dutch_speakers_are_in_dutch(client, citizen):
    citizen.profile.preferred_language = "nl"
    citizen.profile.save()
    client.post(reverse("account_reset_password"), {"email": citizen.email})
    message = mail.outbox[0]
    assert 'lang="nl"' in html_part(message)
    assert "Password Reset" not in message.subject  # allauth ships Dutch translations
