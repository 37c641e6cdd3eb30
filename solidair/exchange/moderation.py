"""Requests, offers and conversation messages, as the moderators see them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from solidair.core.pagecache import clear_page_cache
from solidair.moderation.registry import ContentKind, register

from . import permissions
from .models import Message

if TYPE_CHECKING:
    from solidair.accounts.models import User


def _excerpt(text: str) -> str:
    return Truncator(text).chars(600)


def _message_visible(user: User, message: Message) -> bool:
    return permissions.is_participant(user, message.conversation) and (
        message.hidden_at is None or message.sender_id == user.pk
    )


def _release(message: Message) -> None:
    from .services import release_message

    release_message(message=message)


register(
    ContentKind(
        key="post",
        model="exchange.Post",
        label=_("Request or offer"),
        author=lambda post: post.author,
        can_see=lambda user, post: permissions.can_see_post(user, post),
        describe=lambda post: post.title,
        excerpt=lambda post: _excerpt(post.body),
        url=lambda post: post.get_absolute_url(),
        after_hide=lambda post: clear_page_cache(),
        after_restore=lambda post: clear_page_cache(),
    )
)

register(
    ContentKind(
        key="message",
        model="exchange.Message",
        label=_("Message"),
        author=lambda message: message.sender,
        can_see=_message_visible,
        describe=lambda message: Truncator(message.body).chars(60),
        excerpt=lambda message: _excerpt(message.body),
        url=lambda message: message.conversation.get_absolute_url(),
        after_release=_release,
    )
)
