"""Reads of notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from .models import Notification  # noqa: F401


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: Any) -> NotificationQuerySet:
        """A person's own notifications, newest first; nobody else's, ever."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user).order_by("-created_at", "-pk")

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


def unread_count(user: Any) -> int:
    """How many unread notifications `user` has (the header badge): one indexed count."""
    from .models import Notification

    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
