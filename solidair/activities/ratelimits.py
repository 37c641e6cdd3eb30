"""Rate limits on announcing events, registering and messaging the people registered
(settings EVENT_RATE, REGISTRATION_RATE, EVENT_MESSAGE_RATE). Views and API endpoints call
these before the service; over the limit they raise solidair.core.ratelimit.RateLimited
(the 429 page, or a 429 JSON answer)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from solidair.core.ratelimit import check_rate_limit


def check_event_rate(request: HttpRequest) -> None:
    """Announcing events (default 10 an hour)."""
    rate = settings.EVENT_RATE
    check_rate_limit(request, group="activities.event", rate=rate)


def check_registration_rate(request: HttpRequest) -> None:
    """Registering for dates (default 30 an hour)."""
    rate = settings.REGISTRATION_RATE
    check_rate_limit(request, group="activities.register", rate=rate)


def check_message_rate(request: HttpRequest) -> None:
    """Organisers messaging the people registered (default 20 an hour)."""
    rate = settings.EVENT_MESSAGE_RATE
    check_rate_limit(request, group="activities.message", rate=rate)
