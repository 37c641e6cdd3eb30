from __future__ import annotations

import re
from typing import cast

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from solidair.accounts.models import Profile, User
from solidair.accounts.tests.factories import TEST_PASSWORD, UserFactory
from solidair.accounts.tests.helpers import html_part

SIGNUP = {
    "display_name": "Amina",
    "email": "amina@example.org",
    "password1": "a long and unusual passphrase 42",
    "password2": "a long and unusual passphrase 42",
}


def _confirmation_link(body: str) -> str:
    match = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", body)
    assert match, body
    return match.group(0)


def test_the_signup_page_asks_for_a_display_name(client, db):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="display_name"' in html
    assert 'class="site-header"' in html  # inside the site's layout


def test_signup_creates_a_profile_and_sends_a_verification_email_whose_link_verifies(
    dutch_client, db
):
    client = dutch_client
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="amina@example.org")
    assert user.profile.display_name == "Amina"
    assert user.profile.preferred_language == "nl"
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    link = _confirmation_link(str(message.body))
    assert link in html_part(message)

    path = link.split("://", 1)[1]
    path = path[path.index("/") :]
    assert client.get(path).status_code == 200  # a confirmation page, not a GET side effect
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified


def test_signup_email_is_in_the_language_of_the_page(client, db):
    client.cookies["solidair_language"] = "en"
    client.post(reverse("account_signup"), SIGNUP)
    assert Profile.objects.get(user__email="amina@example.org").preferred_language == "en"
    assert 'lang="en"' in html_part(mail.outbox[0])


@pytest.mark.parametrize("name", ["", "A", "x" * 61, "me@example.org"])
def test_signup_refuses_a_bad_display_name(client, db, name):
    response = client.post(reverse("account_signup"), {**SIGNUP, "display_name": name})
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_with_an_email_in_use_gets_a_clear_error_and_creates_nothing(dutch_client, citizen):
    client = dutch_client
    citizen.email = "person@example.org"
    citizen.save()
    data = {**SIGNUP, "email": "Person@Example.org"}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["email"][0]
    assert error.code == "email_taken"
    assert "geregistreerd" in response.content.decode()  # allauth's Dutch message is shown
    assert User.objects.count() == 1
    assert Profile.objects.count() == 1
    assert mail.outbox == []


def test_login_is_refused_before_the_email_is_verified(client, db):
    user = cast(User, UserFactory(verified=False))
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    # A fresh verification link is sent.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]


def test_a_verified_user_logs_in(client, citizen):
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_login_is_locked_after_too_many_failures(client, citizen, settings):
    assert settings.ACCOUNT_RATE_LIMITS, "rate limits are on in tests"
    for _ in range(settings.LOGIN_ATTEMPTS_LIMIT):
        response = client.post(
            reverse("account_login"), {"login": citizen.email, "password": "wrong"}
        )
        assert response.status_code == 200
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_robot_that_fills_in_the_honeypot_is_refused_and_nothing_is_created(client, db):
    page = client.get(reverse("account_signup")).content.decode()
    # The trap is in the form, hidden from people and screen readers, out of the tab order.
    assert re.search(r'<div class="honeypot" aria-hidden="true">.*name="website"', page)
    assert 'tabindex="-1"' in page

    response = client.post(reverse("account_signup"), {**SIGNUP, "website": "http://spam"})
    assert response.status_code == 200
    assert "This form could not be sent. Please try again." in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()
    assert mail.outbox == []

    # A person leaves it empty and signs up as usual.
    assert client.post(reverse("account_signup"), {**SIGNUP, "website": ""}).status_code == 302
    assert User.objects.filter(email=SIGNUP["email"]).exists()
