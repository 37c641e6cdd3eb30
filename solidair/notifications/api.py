"""Notifications in the JSON API (mounted at /api/v1/notifications). A person's own only.

- ``GET /notifications`` (token; ``unread=true`` for unread only; paginated)
- ``GET /notifications/unread-count`` → ``{"unread": n}``
- ``POST /notifications/{id}/read`` and ``POST /notifications/read-all``
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from solidair.core.api_auth import required_auth

from . import services
from .models import Notification
from .querysets import NotificationQuerySet, unread_count

router = Router(tags=["notifications"])


class NotificationPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100, description="Default 20.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=20, max_page_size=100, **kwargs)


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str = Field(description="The page it is about, absolute; empty when none.")
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_url(obj: Notification, context: dict[str, Any]) -> str:
        return str(context["request"].build_absolute_uri(obj.url)) if obj.url else ""


class UnreadOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int


@router.get("", response=list[NotificationOut], auth=required_auth)
@paginate(NotificationPagination)
def list_notifications(request: HttpRequest, unread: bool = False) -> NotificationQuerySet:
    notifications = Notification.objects.for_user(request.auth)  # type: ignore[attr-defined]
    return notifications.unread() if unread else notifications


@router.get("/unread-count", response=UnreadOut, auth=required_auth)
def notifications_unread_count(request: HttpRequest) -> dict[str, int]:
    return {"unread": unread_count(request.auth)}  # type: ignore[attr-defined]


@router.post("/read-all", response=MarkedOut, auth=required_auth)
def mark_all_notifications_read(request: HttpRequest) -> dict[str, int]:
    return {"marked": services.mark_all_read(user=request.auth)}  # type: ignore[attr-defined]


@router.post("/{notification_id}/read", response=NotificationOut, auth=required_auth)
def mark_notification_read(request: HttpRequest, notification_id: int) -> Notification:
    user = request.auth  # type: ignore[attr-defined]
    notification = get_object_or_404(Notification.objects.for_user(user), pk=notification_id)
    return services.mark_read(notification=notification, user=user)
