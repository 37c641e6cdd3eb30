"""Events, as the moderators see them (solidair.moderation.registry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from solidair.core.pagecache import clear_page_cache
from solidair.moderation.registry import ContentKind, register

from .models import Event

if TYPE_CHECKING:
    from solidair.accounts.models import User

EXCERPT_LENGTH = 500


def can_see_event(user: User, event: Event) -> bool:
    """The calendar's own rule (EventQuerySet.visible_to): nobody reports, and so learns
    about, an event of a closed group they are not in."""
    return Event.objects.visible_to(user).filter(pk=event.pk).exists()


def _forget_cached_pages(event: Event) -> None:
    # The calendar, the home page and the organisation's page are cached for visitors.
    clear_page_cache()


register(
    ContentKind(
        key="event",
        model="activities.Event",
        label=_("Event"),
        author=lambda event: event.author,
        can_see=can_see_event,
        describe=lambda event: event.title,
        excerpt=lambda event: Truncator(event.description).chars(EXCERPT_LENGTH),
        url=lambda event: event.get_absolute_url(),
        after_hide=_forget_cached_pages,
        after_restore=_forget_cached_pages,
    )
)
