"""Presentation helpers for the exchange templates: `{% load exchange_ui %}`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def age(moment: datetime | None) -> str:
    """ "3 days ago": the largest unit only, which is all a card needs."""
    if moment is None:
        return ""
    if (timezone.now() - moment).total_seconds() < 60:
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(moment, depth=1)}


@register.filter
def poster_name(post: Any) -> str:
    """Who a post is from, as others see it: the organisation, else the author's display
    name (never an email address)."""
    if post.organisation_id and post.organisation is not None:
        return str(post.organisation.name)
    return str(post.author.display_name)


@register.simple_tag
def other_party(conversation: Any, user: Any) -> str:
    """The name of the other side of a conversation for `user`: for the responder, the
    post's organisation or author; for the poster's side, the responder."""
    if conversation.responder_id == getattr(user, "pk", None):
        return poster_name(conversation.post)
    return str(conversation.responder.display_name)


@register.filter
def sender_name(message: Any) -> str:
    if message.sender is None:
        return _("Former member")
    return str(message.sender.display_name)
