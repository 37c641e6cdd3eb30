"""`is_moderator` and `moderation_open` (open reports, for the header link) in every
template; both lazy, so pages that do not ask run no query."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.functional import SimpleLazyObject

from .models import Report
from .permissions import is_moderator

if TYPE_CHECKING:
    from django.http import HttpRequest


def moderation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {"is_moderator": False}
    return {
        "is_moderator": SimpleLazyObject(lambda: is_moderator(user)),
        "moderation_open": SimpleLazyObject(lambda: Report.objects.open().count()),
    }
