"""What a suspension or a ban means for the rest of the platform.

Every service that lets a person write something others will read (a post, a response, a
message, an event, a group, a topic or reply, an article, an organisation) calls
`require_can_contribute(user)` first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User


def suspension_message(user: User) -> str:
    until = timezone.localtime(user.suspended_until) if user.suspended_until else None
    return _(
        "Your account is suspended until %(until)s: you can read, but not post or send "
        "messages until then."
    ) % {"until": formats.date_format(until, "DATETIME_FORMAT") if until else ""}


def require_can_contribute(user: User | AnonymousUser) -> None:
    """Refuse (PermissionDenied, with a message saying why) anyone who may not write:
    visitors, inactive or banned accounts, and suspended people until their suspension
    ends."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if user.is_suspended:
        raise PermissionDenied(suspension_message(user))
