"""In-app notifications are a person's own (see solidair.accounts.privacy): part of the
download, gone with the account."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from solidair.accounts.privacy import on_account_deletion, personal_data

from .models import Notification

if TYPE_CHECKING:
    from solidair.accounts.models import User


@personal_data("notifications")
def _notifications(user: User) -> list[dict[str, Any]]:
    return [
        {
            "title": n.title,
            "text": n.body,
            "link": n.url,
            "created_at": n.created_at,
            "read_at": n.read_at,
        }
        for n in Notification.objects.filter(user=user).order_by("created_at", "pk")
    ]


@on_account_deletion(order=30)
def _delete_notifications(user: User) -> None:
    Notification.objects.filter(user=user).delete()
