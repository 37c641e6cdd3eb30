"""Rate limits on posting, responding and messaging (settings POST_RATE, RESPONSE_RATE,
MESSAGE_RATE). Views and API endpoints call these before the service; over the limit they
raise solidair.core.ratelimit.RateLimited (the 429 page, or a 429 JSON answer)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from solidair.core.ratelimit import check_rate_limit


def check_post_rate(request: HttpRequest) -> None:
    """Creating posts (drafts included: a draft costs as much to abuse as a post)."""
    check_rate_limit(request, group="exchange.post", rate=settings.POST_RATE)


def check_response_rate(request: HttpRequest) -> None:
    """Responding to posts."""
    check_rate_limit(request, group="exchange.response", rate=settings.RESPONSE_RATE)


def check_message_rate(request: HttpRequest) -> None:
    """Sending messages in conversations."""
    check_rate_limit(request, group="exchange.message", rate=settings.MESSAGE_RATE)
