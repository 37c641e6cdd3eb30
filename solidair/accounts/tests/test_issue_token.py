from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, ManagementUtility, call_command

from solidair.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db


def issue_token(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("issue_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_a_working_token_as_the_last_line(client, citizen):
    out, _err = issue_token(citizen.email)

    raw = out.strip().splitlines()[-1]
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json()["email"] == citizen.email


def test_it_names_the_token(citizen):
    issue_token(citizen.email, "--name", "Import script")
    assert ApiToken.objects.get(user=citizen).name == "Import script"


def test_it_finds_the_user_whatever_the_case_of_the_email(citizen):
    out, _err = issue_token(citizen.email.upper())
    assert ApiToken.objects.filter(user=citizen).count() == 1
    assert out.strip()


def test_create_makes_a_verified_active_user_with_a_profile(client):
    out, err = issue_token("jan.de-smet@example.org", "--create")

    user = User.objects.get(email="jan.de-smet@example.org")
    assert user.is_active
    assert not user.is_staff
    assert not user.has_usable_password()
    assert EmailAddress.objects.filter(
        user=user, email=user.email, verified=True, primary=True
    ).exists()
    assert user.profile.display_name == "Jan De Smet"
    assert "Created" in err
    raw = out.strip().splitlines()[-1]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert me.json()["display_name"] == "Jan De Smet"


def test_create_keeps_an_existing_user(citizen):
    issue_token(citizen.email, "--create")
    assert User.objects.filter(email=citizen.email).count() == 1
    assert citizen.profile.display_name == "Fatima"


def test_it_refuses_an_unknown_email_without_create():
    with pytest.raises(CommandError, match="--create"):
        issue_token("nobody@example.org")
    assert not User.objects.exists()
    assert not ApiToken.objects.exists()


def test_it_exits_with_status_1_for_an_unknown_email(capsys):
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "issue_token", "nobody@example.org"]).execute()
    assert exit_info.value.code == 1
    assert "No user with the email address" in capsys.readouterr().err


@pytest.mark.parametrize("email", ["not-an-email", "a@", ""])
def test_it_refuses_an_invalid_email(email):
    with pytest.raises(CommandError):
        issue_token(email, "--create")
    assert not User.objects.exists()


def test_it_refuses_a_deactivated_user(citizen):
    citizen.is_active = False
    citizen.save()
    with pytest.raises(CommandError, match="deactivated"):
        issue_token(citizen.email)
    assert not ApiToken.objects.exists()
