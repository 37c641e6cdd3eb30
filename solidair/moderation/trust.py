"""How far the platform trusts a person before a moderator has looked: limits for new
accounts, and messages held for review.

A **new account** is one whose email address is not verified yet, or that joined less than
`NEW_ACCOUNT_DAYS` ago and has no match yet (an accepted response counts as history). New
accounts may publish `NEW_ACCOUNT_POSTS_PER_DAY` posts and start
`NEW_ACCOUNT_CONVERSATIONS_PER_DAY` conversations in 24 hours. Like the other rate limits
these are off with RATELIMIT_ENABLE=false (bulk imports, load tests).

A message in a conversation, or a topic or reply in a group, is **held** (hidden from the
others, no email, in the moderators' queue) when it holds more links than allowed
(`HOLD_MESSAGE_LINKS`, and more than `NEW_ACCOUNT_MESSAGE_LINKS` for a new account), or when
its sender already sent the same text to `HOLD_REPEATED_MESSAGES` other conversations (or
topics) in the last 24 hours. Settings are read at
call time so tests and operators can change them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from solidair.core.models import HeldReason

from .permissions import is_moderator

if TYPE_CHECKING:
    from solidair.accounts.models import User

_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S*", re.I)
_WORDS = re.compile(r"\w+")
# How many recent texts of the sender are compared (newest first).
RECENT_TEXTS = 50


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _limits_on() -> bool:
    return bool(getattr(settings, "RATELIMIT_ENABLE", True))


def is_new_account(user: User) -> bool:
    """Whether `user` still gets the limits of a new account (see the module doc)."""
    from allauth.account.models import EmailAddress

    if is_moderator(user):
        return False
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        return True
    if user.date_joined <= timezone.now() - timedelta(days=_setting("NEW_ACCOUNT_DAYS", 7)):
        return False
    from solidair.exchange.models import Match

    return not Match.objects.filter(Q(counterpart=user) | Q(post__author=user)).exists()


def _limit_error(limit: int, what: str) -> ValidationError:
    days = _setting("NEW_ACCOUNT_DAYS", 7)
    if what == "posts":
        text = ngettext(
            "A new account can publish %(n)s post a day.",
            "A new account can publish %(n)s posts a day.",
            limit,
        )
    else:
        text = ngettext(
            "A new account can start %(n)s conversation a day.",
            "A new account can start %(n)s conversations a day.",
            limit,
        )
    more = ngettext(
        "Please try again tomorrow: this limit ends once your email address is confirmed "
        "and your account is %(days)s day old.",
        "Please try again tomorrow: this limit ends once your email address is confirmed "
        "and your account is %(days)s days old.",
        days,
    )
    return ValidationError(f"{text % {'n': limit}} {more % {'days': days}}", code="new_account")


def check_new_account_posts(user: User) -> None:
    """Refuse one more post (drafts count) from a new account over its daily limit."""
    from solidair.exchange.models import Post

    if not _limits_on() or not is_new_account(user):
        return
    limit = _setting("NEW_ACCOUNT_POSTS_PER_DAY", 3)
    since = timezone.now() - timedelta(days=1)
    if Post.objects.filter(author=user, created_at__gte=since).count() >= limit:
        raise _limit_error(limit, "posts")


def check_new_account_conversations(user: User) -> None:
    """Refuse one more response (a new conversation) from a new account over its limit."""
    from solidair.exchange.models import Conversation

    if not _limits_on() or not is_new_account(user):
        return
    limit = _setting("NEW_ACCOUNT_CONVERSATIONS_PER_DAY", 5)
    since = timezone.now() - timedelta(days=1)
    if Conversation.objects.filter(responder=user, created_at__gte=since).count() >= limit:
        raise _limit_error(limit, "conversations")


def count_links(text: str) -> int:
    return len(_LINK.findall(text or ""))


def _fingerprint(text: str) -> str:
    return " ".join(_WORDS.findall((text or "").lower()))


def hold_reason(*, sender: User, body: str, sent_elsewhere: Iterable[tuple[Any, str]]) -> str:
    """Why this text must wait for a moderator ("links", "repeated"), or "" to deliver it at
    once. `sent_elsewhere` = (place, text) of what the sender wrote in the last 24 hours in
    other conversations or topics (the callers' `recent_elsewhere` reads)."""
    if is_moderator(sender):
        return ""
    links = count_links(body)
    allowed = _setting("HOLD_MESSAGE_LINKS", 3)
    if is_new_account(sender):
        allowed = min(allowed, _setting("NEW_ACCOUNT_MESSAGE_LINKS", 1))
    if links > allowed:
        return HeldReason.LINKS
    repeats = _setting("HOLD_REPEATED_MESSAGES", 3)
    fingerprint = _fingerprint(body)
    if repeats and len(fingerprint) >= 20:
        places = {place for place, text in sent_elsewhere if _fingerprint(text) == fingerprint}
        if len(places) >= repeats:
            return HeldReason.REPEATED
    return ""


def recent_since() -> Any:
    """From when "the last 24 hours" of `hold_reason` count."""
    return timezone.now() - timedelta(days=1)


def held_explanation(reason: str) -> str:
    """For the moderators' queue and the audit log."""
    if reason == "links":
        return _("Held automatically: the message holds many links.")
    if reason == "repeated":
        return _("Held automatically: the same text was sent to several people.")
    return ""
