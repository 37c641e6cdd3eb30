"""Discussions: topics and replies, written by active members."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.moderation.sanctions import require_can_contribute
from solidair.moderation.services import hold_for_review
from solidair.moderation.trust import RECENT_TEXTS, hold_reason, recent_since

from .. import permissions
from ..models import Group, GroupMembership, Reply, Topic
from . import notify

if TYPE_CHECKING:
    from solidair.accounts.models import User

TITLE_MAX_LENGTH = 150
BODY_MAX_LENGTH = 10_000
# "@" at the start or after a space or punctuation, then the first word of a display name.
MENTION_RE = re.compile(r"(?:^|(?<=[\s(\[,;:]))@(\w[\w.'-]*)", re.UNICODE)
MAX_MENTIONS = 10


def _clean_text(value: str | None, *, field: str, max_length: int, required_message: Any) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: required_message}, code="required")
    if len(text) > max_length:
        raise ValidationError(
            {field: _("Keep it under %(max)d characters.") % {"max": max_length}}, code="too_long"
        )
    return text


def _clean_body(body: str | None) -> str:
    return _clean_text(
        body, field="body", max_length=BODY_MAX_LENGTH, required_message=_("Write a message.")
    )


def _check_can_post(user: User, group: Group) -> None:
    if not permissions.can_post(user, group):
        raise PermissionDenied(_("Join the group to take part in its discussions."))


def mentioned_members(*, group: Group, text: str, exclude: User | None = None) -> list[User]:
    """Active members of `group` mentioned in `text` as @Display Name (case-insensitive;
    the longest display name that follows the @ wins). One query, whatever the group's size:
    only members whose name starts with a mentioned word are loaded."""
    words = {match.group(1).lower() for match in MENTION_RE.finditer(text)}
    if not words:
        return []
    condition = models.Q()
    for word in list(words)[:MAX_MENTIONS]:
        condition |= models.Q(user__profile__display_name__istartswith=word)
    candidates = (
        GroupMembership.objects.active()
        .filter(group=group)
        .filter(condition)
        .select_related("user", "user__profile")
    )
    lowered = text.lower()
    found: dict[int, User] = {}
    for membership in candidates[:200]:
        user = membership.user
        name = user.display_name.lower()
        pattern = r"(?:^|(?<=[\s(\[,;:]))@" + re.escape(name) + r"(?!\w)"
        if re.search(pattern, lowered) and (exclude is None or user.pk != exclude.pk):
            found[user.pk] = user
    return list(found.values())


@transaction.atomic
def create_topic(*, group: Group, author: User, title: str, body: str) -> Topic:
    """Start a topic (active members). Members who want every message get an email;
    mentioned members are told."""
    require_can_contribute(author)
    _check_can_post(author, group)
    title = _clean_text(
        title, field="title", max_length=TITLE_MAX_LENGTH, required_message=_("Give a title.")
    )
    body = _clean_body(body)
    now = timezone.now()
    topic = Topic.objects.create(
        group=group, author=author, title=title, body=body, created_at=now, last_activity_at=now
    )
    if not _hold_if_needed(topic, f"{title}\n{body}"):
        notify.new_message(topic=topic, reply=None)
    return topic


@transaction.atomic
def reply_to_topic(*, topic: Topic, author: User, body: str) -> Reply:
    """Reply in a topic (active members; not in a locked topic). The topic moves to the
    top of its group; members who want every message and mentioned members are told."""
    require_can_contribute(author)
    _check_can_post(author, topic.group)
    topic = Topic.objects.select_for_update().select_related("group").get(pk=topic.pk)
    if topic.locked:
        raise ValidationError(_("This topic is locked: nobody can reply any more."), code="locked")
    body = _clean_body(body)
    now = timezone.now()
    reply = Reply.objects.create(topic=topic, author=author, body=body, created_at=now)
    if _hold_if_needed(reply, body):
        # Not counted nor announced until a moderator releases it (release_reply).
        return reply
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=models.F("reply_count") + 1, last_activity_at=now
    )
    notify.new_message(topic=topic, reply=reply)
    return reply


def _hold_if_needed(message: Topic | Reply, text: str) -> bool:
    """Hold a topic or reply for the moderators when the trust rules say so (many links,
    the same text posted in many topics): hidden from the others, no emails. True when
    held."""
    author = message.author
    assert author is not None
    topic_id = message.pk if isinstance(message, Topic) else message.topic_id
    since = recent_since()
    elsewhere = [
        *Reply.objects.filter(author=author, created_at__gte=since)
        .exclude(topic_id=topic_id)
        .order_by("-created_at")
        .values_list("topic_id", "body")[:RECENT_TEXTS],
        *Topic.objects.filter(author=author, created_at__gte=since)
        .exclude(pk=topic_id)
        .order_by("-created_at")
        .values_list("pk", "body")[:RECENT_TEXTS],
    ]
    reason = hold_reason(sender=author, body=text, sent_elsewhere=elsewhere)
    if not reason:
        return False
    hold_for_review(obj=message, reason=reason)
    return True


def release_topic(*, topic: Topic) -> None:
    """A moderator let a held topic through: its group hears of it now."""
    now = timezone.now()
    Topic.objects.filter(pk=topic.pk).update(last_activity_at=now)
    notify.new_message(topic=topic, reply=None)


def release_reply(*, reply: Reply) -> None:
    """A moderator let a held reply through: counted, and announced now. (The moderation
    hook after_restore already counted it: see groups.moderation.)"""
    Topic.objects.filter(pk=reply.topic_id).update(last_activity_at=timezone.now())
    notify.new_message(topic=reply.topic, reply=reply)


def _check_author(message: Topic | Reply, user: User, group: Group) -> None:
    # Only the author edits, and only while still an active member.
    if message.author_id != user.pk or not permissions.can_post(user, group):
        raise PermissionDenied(_("Only the author can edit this message."))


@transaction.atomic
def edit_topic(*, topic: Topic, by: User, title: str, body: str) -> Topic:
    """The author changes the title and text of their topic."""
    require_can_contribute(by)
    _check_author(topic, by, topic.group)
    topic.title = _clean_text(
        title, field="title", max_length=TITLE_MAX_LENGTH, required_message=_("Give a title.")
    )
    topic.body = _clean_body(body)
    topic.edited_at = timezone.now()
    topic.save(update_fields=["title", "body", "edited_at"])
    return topic


@transaction.atomic
def edit_reply(*, reply: Reply, by: User, body: str) -> Reply:
    """The author changes the text of their reply."""
    require_can_contribute(by)
    _check_author(reply, by, reply.topic.group)
    reply.body = _clean_body(body)
    reply.edited_at = timezone.now()
    reply.save(update_fields=["body", "edited_at"])
    return reply


def _check_can_delete(message: Topic | Reply, user: User, group: Group) -> None:
    if permissions.can_moderate(user, group):
        return
    if message.author_id == user.pk and permissions.can_post(user, group):
        return
    raise PermissionDenied(_("Only the author or a group administrator can delete this."))


@transaction.atomic
def delete_topic(*, topic: Topic, by: User) -> None:
    """The author or a group administrator deletes a topic with its replies."""
    _check_can_delete(topic, by, topic.group)
    topic.delete()


@transaction.atomic
def delete_reply(*, reply: Reply, by: User) -> None:
    """The author or a group administrator deletes a reply."""
    _check_can_delete(reply, by, reply.topic.group)
    # Read again: a reply the moderators hid no longer counts (solidair/groups/moderation.py).
    hidden = Reply.objects.filter(pk=reply.pk, hidden_at__isnull=False).exists()
    reply.delete()
    if not hidden:
        Topic.objects.filter(pk=reply.topic_id, reply_count__gt=0).update(
            reply_count=models.F("reply_count") - 1
        )


@transaction.atomic
def moderate_topic(
    *, topic: Topic, by: User, pinned: bool | None = None, locked: bool | None = None
) -> Topic:
    """A group administrator pins/unpins (pinned topics stay on top) or locks/unlocks a
    topic (nobody replies to a locked topic)."""
    if not permissions.can_moderate(by, topic.group):
        raise PermissionDenied
    fields = []
    if pinned is not None:
        topic.pinned = pinned
        fields.append("pinned")
    if locked is not None:
        topic.locked = locked
        fields.append("locked")
    if fields:
        topic.save(update_fields=fields)
    return topic
