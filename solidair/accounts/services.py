"""Writes for accounts: profiles, notification preferences, avatars, unsubscribing, deleting
an account."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from solidair.accounts.models import Profile, User
from solidair.core.models import Language, Neighbourhood


def _delete_file_after_commit(name: str) -> None:
    """Remove a replaced file from storage once the new value is safely stored."""
    if not name:
        return
    from django.core.files.storage import default_storage

    transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def create_profile(
    *, user: User, display_name: str, preferred_language: str | None = None
) -> Profile:
    """Give a newly signed-up user their profile (idempotent: an existing profile is kept,
    with the new display name)."""
    language = preferred_language if preferred_language in dict(settings.LANGUAGES) else None
    profile, created = Profile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": display_name.strip(),
            "preferred_language": language or settings.LANGUAGE_CODE,
        },
    )
    if not created and profile.display_name != display_name.strip():
        profile.display_name = display_name.strip()
        profile.save(update_fields=["display_name", "updated_at"])
    return profile


@transaction.atomic
def update_profile(
    *,
    user: User,
    display_name: str,
    neighbourhood: Neighbourhood | None,
    languages: Iterable[Language],
    skills: str,
    bio: str,
    avatar: ContentFile[bytes] | None = None,
    remove_avatar: bool = False,
) -> Profile:
    """Save what `user` shows of themselves. `avatar` must come from
    ``solidair.core.images.clean_image_upload`` (re-encoded, EXIF stripped); a new avatar
    wins over `remove_avatar`."""
    profile = Profile.objects.select_for_update().get(user=user)
    profile.display_name = display_name.strip()
    profile.neighbourhood = neighbourhood
    profile.skills = skills.strip()
    profile.bio = bio.strip()
    profile.save()
    profile.languages.set(list(languages))
    if avatar is not None:
        set_avatar(user=user, image=avatar)
    elif remove_avatar:
        remove_avatar_of(user=user)
    profile.refresh_from_db()
    return profile


@transaction.atomic
def update_notification_preferences(
    *,
    user: User,
    email_messages: str,
    email_suggestions: str,
    email_organisation_news: bool,
    preferred_language: str,
) -> Profile:
    """Store how often `user` wants email, and in which language."""
    frequencies = set(Profile.EmailFrequency.values)
    if email_messages not in frequencies or email_suggestions not in frequencies:
        raise ValueError("Unknown email frequency")
    if preferred_language not in dict(settings.LANGUAGES):
        raise ValueError("Unknown language")
    profile = Profile.objects.select_for_update().get(user=user)
    profile.email_messages = email_messages
    profile.email_suggestions = email_suggestions
    profile.email_organisation_news = email_organisation_news
    profile.preferred_language = preferred_language
    profile.save()
    return profile


@transaction.atomic
def set_avatar(*, user: User, image: ContentFile[bytes]) -> Profile:
    """Replace `user`'s photo with `image` (already cleaned by clean_image_upload); the old
    file is deleted once the change is committed."""
    profile = Profile.objects.select_for_update().get(user=user)
    old_name = profile.avatar.name if profile.avatar else ""
    # The storage name comes from avatar_upload_to (random), never from the upload.
    profile.avatar.save("avatar.jpg", image, save=False)
    profile.save(update_fields=["avatar", "updated_at"])
    _delete_file_after_commit(old_name)
    return profile


@transaction.atomic
def remove_avatar_of(*, user: User) -> Profile:
    """Remove `user`'s photo (the file goes once the change is committed)."""
    profile = Profile.objects.select_for_update().get(user=user)
    old_name = profile.avatar.name if profile.avatar else ""
    if old_name:
        profile.avatar = None
        profile.save(update_fields=["avatar", "updated_at"])
        _delete_file_after_commit(old_name)
    return profile


# The brief's name for it; `remove_avatar` is also a keyword of update_profile.
remove_avatar = remove_avatar_of


@transaction.atomic
def unsubscribe_by_token(*, token: str) -> Profile | None:
    """Turn off every notification email for the profile whose unsubscribe token this is.

    Returns None for an unknown token. Works without logging in: the token in the email
    link is the credential."""
    profile = Profile.objects.select_for_update().filter(unsubscribe_token=token).first()
    if profile is None:
        return None
    profile.email_messages = Profile.EmailFrequency.NEVER
    profile.email_suggestions = Profile.EmailFrequency.NEVER
    profile.email_organisation_news = False
    profile.save(
        update_fields=[
            "email_messages",
            "email_suggestions",
            "email_organisation_news",
            "updated_at",
        ]
    )
    return profile


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Delete `user`'s account at their request (GDPR erasure).

    Every app's deletion steps run first (solidair.accounts.privacy: organisations refuse
    while the person owns one, open posts are closed, memberships end...). Then everything
    personal goes: the profile and photo, email addresses, API tokens, two-factor devices,
    the password. The User row stays, anonymised and inactive, so what the person wrote in
    conversations and groups keeps an author, shown as "Deleted user". Raises
    ValidationError (and changes nothing) when a step refuses."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from solidair.accounts.privacy import deletion_steps

    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.deleted_at is not None:
        return
    for step in deletion_steps():
        step(locked)
    profile = Profile.objects.filter(user=locked).first()
    if profile is not None:
        _delete_file_after_commit(profile.avatar.name if profile.avatar else "")
        profile.delete()
    EmailAddress.objects.filter(user=locked).delete()
    Authenticator.objects.filter(user=locked).delete()
    locked.api_tokens.all().delete()
    locked.groups.clear()
    locked.user_permissions.clear()
    # A unique address that can never receive mail (.invalid is reserved, RFC 2606).
    locked.email = f"deleted-{locked.pk}-{secrets.token_hex(4)}@deleted.invalid"
    locked.set_unusable_password()
    locked.is_active = False
    locked.is_staff = False
    locked.is_superuser = False
    locked.deleted_at = timezone.now()
    locked.save()
    user.refresh_from_db()
