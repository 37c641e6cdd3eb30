"""`is_moderator` and `moderation_open` (open reports, for the header link) in every
template, both lazy so pages that do not ask run no query; and `suspension_notice` for a
suspended person's banner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.functional import SimpleLazyObject

from .models import Report
from .permissions import is_moderator
from .sanctions import suspension_message

if TYPE_CHECKING:
    from django.http import HttpRequest


def moderation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_moderator": False}
    # The banner a suspended person sees on every page: the same words as the refusal.
    notice = suspension_message(user) if user.is_suspended else ""
    if not user.is_staff:
        return {"is_moderator": False, "suspension_notice": notice}
    return {
        "is_moderator": SimpleLazyObject(lambda: is_moderator(user)),
        "moderation_open": SimpleLazyObject(lambda: Report.objects.open().count()),
        "suspension_notice": notice,
    }
