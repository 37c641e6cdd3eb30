"""Writes of notifications. `notify` is the one entry point other apps use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from .models import Notification

if TYPE_CHECKING:
    from solidair.accounts.models import User

TITLE_MAX = 200
BODY_MAX = 500


def _recipient_language(user: User) -> str:
    profile = getattr(user, "profile", None)
    language = profile.preferred_language if profile is not None else settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _render(text: Any, params: Mapping[str, Any] | None) -> str:
    rendered = str(text)
    return rendered % dict(params) if params else rendered


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notify(
    *,
    user: User,
    kind: str,
    title: Any,
    params: Mapping[str, Any] | None = None,
    body: Any = "",
    url: str = "",
    key: str = "",
) -> Notification | None:
    """Tell `user` something in their notification list.

    `title` and `body` are (lazy) gettext strings with `%(name)s` placeholders filled from
    `params` in the recipient's own language (Profile.preferred_language), so call it
    with `_("“%(title)s” fits your request")`, not with a string already formatted.
    `url` is a site path to open. With a `key`, the same event notifies a person only
    once: a second call returns None. Inactive accounts get nothing (None)."""
    if not kind:
        raise ValueError("notify needs a kind")
    if not user.is_active:
        return None
    with translation.override(_recipient_language(user)):
        title_text = _clip(_render(title, params), TITLE_MAX)
        body_text = _clip(_render(body, params), BODY_MAX) if body else ""
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user=user, kind=kind[:40], title=title_text, body=body_text, url=url[:300], key=key
            )
    except IntegrityError:
        if key and Notification.objects.filter(user=user, key=key).exists():
            return None
        raise


def mark_read(*, notification: Notification, user: User) -> Notification:
    """Mark one of one's own notifications read (reading it again changes nothing)."""
    if notification.user_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, user: User) -> int:
    """Mark all of `user`'s notifications read; returns how many were unread."""
    if not user.is_authenticated:
        raise PermissionDenied
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
