"""The calendar's pages: browsing (calendar.py), events and registration (events.py),
iCal files and feeds (feeds.py)."""

from .calendar import calendar_page, my_calendar
from .events import (
    cancel_event,
    cancel_occurrence,
    create,
    edit,
    event_detail,
    message,
    occurrence_detail,
    people,
    people_csv,
    register,
    unregister,
)
from .feeds import (
    event_ics,
    occurrence_ics,
    organisation_feed,
    private_feed,
    public_feed,
    regenerate_feed,
)

__all__ = [
    "calendar_page",
    "cancel_event",
    "cancel_occurrence",
    "create",
    "edit",
    "event_detail",
    "event_ics",
    "message",
    "my_calendar",
    "occurrence_detail",
    "occurrence_ics",
    "organisation_feed",
    "people",
    "people_csv",
    "private_feed",
    "public_feed",
    "regenerate_feed",
    "register",
    "unregister",
]
