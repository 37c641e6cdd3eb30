"""Writes of the calendar: announcing and editing events (and materialising their
occurrences), registration with capacity and waiting list, cancellation, messages to the
people registered, reminders and the private feed token.

Every function takes keyword-only arguments and raises ValidationError (naming the field
where there is one) or PermissionDenied; nothing changes when it raises.
"""

from ._cleaning import EVENT_FIELDS, search_document_for
from .events import (
    cancel_event,
    cancel_occurrence,
    create_event,
    message_registrants,
    sync_occurrences,
    update_event,
)
from .registration import get_or_create_feed, regenerate_feed_token, register, unregister
from .reminders import send_event_reminders

__all__ = [
    "EVENT_FIELDS",
    "cancel_event",
    "cancel_occurrence",
    "create_event",
    "get_or_create_feed",
    "message_registrants",
    "regenerate_feed_token",
    "register",
    "search_document_for",
    "send_event_reminders",
    "sync_occurrences",
    "unregister",
    "update_event",
]
