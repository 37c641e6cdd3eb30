from __future__ import annotations

import re
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from solidair.accounts.models import User
from solidair.accounts.tests.factories import TEST_PASSWORD
from solidair.accounts.tests.helpers import html_part

NEW_PASSWORD = "another quite long passphrase 77"


def _path_of(url: str) -> str:
    rest = url.split("://", 1)[1]
    return rest[rest.index("/") :]


def _find_link(body: str, fragment: str) -> str:
    match = re.search(r"https?://\S*" + re.escape(fragment) + r"\S*", body)
    assert match, body
    return _path_of(match.group(0))


def test_password_reset_email_works_once(client, citizen):
    response = client.post(reverse("account_reset_password"), {"email": citizen.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen.email]
    assert "/accounts/password/reset/key/" in html_part(message)
    link = _find_link(str(message.body), "/accounts/password/reset/key/")

    # allauth moves the key into the session and redirects to a key-less URL.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)

    # The same link does not work a second time.
    other = client.__class__()
    response = other.get(link, follow=True)
    assert response.context["token_fail"] is True
    response = other.post(
        response.redirect_chain[-1][0] if response.redirect_chain else link,
        {"password1": "yet another passphrase 99", "password2": "yet another passphrase 99"},
    )
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def test_change_email_flow(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("account_email"))
    assert response.status_code == 200
    assert citizen.email in response.content.decode()  # the owner sees their own address

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new-address@example.org"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new-address@example.org"]
    # Until confirmed, the old address stays the login.
    citizen.refresh_from_db()
    assert citizen.email != "new-address@example.org"

    link = _find_link(str(mail.outbox[0].body), "/accounts/confirm-email/")
    response = client.post(link)
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.email == "new-address@example.org"
    assert EmailAddress.objects.get(user=citizen, primary=True).email == "new-address@example.org"
    assert not EmailAddress.objects.filter(user=citizen).exclude(email="new-address@example.org")


def test_change_email_to_an_address_in_use_gets_an_error_and_changes_nothing(
    client, citizen, volunteer
):
    client.force_login(citizen)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": volunteer.email.upper()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["email"][0].code == "email_taken"
    assert User.objects.get(pk=citizen.pk).email == citizen.email
    assert not EmailAddress.objects.filter(user=citizen, email__iexact=volunteer.email)
    assert mail.outbox == []


def test_password_change(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": TEST_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)


def test_account_pages_use_the_site_layout(client, citizen):
    client.force_login(citizen)
    for name in ["account_email", "account_change_password", "mfa_index", "account_logout"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert 'class="site-header"' in html, name
        assert "style=" not in html, name  # CSP: no inline styles
    client.logout()
    for name in ["account_login", "account_signup", "account_reset_password"]:
        html = client.get(reverse(name)).content.decode()
        assert 'class="site-header"' in html, name
        assert 'class="form stack"' in html, name


def test_a_password_reset_link_expires(client, citizen, settings, monkeypatch):
    from django.contrib.auth.tokens import PasswordResetTokenGenerator

    client.post(reverse("account_reset_password"), {"email": citizen.email})
    link = _find_link(str(mail.outbox[0].body), "/accounts/password/reset/key/")
    # The link is older than PASSWORD_RESET_TIMEOUT when it is used.
    # (allauth's token generator is a PasswordResetTokenGenerator too.)
    made_at = PasswordResetTokenGenerator()._now()
    monkeypatch.setattr(
        PasswordResetTokenGenerator,
        "_now",
        lambda self: made_at + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60),
    )
    response = client.get(link, follow=True)
    assert response.context["token_fail"] is True
    target = response.redirect_chain[-1][0] if response.redirect_chain else link
    client.post(target, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    citizen.refresh_from_db()
    assert not citizen.check_password(NEW_PASSWORD)
