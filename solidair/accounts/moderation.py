"""People can be reported too (a profile, or behaviour across the platform). They are not
hidden: the moderators warn, suspend or ban them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from solidair.moderation.registry import ContentKind, register

from .models import Profile, User


def _profile(user: User) -> Profile | None:
    return getattr(user, "profile", None)


def _excerpt(user: User) -> str:
    profile = _profile(user)
    if profile is None:
        return ""
    parts = [profile.display_name, profile.skills, profile.bio]
    return Truncator("\n".join(p for p in parts if p)).chars(600)


register(
    ContentKind(
        key="person",
        model="accounts.User",
        label=_("Person"),
        author=lambda user: user,
        # Anyone active with a public profile can be reported by a signed-in person.
        can_see=lambda viewer, user: user.is_active and user.deleted_at is None,
        describe=lambda user: user.display_name,
        excerpt=_excerpt,
        url=lambda user: reverse("accounts:person", args=[user.pk]),
        hideable=False,
    )
)
