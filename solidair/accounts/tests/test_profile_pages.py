from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from solidair.accounts.models import ApiToken, Profile
from solidair.accounts.tests.factories import UserFactory
from solidair.core.models import Language, Neighbourhood


def _photo(size=(800, 600), fmt="JPEG", name="me.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "GPS-Cam"
    image.save(out, format=fmt, exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _edit_data(**overrides):
    data = {
        "display_name": "Fatima B.",
        "neighbourhood": str(Neighbourhood.objects.get(slug="ledeberg").pk),
        "languages": [
            str(pk)
            for pk in Language.objects.filter(code__in=["nl", "en"]).values_list("pk", flat=True)
        ],
        "skills": "cooking, cycling",
        "bio": "I like helping out.",
    }
    data.update(overrides)
    return data


def test_profile_pages_require_login(client, db):
    for name in [
        "accounts:profile",
        "accounts:profile_edit",
        "accounts:notifications",
        "accounts:tokens",
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_the_dashboard_shows_my_profile_and_organisations(
    client, org_admin, organisation, django_assert_max_num_queries
):
    client.force_login(org_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Els van Buurtwerk" in html
    assert organisation.name in html
    assert reverse("organisations:detail", args=[organisation.slug]) in html
    for name in [
        "account_email",
        "account_change_password",
        "mfa_index",
        "accounts:tokens",
        "accounts:notifications",
    ]:
        assert reverse(name) in html


def test_edit_profile_saves_and_strips_photo_metadata(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("accounts:profile_edit")).status_code == 200
    response = client.post(reverse("accounts:profile_edit"), {**_edit_data(), "avatar": _photo()})
    assert response.status_code == 302
    profile = Profile.objects.get(user=citizen)
    assert profile.display_name == "Fatima B."
    assert profile.neighbourhood is not None
    assert profile.neighbourhood.slug == "ledeberg"
    assert set(profile.languages.values_list("code", flat=True)) == {"nl", "en"}
    data = profile.avatar.read()
    assert b"GPS-Cam" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert max(image.size) == 512
        assert image.format == "JPEG"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("display_name", "x"),
        ("display_name", "y" * 61),
        ("bio", "z" * 1001),
        ("neighbourhood", "999999"),
    ],
)
def test_edit_profile_refuses_bad_input_and_changes_nothing(client, citizen, field, value):
    client.force_login(citizen)
    response = client.post(reverse("accounts:profile_edit"), _edit_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    profile = Profile.objects.get(user=citizen)
    assert profile.display_name == "Fatima"
    assert profile.neighbourhood is None


def test_an_oversized_photo_is_refused_and_changes_nothing(client, citizen, settings):
    settings.MAX_UPLOAD_SIZE = 2_000
    client.force_login(citizen)
    response = client.post(reverse("accounts:profile_edit"), {**_edit_data(), "avatar": _photo()})
    assert response.status_code == 200
    assert response.context["form"].errors["avatar"]
    profile = Profile.objects.get(user=citizen)
    assert not profile.avatar
    assert profile.display_name == "Fatima"


def test_a_file_that_is_not_an_image_is_refused(client, citizen):
    client.force_login(citizen)
    fake = SimpleUploadedFile("me.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    response = client.post(reverse("accounts:profile_edit"), {**_edit_data(), "avatar": fake})
    assert response.status_code == 200
    assert response.context["form"].errors["avatar"]
    assert not Profile.objects.get(user=citizen).avatar


def test_notification_preferences_are_saved(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("accounts:notifications")).status_code == 200
    response = client.post(
        reverse("accounts:notifications"),
        {"email_messages": "daily", "email_suggestions": "never", "preferred_language": "ar"},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=citizen)
    assert profile.email_messages == "daily"
    assert profile.email_organisation_news is False
    assert profile.preferred_language == "ar"


def test_notification_preferences_refuse_unknown_values(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:notifications"),
        {"email_messages": "hourly", "email_suggestions": "never", "preferred_language": "de"},
    )
    assert response.status_code == 200
    assert Profile.objects.get(user=citizen).email_messages == "immediately"


def test_the_public_profile_never_shows_the_email(
    client, citizen, stranger, django_assert_max_num_queries
):
    citizen.profile.bio = "Ik kook graag."
    citizen.profile.skills = "koken"
    citizen.profile.save()
    citizen.profile.languages.set(Language.objects.filter(code__in=["nl", "ar", "fr"]))
    for viewer in [None, stranger, citizen]:
        client.logout()
        if viewer:
            client.force_login(viewer)
        with django_assert_max_num_queries(10):
            response = client.get(reverse("accounts:person", args=[citizen.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Fatima" in html
        assert "Ik kook graag." in html
        assert citizen.email not in html
        assert citizen.email.split("@")[0] not in html


def test_the_public_profile_of_an_inactive_user_is_not_found(client, citizen):
    citizen.is_active = False
    citizen.save()
    assert client.get(reverse("accounts:person", args=[citizen.pk])).status_code == 404
    assert client.get(reverse("accounts:person", args=[987654])).status_code == 404


def test_the_unsubscribe_link_works_without_login(client, citizen):
    url = reverse("accounts:unsubscribe", args=[citizen.profile.unsubscribe_token])
    response = client.get(url)
    assert response.status_code == 200
    assert Profile.objects.get(user=citizen).email_messages == "immediately"  # GET changes nothing
    response = client.post(url)
    assert response.status_code == 200
    profile = Profile.objects.get(user=citizen)
    assert profile.email_messages == "never"
    assert profile.email_suggestions == "never"
    assert profile.email_organisation_news is False


def test_one_click_unsubscribe_needs_no_csrf_token(citizen):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse("accounts:unsubscribe", args=[citizen.profile.unsubscribe_token])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Profile.objects.get(user=citizen).email_messages == "never"


def test_an_invalid_unsubscribe_token_is_not_found(client, citizen):
    assert client.get(reverse("accounts:unsubscribe", args=["forged"])).status_code == 404
    assert client.post(reverse("accounts:unsubscribe", args=["forged"])).status_code == 404


def test_tokens_are_created_shown_once_and_revoked(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("accounts:tokens")).status_code == 200
    response = client.post(reverse("accounts:tokens"), {"name": "Buurtsite"})
    assert response.status_code == 200
    raw = response.context["raw_token"]
    assert raw
    assert raw in response.content.decode()
    token = ApiToken.objects.get(user=citizen)
    assert token.name == "Buurtsite"
    assert raw not in (token.key_hash, token.prefix)

    response = client.get(reverse("accounts:tokens"))
    html = response.content.decode()
    assert "Buurtsite" in html
    assert token.prefix in html
    assert raw not in html  # never shown again

    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_token_needs_a_name(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("accounts:tokens"), {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_nobody_revokes_someone_elses_token(client, citizen, stranger):
    from solidair.accounts.tokens import create_api_token

    token, _raw = create_api_token(user=citizen, name="mine")
    client.force_login(stranger)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_post(client, citizen):
    from solidair.accounts.tokens import create_api_token

    token, _raw = create_api_token(user=citizen, name="mine")
    client.force_login(citizen)
    assert client.get(reverse("accounts:token_revoke", args=[token.pk])).status_code == 405


def test_the_dashboard_query_count_does_not_grow_with_memberships(
    client, db, django_assert_max_num_queries
):
    from solidair.organisations.tests.factories import MembershipFactory, OrganisationFactory

    user = UserFactory()
    for _ in range(5):
        MembershipFactory(organisation=OrganisationFactory(), user=user, role="member")
    client.force_login(user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_my_pages_run_a_bounded_number_of_queries(client, citizen, django_assert_max_num_queries):
    from solidair.accounts.tokens import create_api_token

    for n in range(5):
        create_api_token(user=citizen, name=f"token {n}")
    citizen.profile.languages.set(Language.objects.all()[:10])
    client.force_login(citizen)
    for name in ["accounts:profile_edit", "accounts:notifications", "accounts:tokens"]:
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200, name
