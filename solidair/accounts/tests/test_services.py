from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from solidair.accounts import services
from solidair.accounts.models import Profile
from solidair.core.models import Language, Neighbourhood


def _jpeg() -> ContentFile[bytes]:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), (1, 2, 3)).save(out, format="JPEG")
    return ContentFile(out.getvalue(), name="clean.jpg")


def test_update_profile_saves_every_field(citizen):
    wijk = Neighbourhood.objects.get(slug="rabot-blaisantvest")
    languages = list(Language.objects.filter(code__in=["nl", "ar"]))
    profile = services.update_profile(
        user=citizen,
        display_name="  Fatima B.  ",
        neighbourhood=wijk,
        languages=languages,
        skills="cooking, Arabic ",
        bio="Hello",
    )
    assert profile.display_name == "Fatima B."
    assert profile.neighbourhood == wijk
    assert set(profile.languages.values_list("code", flat=True)) == {"nl", "ar"}
    assert profile.skill_list == ["cooking", "Arabic"]


def test_create_profile_uses_a_known_language_only(db):
    from solidair.accounts.models import User

    user = User.objects.create_user("new@example.org", "x")
    profile = services.create_profile(user=user, display_name="New", preferred_language="xx")
    assert profile.preferred_language == "nl"


def test_update_notification_preferences_refuses_unknown_values(citizen):
    with pytest.raises(ValueError, match="frequency"):
        services.update_notification_preferences(
            user=citizen,
            email_messages="hourly",
            email_suggestions="never",
            email_organisation_news=True,
            preferred_language="en",
        )
    profile = services.update_notification_preferences(
        user=citizen,
        email_messages="daily",
        email_suggestions="never",
        email_organisation_news=False,
        preferred_language="fr",
    )
    assert (profile.email_messages, profile.email_suggestions) == ("daily", "never")
    assert profile.preferred_language == "fr"


def test_set_avatar_replaces_and_deletes_the_old_file(citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.set_avatar(user=citizen, image=_jpeg()).avatar.name
    assert default_storage.exists(first)
    assert first.startswith("avatars/")
    assert first != "avatars/clean.jpg"
    with django_capture_on_commit_callbacks(execute=True):
        second = services.set_avatar(user=citizen, image=_jpeg()).avatar.name
    assert second != first
    assert default_storage.exists(second)
    assert not default_storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        profile = services.remove_avatar(user=citizen)
    assert not profile.avatar
    assert not default_storage.exists(second)


def test_unsubscribe_by_token_turns_every_email_off(citizen):
    token = citizen.profile.unsubscribe_token
    profile = services.unsubscribe_by_token(token=token)
    assert profile is not None
    profile = Profile.objects.get(pk=profile.pk)
    assert profile.email_messages == Profile.EmailFrequency.NEVER
    assert profile.email_suggestions == Profile.EmailFrequency.NEVER
    assert profile.email_organisation_news is False


def test_unsubscribe_by_token_ignores_an_unknown_token(citizen):
    assert services.unsubscribe_by_token(token="nope") is None
    citizen.profile.refresh_from_db()
    assert citizen.profile.email_messages == Profile.EmailFrequency.IMMEDIATELY
