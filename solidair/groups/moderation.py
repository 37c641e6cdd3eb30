"""Groups, topics and replies, as the moderators see them (solidair.moderation.registry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from solidair.core.pagecache import clear_page_cache
from solidair.moderation.registry import ContentKind, register

from .models import Group, GroupMembership, Reply, Topic

if TYPE_CHECKING:
    from solidair.accounts.models import User

EXCERPT_LENGTH = 500


def _excerpt(text: str) -> str:
    return Truncator(text).chars(EXCERPT_LENGTH)


# --- groups -----------------------------------------------------------------------------------


def group_author(group: Group) -> User | None:
    """Who answers for a group: its owner today (ownership can be handed over), else the
    person who started it."""
    owner = (
        GroupMembership.objects.filter(group=group, role=GroupMembership.Role.OWNER)
        .select_related("user")
        .first()
    )
    return owner.user if owner is not None else group.created_by


def can_see_group(user: User, group: Group) -> bool:
    """Every group's page is public, except a hidden one (GroupQuerySet.visible_to)."""
    return Group.objects.visible_to(user).filter(pk=group.pk).exists()


def _forget_cached_pages(group: Group) -> None:
    # The cached calendar and lists show an open group's events and posts to visitors.
    clear_page_cache()


# --- topics and replies -----------------------------------------------------------------------


def topic_url(topic: Topic) -> str:
    return reverse("groups:topic", kwargs={"slug": topic.group.slug, "pk": topic.pk})


def reply_url(reply: Reply) -> str:
    """The page of the topic where the reply is (replies are paginated, oldest first),
    with its anchor. The moderators see every reply, so hidden ones count."""
    from .views.topics import REPLIES_PAGE_SIZE

    earlier = Reply.objects.filter(
        models.Q(created_at__lt=reply.created_at)
        | models.Q(created_at=reply.created_at, pk__lt=reply.pk),
        topic_id=reply.topic_id,
    ).count()
    page = earlier // REPLIES_PAGE_SIZE + 1
    return f"{topic_url(reply.topic)}?page={page}#reply-{reply.pk}"


def can_see_topic(user: User, topic: Topic) -> bool:
    """The group's privacy rule (a closed group's discussions only for its members) and
    what the moderators hid: TopicQuerySet.visible_to."""
    return Topic.objects.visible_to(user).filter(pk=topic.pk).exists()


def can_see_reply(user: User, reply: Reply) -> bool:
    return Reply.objects.visible_to(user).filter(pk=reply.pk).exists()


def _count_reply(reply: Reply, change: int) -> None:
    # A topic's reply count is shown in its group's list: a hidden reply must not be
    # counted there (deleting a hidden reply does not count it down again).
    Topic.objects.filter(pk=reply.topic_id, reply_count__gte=max(-change, 0)).update(
        reply_count=models.F("reply_count") + change
    )


def _release_topic(topic: Topic) -> None:
    from .services.topics import release_topic

    release_topic(topic=topic)


def _release_reply(reply: Reply) -> None:
    from .services.topics import release_reply

    release_reply(reply=reply)


register(
    ContentKind(
        key="group",
        model="groups.Group",
        label=_("Group"),
        author=group_author,
        can_see=can_see_group,
        describe=lambda group: group.name,
        excerpt=lambda group: _excerpt(group.description),
        url=lambda group: reverse("groups:detail", kwargs={"slug": group.slug}),
        after_hide=_forget_cached_pages,
        after_restore=_forget_cached_pages,
    )
)

register(
    ContentKind(
        key="topic",
        model="groups.Topic",
        label=_("Topic"),
        author=lambda topic: topic.author,
        can_see=can_see_topic,
        describe=lambda topic: topic.title,
        excerpt=lambda topic: _excerpt(topic.body),
        url=topic_url,
        after_release=lambda topic: _release_topic(topic),
    )
)

register(
    ContentKind(
        key="reply",
        model="groups.Reply",
        label=_("Reply"),
        author=lambda reply: reply.author,
        can_see=can_see_reply,
        describe=lambda reply: Truncator(reply.body).chars(60),
        excerpt=lambda reply: _excerpt(reply.body),
        url=reply_url,
        after_hide=lambda reply: _count_reply(reply, -1),
        after_restore=lambda reply: _count_reply(reply, +1),
        after_release=lambda reply: _release_reply(reply),
    )
)
