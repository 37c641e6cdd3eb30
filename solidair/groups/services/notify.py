"""Telling people about what happens in their groups: emails (every message, the daily
digest, join requests and their answers, invitations) and in-app notifications.

Privacy: recipients are chosen when the email is sent, among the group's *active* members,
so a removed member or a pending applicant never receives a closed group's content. The
fan-out of a new message runs in a background task (`tasks.send_message_notifications_task`)
so that writing a message in a large group stays fast.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from solidair.core.emails import absolute_url, send_templated_email

from ..models import Group, GroupInvitation, GroupMembership, Reply, Topic
from ..querysets import ADMIN_ROLES

if TYPE_CHECKING:
    from solidair.accounts.models import User

UNSUBSCRIBE_SALT = "solidair.groups.unsubscribe"
EXCERPT_LENGTH = 600
DIGEST_EXCERPT_LENGTH = 200
DIGEST_MAX_TOPICS = 20


def _url(name: str, **kwargs: Any) -> str:
    return absolute_url(reverse(name, kwargs=kwargs))


def _excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    # Plain text: the templates escape it; the email teases, the platform shows the rest.
    return Truncator(text.strip()).chars(length)


def unsubscribe_token(membership: GroupMembership) -> str:
    """A signed token for the "stop emails from this group" link."""
    return signing.dumps(membership.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def membership_for_unsubscribe_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def wants_email(user: User) -> bool:
    """False for people who used the platform-wide unsubscribe link (it turns every
    email preference off) or whose account is inactive."""
    if not user.is_active:
        return False
    profile = getattr(user, "profile", None)
    if profile is None:
        return True
    all_off = (
        profile.email_messages == "never"
        and profile.email_suggestions == "never"
        and not profile.email_organisation_news
    )
    return not all_off


def _in_app(
    user: User, *, kind: str, title: Any, params: dict[str, Any], url: str, key: str = ""
) -> None:
    """An in-app notification (solidair.notifications). It names the group and people
    only, never a topic's title or text: a notification stays in the list after its
    recipient left or was removed, and must not keep a closed group's content there."""
    from solidair.notifications.services import notify as notify_in_app

    notify_in_app(user=user, kind=kind, title=title, params=params, url=url, key=key)


def _group_context(group: Group, membership: GroupMembership | None = None) -> dict[str, Any]:
    context = {"group_name": group.name, "group_url": _url("groups:detail", slug=group.slug)}
    if membership is not None:
        context["group_unsubscribe_url"] = _url(
            "groups:unsubscribe", token=unsubscribe_token(membership)
        )
    return context


# --- membership events -------------------------------------------------------------------


def join_request(membership: GroupMembership) -> None:
    """Tell the group's owner and administrators that someone asks to join."""
    group = membership.group
    asker = membership.user
    admins = GroupMembership.objects.admins().filter(group=group).with_people()
    members_url = _url("groups:members", slug=group.slug)
    for admin in admins:
        if admin.user_id == asker.pk:
            continue
        _in_app(
            admin.user,
            kind="group_join_request",
            title=_("%(name)s asks to join %(group)s"),
            params={"name": asker.display_name, "group": group.name},
            url=reverse("groups:members", kwargs={"slug": group.slug}),
        )
        if wants_email(admin.user):
            send_templated_email(
                to=admin.user,
                template="groups_join_request",
                context={
                    **_group_context(group),
                    "asker_name": asker.display_name,
                    "motivation": membership.motivation,
                    "members_url": members_url,
                },
            )


def request_decided(membership: GroupMembership, *, accepted: bool) -> None:
    """Tell the asker whether their request to join was accepted."""
    group = membership.group
    _in_app(
        membership.user,
        kind="group_request_decided",
        title=_("You are now a member of %(group)s")
        if accepted
        else _("Your request to join %(group)s was not accepted"),
        params={"group": group.name},
        url=reverse("groups:detail", kwargs={"slug": group.slug}),
    )
    if wants_email(membership.user):
        send_templated_email(
            to=membership.user,
            template="groups_request_decided",
            context={**_group_context(group), "accepted": accepted},
        )


def invitation(invitation: GroupInvitation, *, language: str | None) -> None:
    """Email the invitation link (the invitee may have no account yet: the inviter's
    language)."""
    from django.conf import settings

    inviter = invitation.invited_by
    send_templated_email(
        to=invitation.email,
        template="groups_invitation",
        language=language,
        context={
            **_group_context(invitation.group),
            "inviter_name": inviter.display_name if inviter else "",
            "valid_days": settings.INVITATION_VALID_DAYS,
            "accept_url": _url("groups:invitation", token=invitation.token),
        },
    )


# --- new messages --------------------------------------------------------------------------


def new_message(*, topic: Topic, reply: Reply | None) -> None:
    """Queue the notifications about a new topic or reply. The task is enqueued when the
    transaction commits, so the worker finds the message."""
    from ..tasks import send_message_notifications_task

    topic_id, reply_id = topic.pk, (reply.pk if reply else None)
    transaction.on_commit(
        lambda: send_message_notifications_task.enqueue(topic_id=topic_id, reply_id=reply_id)
    )


def send_message_notifications(*, topic_id: int, reply_id: int | None) -> int:
    """Email the active members of the topic's group who want every message, and tell
    mentioned members (email unless they turned this group off, and in-app). The author
    is never told of their own message. Returns the number of emails queued."""
    from .topics import mentioned_members

    topic = Topic.objects.select_related("group", "author", "author__profile").filter(pk=topic_id)
    topic_obj = topic.first()
    if topic_obj is None:
        return 0  # deleted before the worker came to it
    reply: Reply | None = None
    if reply_id is not None:
        reply = (
            Reply.objects.select_related("author", "author__profile").filter(pk=reply_id).first()
        )
        if reply is None:
            return 0
    message: Topic | Reply = reply or topic_obj
    author = message.author
    group = topic_obj.group
    if topic_obj.hidden_at is not None or message.hidden_at is not None:
        return 0  # the moderators hid it (or its topic) before the worker came to it
    mentioned = {
        user.pk for user in mentioned_members(group=group, text=message.body, exclude=author)
    }
    recipients = (
        GroupMembership.objects.active()
        .filter(group=group)
        .exclude(user=author)
        .select_related("user", "user__profile")
        .order_by("pk")
    )
    if group.hidden_at is not None:
        # A hidden group is gone for its members; only its owner and admins still see it.
        recipients = recipients.filter(role__in=ADMIN_ROLES)
    topic_path = reverse("groups:topic", kwargs={"slug": group.slug, "pk": topic_obj.pk})
    if reply is not None:
        topic_path += f"#reply-{reply.pk}"
    topic_url = absolute_url(topic_path)
    message_key = f"r{reply.pk}" if reply is not None else f"t{topic_obj.pk}"
    author_name = author.display_name if author else ""
    sent = 0
    for membership in recipients.iterator(chunk_size=500):
        user = membership.user
        is_mentioned = user.pk in mentioned
        if is_mentioned:
            _in_app(
                user,
                kind="group_mention",
                title=_("%(name)s mentioned you in %(group)s"),
                params={"name": author_name, "group": group.name},
                url=topic_path,
                key=f"group-mention-{message_key}",
            )
        elif reply is not None and topic_obj.author_id == user.pk:
            _in_app(
                user,
                kind="group_reply",
                title=_("%(name)s replied to your topic in %(group)s"),
                params={"name": author_name, "group": group.name},
                url=topic_path,
                key=f"group-reply-{message_key}",
            )
        if membership.notify == GroupMembership.Notify.OFF or not wants_email(user):
            continue
        if membership.notify != GroupMembership.Notify.EVERY and not is_mentioned:
            continue  # the daily digest covers it
        send_templated_email(
            to=user,
            template="groups_message",
            about=("reply", reply.pk) if reply is not None else ("topic", topic_obj.pk),
            context={
                **_group_context(group, membership),
                "topic_title": topic_obj.title,
                "author_name": author_name,
                "is_reply": reply is not None,
                "mentioned": is_mentioned,
                "excerpt": _excerpt(message.body),
                "topic_url": topic_url,
            },
        )
        sent += 1
    return sent


# --- the daily digest ----------------------------------------------------------------------


def _digest_for(user: User, memberships: list[GroupMembership], now: datetime) -> bool:
    """One person's digest over their daily-digest groups: per group the topics with new
    topics or replies by others since the last digest (or since joining). A fixed number
    of queries whatever the number of groups or messages."""
    since = {m.group_id: (m.digested_until or m.joined_at or now) for m in memberships}
    earliest = min(since.values())
    topics = list(
        Topic.objects.filter(group_id__in=list(since), last_activity_at__gt=earliest)
        .filter(last_activity_at__lte=now, hidden_at__isnull=True)
        .select_related("group")
        .order_by("group_id", "-last_activity_at", "pk")
    )
    replies = (
        Reply.objects.filter(topic__in=[t.pk for t in topics], created_at__gt=earliest)
        .filter(created_at__lte=now, hidden_at__isnull=True)
        .exclude(author=user)
        .values_list("topic_id", "topic__group_id", "created_at")
    )
    new_replies: dict[int, int] = {}
    for topic_id, group_id, created_at in replies:
        if created_at > since[group_id]:
            new_replies[topic_id] = new_replies.get(topic_id, 0) + 1
    by_group: dict[int, list[dict[str, Any]]] = {}
    for topic in topics:
        is_new = topic.created_at > since[topic.group_id] and topic.author_id != user.pk
        count = new_replies.get(topic.pk, 0)
        if not is_new and not count:
            continue
        items = by_group.setdefault(topic.group_id, [])
        if len(items) < DIGEST_MAX_TOPICS:
            items.append(
                {
                    "title": topic.title,
                    "new_topic": is_new,
                    "reply_count": count,
                    "excerpt": _excerpt(topic.body, DIGEST_EXCERPT_LENGTH) if is_new else "",
                    "url": _url("groups:topic", slug=topic.group.slug, pk=topic.pk),
                }
            )
    # Everything up to `now` has been considered, also in groups without news.
    GroupMembership.objects.filter(pk__in=[m.pk for m in memberships]).update(digested_until=now)
    if not by_group:
        return False
    groups = [
        {**_group_context(m.group, m), "topics": by_group[m.group_id]}
        for m in memberships
        if m.group_id in by_group
    ]
    send_templated_email(
        to=user,
        template="groups_digest",
        context={"groups": groups, "group_count": len(groups)},
    )
    return True


def send_group_digests(*, now: datetime | None = None) -> int:
    """The daily digest for members who chose it in a group: one email per person with
    the new topics and replies of others in those groups since their last digest. Only
    active memberships count, so nobody gets a digest of a group they left or were removed
    from. Running it twice sends nothing twice. Returns how many emails were sent."""
    now = now or timezone.now()
    memberships = (
        GroupMembership.objects.active()
        .filter(notify=GroupMembership.Notify.DAILY, user__is_active=True)
        # A group the moderators hid is gone for everyone but its owner and admins.
        .filter(Q(group__hidden_at__isnull=True) | Q(role__in=ADMIN_ROLES))
        .select_related("group", "user", "user__profile")
        .order_by("user_id", "pk")
    )
    sent = 0
    current: list[GroupMembership] = []
    for membership in memberships.iterator(chunk_size=500):
        if current and current[0].user_id != membership.user_id:
            sent += _send_digest(current, now)
            current = []
        current.append(membership)
    if current:
        sent += _send_digest(current, now)
    return sent


def _send_digest(memberships: list[GroupMembership], now: datetime) -> int:
    user = memberships[0].user
    with transaction.atomic():
        # Locked so two runs at once cannot both send the same news.
        locked = list(
            GroupMembership.objects.select_for_update()
            .filter(pk__in=[m.pk for m in memberships], state="active", notify="daily")
            .select_related("group")
        )
        if not locked or not wants_email(user):
            return 0
        return int(_digest_for(user, locked, now))
