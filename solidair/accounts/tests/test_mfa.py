from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from solidair.accounts.tests.factories import TEST_PASSWORD


def _log_in(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302, response.content
    return response


def _current_code(secret: str) -> str:
    counter = next(iter(totp_auth.yield_hotp_counters_from_time()))
    return str(totp_auth.format_hotp_value(totp_auth.hotp_value(secret, counter)))


def _reauthenticate(client):
    # allauth asks for the password again before two-factor settings change.
    response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert response.status_code == 302, response.content


def _activate_totp(client, user) -> str:
    _reauthenticate(client)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert 'class="site-header"' in response.content.decode()
    secret = client.session[totp_auth.SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    assert response.status_code == 302
    return str(secret)


def test_totp_activation_works_and_login_then_asks_for_a_code(
    client, citizen, django_capture_on_commit_callbacks
):
    _log_in(client, citizen)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        secret = _activate_totp(client, citizen)
    assert Authenticator.objects.filter(user=citizen, type=Authenticator.Type.TOTP).exists()
    assert any(m.to == [citizen.email] for m in mail.outbox)  # "authenticator app activated"

    client.post(reverse("account_logout"))
    response = _log_in(client, citizen)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_a_wrong_totp_code_does_not_activate(client, citizen):
    _log_in(client, citizen)
    _reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "123"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not Authenticator.objects.filter(user=citizen).exists()


@override_settings(STAFF_REQUIRE_MFA=True)
def test_staff_without_totp_are_sent_to_the_activation_page(client, editor):
    _log_in(client, editor)
    for path in [reverse("core:home"), reverse("accounts:profile"), "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp"), path
    # What is needed to comply or leave stays reachable.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    _reauthenticate(client)
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get("/api/v1/no-such-endpoint").status_code == 404  # not redirected
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@override_settings(STAFF_REQUIRE_MFA=True)
def test_staff_with_totp_use_the_site_normally(client, editor):
    _log_in(client, editor)
    secret = _activate_totp(client, editor)
    assert secret
    assert client.get(reverse("accounts:profile")).status_code == 200


@override_settings(STAFF_REQUIRE_MFA=True)
def test_non_staff_are_not_asked_for_totp(client, citizen):
    _log_in(client, citizen)
    assert client.get(reverse("accounts:profile")).status_code == 200


@override_settings(STAFF_REQUIRE_MFA=False)
def test_staff_mfa_is_not_required_when_switched_off(client, editor):
    _log_in(client, editor)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_mfa_pages_render_in_the_site_layout(client, citizen):
    _log_in(client, citizen)
    _activate_totp(client, citizen)
    _reauthenticate(client)
    for name in [
        "mfa_index",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert 'class="site-header"' in html, name
        assert "style=" not in html, name
