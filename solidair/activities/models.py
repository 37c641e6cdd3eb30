"""The calendar: events (activities, trainings, meetings, info sessions), their occurrences
and the people registered for them.

An Event holds what is announced and its schedule (first start/end, an optional bounded
RFC 5545 RRULE and excepted dates). Every date the schedule produces is materialised as an
Occurrence row when the event is written (solidair.activities.recurrence +
services.sync_occurrences): occurrences are what people browse, register for and what
organisers cancel. Registration belongs to one occurrence. Why rows and not expansion at
read time: docs/architecture.md ("Occurrences").

Every write goes through solidair.activities.services; reads through the querysets in
solidair.activities.querysets.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.core.models import Moderated

from .querysets import EventQuerySet, OccurrenceQuerySet, RegistrationQuerySet


def image_upload_to(instance: Event, filename: str) -> str:
    # A random name: the original file name may contain personal data.
    return f"events/{secrets.token_hex(16)}.jpg"


class EventType(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    TRAINING = "training", _("Training")
    MEETING = "meeting", _("Meeting")
    INFO_SESSION = "info-session", _("Info session")


class Accessibility(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("Wheelchair accessible")
    SIGN_LANGUAGE = "sign-language", _("Sign language interpreter")
    HEARING_LOOP = "hearing-loop", _("Hearing loop")
    EASY_LANGUAGE = "easy-language", _("Easy language")
    CHILDCARE = "childcare", _("Childcare available")
    QUIET_ROOM = "quiet-room", _("Quiet room")


class Event(Moderated):
    """Something announced in the calendar, by a person or on behalf of an organisation."""

    Type = EventType

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(
        _("type"), max_length=20, choices=EventType.choices, default=EventType.ACTIVITY
    )
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(
        _("description"), max_length=10000, help_text=_("Markdown is allowed.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("announced by"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    # Only for a group's members when the group is closed (solidair.groups): such an event
    # never reaches anyone else (pages, API, feeds, emails). None = for everyone.
    group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("only for the group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    # The schedule: the first occurrence, in aware datetimes (stored in UTC); all-day
    # events start at local midnight and end at the local midnight after their last day.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(_("all day"), default=False)
    # A bounded RRULE (COUNT or UNTIL), normalised by recurrence.parse_rule; "" = once.
    recurrence = models.CharField(_("recurrence"), max_length=300, blank=True)
    # Local dates ("YYYY-MM-DD") the rule skips (EXDATE).
    exdates = models.JSONField(_("exceptions"), default=list, blank=True)
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    online_url = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to registered people and the organisers."),
    )
    target_groups = models.ManyToManyField(
        "core.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="events"
    )
    languages = models.ManyToManyField(
        "core.Language", verbose_name=_("languages"), blank=True, related_name="events"
    )
    accessibility = models.JSONField(_("accessibility"), default=list, blank=True)
    accessibility_notes = models.CharField(_("accessibility notes"), max_length=500, blank=True)
    # None = free.
    price = models.DecimalField(
        _("cost (euro)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    image = models.ImageField(_("image"), upload_to=image_upload_to, blank=True)
    image_alt = models.CharField(_("description of the image"), max_length=200, blank=True)
    # None = no registration limit.
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration_required = models.BooleanField(_("registration"), default=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    search_document = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Bumped on every change of what a calendar app shows (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=["activity", "training", "meeting", "info-session"]),
                name="event_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["published", "cancelled"]),
                name="event_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gte=0),
                name="event_price_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(neighbourhood__isnull=False) | ~models.Q(online_url=""),
                name="event_has_a_place",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "starts_at"], name="event_org_idx"),
            models.Index(fields=["author", "starts_at"], name="event_author_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (#{self.pk})"

    def get_absolute_url(self) -> str:
        return reverse("activities:event", kwargs={"pk": self.pk})

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_free(self) -> bool:
        return self.price is None or self.price == Decimal("0")

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def accessibility_labels(self) -> list[str]:
        labels = dict(Accessibility.choices)
        return [str(labels[code]) for code in self.accessibility if code in labels]

    @property
    def ical_uid(self) -> str:
        return f"event-{self.uid}@solidair"


class Occurrence(models.Model):
    """One date of an event: what people register for and organisers cancel. `day` (the
    local date of the start) identifies it within its event and survives a change of the
    event's time of day."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    day = models.DateField(_("day"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=500, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "day"], name="occurrence_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="occurrence_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at", "event"], name="occurrence_start_idx"),
            models.Index(fields=["ends_at"], name="occurrence_end_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event.title} on {self.day.isoformat()} (#{self.pk})"

    def get_absolute_url(self) -> str:
        return reverse("activities:occurrence", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None or self.event.is_cancelled

    @property
    def all_day(self) -> bool:
        return self.event.all_day

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.ends_at)

    @property
    def last_day(self) -> date:
        """The last calendar day it covers (all-day events end at the next midnight)."""
        end = self.local_end
        if self.event.all_day or (end.hour, end.minute, end.second) == (0, 0, 0):
            return (end - timedelta(seconds=1)).date()
        return end.date()

    @property
    def ical_uid(self) -> str:
        return f"occurrence-{self.event.uid}-{self.day:%Y%m%d}@solidair"


class Registration(models.Model):
    """A person's place (or place in the queue) for one occurrence."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # The waiting list is served in this order.
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved up at"), null=True, blank=True)
    # Set when the reminder the day before was sent: the reminder job never sends twice.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "user"], name="registration_one_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["registered", "waitlisted"]),
                name="registration_status_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["occurrence", "status", "created_at"], name="registration_queue_idx"
            ),
            models.Index(fields=["user", "status"], name="registration_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} for occurrence {self.occurrence_id}: {self.status} (#{self.pk})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret that opens a person's private iCal feed (the occurrences they registered
    for). Regenerating it replaces the token, so an old URL stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("private calendar feed")
        verbose_name_plural = _("private calendar feeds")

    def __str__(self) -> str:
        return f"Calendar feed of user {self.user_id}"
