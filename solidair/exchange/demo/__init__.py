"""Demo requests and offers in Ghent: the `posts` section of `manage.py seed_demo`.

67 posts (goods and volunteer help, asked and offered) by the demo people and on
behalf of the demo organisations, spread over the wijken and categories, with responses,
conversations and a few accepted matches. Everything goes through the exchange services,
so search documents, quantities and read markers are what real use would produce; only
the dates are moved back afterwards (see `_backdate_post` and `_backdate_conversation`).

Idempotent: a post is identified by its title and author, a conversation by its post and
responder (unique in the database). What exists is left alone, even when someone changed
it while exploring the demo; only what is missing is created.

Notification emails are not sent while seeding (`_without_notification_emails`): the
conversations are fictional history dated weeks back, and `make run` starts the email
worker right after seeding, which would print dozens of "new message" emails about events
that never happened.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from unittest import mock

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from solidair.core.demo import DemoContext, demo_section
from solidair.exchange import services
from solidair.exchange.models import (
    Conversation,
    ConversationRead,
    Match,
    Message,
    Post,
    Response,
)

from .conversations import CONVERSATIONS, DemoConversation
from .posts import POSTS, DemoPost

# --- the section -------------------------------------------------------------------------------


@demo_section("posts", order=30, steps=lambda size: len(POSTS) + len(CONVERSATIONS))
def posts(ctx: DemoContext) -> None:
    """Requests and offers, then responses, conversations and matches."""
    now = timezone.now()
    with _without_notification_emails():
        made: dict[str, Post] = {}
        new_posts: list[tuple[DemoPost, Post]] = []
        for demo_post in POSTS:
            post, created = _ensure_post(ctx, demo_post, now)
            if post is not None:
                made[demo_post.key] = post
                if created:
                    new_posts.append((demo_post, post))
            ctx.tick("posts", created=created)

        # Conversations before outcomes: only an open post accepts responses.
        last_activity: dict[int, datetime] = {}
        for demo_conversation in CONVERSATIONS:
            post = made.get(demo_conversation.post)
            result = (
                _ensure_conversation(ctx, demo_conversation, post, now)
                if post is not None
                else None
            )
            ctx.tick("conversations", created=result is not None and result.created)
            if result is None:
                continue
            _count(ctx, "messages", len(demo_conversation.messages), created=result.created)
            if demo_conversation.accept:
                _count(ctx, "matches", 1, created=result.created)
            if result.last_activity is not None and post is not None:
                previous = last_activity.get(post.pk, result.last_activity)
                last_activity[post.pk] = max(previous, result.last_activity)

        for demo_post, post in new_posts:
            _apply_outcome(demo_post, post)
            _backdate_post(demo_post, post, now, last_activity.get(post.pk))


@contextmanager
def _without_notification_emails() -> Iterator[None]:
    """Swap the exchange services' email hook for a no-op while seeding.

    The responses and messages made here are fictional and dated weeks back; queued as
    emails, they would all be printed by the worker that `make run` starts right after
    `seed_demo` (and a deployment seeded with --force would try to deliver them). Only the
    exchange services' hook is swapped, for this one-off, single-threaded command, and it
    is restored even when seeding fails."""
    with mock.patch.object(services, "send_templated_email", _skip_email):
        yield


def _skip_email(**kwargs: Any) -> None:
    return None


def _ensure_post(ctx: DemoContext, demo_post: DemoPost, now: datetime) -> tuple[Post | None, bool]:
    """The post with this title by this author, created (published) when missing."""
    author = ctx.people.get(demo_post.author)
    if author is None:
        return None, False
    existing = Post.objects.filter(author=author, title=demo_post.title).order_by("pk").first()
    if existing is not None:
        return existing, False
    organisation = ctx.organisations.get(demo_post.organisation) if demo_post.organisation else None
    if demo_post.organisation and organisation is None:
        return None, False
    try:
        # A savepoint: a post that cannot be made (the author left the organisation
        # while exploring the demo) is skipped without spoiling the rest.
        with transaction.atomic():
            post = services.create_post(
                author=author,
                organisation=organisation,
                data=demo_post.data(timezone.localdate(now)),
                publish=True,
            )
    except (ValidationError, PermissionDenied):
        return None, False
    return post, True


@dataclass(frozen=True)
class _ConversationResult:
    created: bool
    last_activity: datetime | None = None


def _count(ctx: DemoContext, kind: str, n: int, *, created: bool) -> None:
    ctx.total[kind] += n
    if created:
        ctx.created[kind] += n


def _ensure_conversation(
    ctx: DemoContext, demo_conversation: DemoConversation, post: Post, now: datetime
) -> _ConversationResult | None:
    """The responder's conversation about `post`; when missing: respond, exchange the
    messages and accept when asked (through the services), then date it all back. None
    when it cannot be made (a person is missing, or the post was closed in the demo)."""
    responder = ctx.people.get(demo_conversation.responder)
    senders = [ctx.people.get(key) for key, _text in demo_conversation.messages]
    if responder is None or any(sender is None for sender in senders):
        return None
    if Response.objects.filter(post=post, responder=responder).exists():
        return _ConversationResult(created=False)
    (_first_key, first_text), *rest = demo_conversation.messages
    try:
        with transaction.atomic():
            response = services.respond_to_post(post=post, responder=responder, message=first_text)
            for (_key, text), sender in zip(rest, senders[1:], strict=True):
                assert sender is not None
                services.send_message(conversation=response.conversation, sender=sender, body=text)
            if demo_conversation.accept:
                services.accept_response(response=response, by=post.author)
    except (ValidationError, PermissionDenied):
        return None
    return _ConversationResult(
        created=True,
        last_activity=_backdate_conversation(response, post, demo_conversation, now),
    )


def _apply_outcome(demo_post: DemoPost, post: Post) -> None:
    if demo_post.outcome == "closed":
        services.close_post(post=post, by=post.author)
    elif demo_post.outcome == "fulfilled":
        services.mark_fulfilled(post=post, by=post.author)
    elif demo_post.outcome == "partly" and post.quantity:
        services.mark_fulfilled(post=post, by=post.author, quantity=max(post.quantity // 2, 1))


# --- dates -------------------------------------------------------------------------------------
# The services stamp everything with "now". A demo where every post appeared in the same
# second looks fake and leaves the "newest first" lists and the dashboard's dates
# meaningless, so the dates are moved back afterwards with queryset updates: publication
# spread over the last weeks, conversations after publication. Expiry follows publication
# (POST_EXPIRY_WEEKS), as if the post had been published then; no post is published more
# than 40 days ago, and each keeps at least a week before it expires.


def _expiry_weeks() -> int:
    return int(getattr(settings, "POST_EXPIRY_WEEKS", 8))


def _published_at(demo_post: DemoPost, now: datetime) -> datetime:
    # A daytime hour and minute derived from the title: stable, yet not all at noon.
    spread = zlib.crc32(demo_post.title.encode())
    # At least a week left before expiry, even with a short POST_EXPIRY_WEEKS: an open
    # demo post must not have expired before anyone sees it.
    days_ago = min(max(demo_post.days_ago, 1), max(_expiry_weeks() * 7 - 7, 1))
    day = timezone.localtime(now) - timedelta(days=days_ago)
    moment = day.replace(hour=8 + spread % 13, minute=spread // 13 % 60, second=0, microsecond=0)
    return min(moment, now - timedelta(hours=2))


def _spread(start: datetime, end: datetime, count: int) -> list[datetime]:
    if count <= 1:
        return [start]
    step = (end - start) / (count - 1)
    return [start + step * i for i in range(count)]


def _backdate_conversation(
    response: Response, post: Post, demo_conversation: DemoConversation, now: datetime
) -> datetime:
    """Date the conversation between publication and now; returns its last moment."""
    demo_post = next(p for p in POSTS if p.key == demo_conversation.post)
    published = _published_at(demo_post, now)
    span = now - published
    start = published + span * 0.15
    # An unread answer is recent: that is what makes a badge in the inbox believable.
    if demo_conversation.unread:
        end = now - timedelta(hours=2 + zlib.crc32(demo_conversation.post.encode()) % 20)
    else:
        end = published + span * 0.6
    messages = list(Message.objects.filter(conversation=response.conversation).order_by("pk"))
    times = _spread(start, max(end, start), len(messages))
    last_sent: dict[int, datetime] = {}
    for message, moment in zip(messages, times, strict=True):
        Message.objects.filter(pk=message.pk).update(created_at=moment)
        if message.sender_id is not None:
            last_sent[message.sender_id] = moment
    last = times[-1]
    Conversation.objects.filter(pk=response.conversation_id).update(
        created_at=times[0], last_message_at=last
    )
    accepted_at = last + timedelta(minutes=20) if demo_conversation.accept else None
    Response.objects.filter(pk=response.pk).update(created_at=times[0], accepted_at=accepted_at)
    if accepted_at is not None:
        Match.objects.filter(response=response).update(created_at=accepted_at)
    # Read markers: everyone has read up to their own last message; in a conversation that
    # is not meant to be unread, both sides have read everything.
    readers: dict[int, datetime] = dict(last_sent)
    if not demo_conversation.unread:
        for user_id in {post.author_id, response.responder_id, *last_sent}:
            readers[user_id] = last
    for user_id, moment in readers.items():
        ConversationRead.objects.update_or_create(
            conversation_id=response.conversation_id,
            user_id=user_id,
            defaults={"last_read_at": moment},
        )
    return accepted_at or last


def _backdate_post(
    demo_post: DemoPost, post: Post, now: datetime, last_activity: datetime | None
) -> None:
    published = _published_at(demo_post, now)
    values: dict[str, Any] = {
        "created_at": published - timedelta(minutes=12),
        "published_at": published,
        "expires_at": published + timedelta(weeks=_expiry_weeks()),
        "updated_at": published,
    }
    if post.closed_at is not None:
        closed = published + (now - published) * 0.8
        if last_activity is not None:
            closed = max(closed, last_activity + timedelta(hours=1))
        values["closed_at"] = values["updated_at"] = min(closed, now - timedelta(minutes=30))
    Post.objects.filter(pk=post.pk).update(**values)
