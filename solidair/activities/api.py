"""The calendar in the JSON API (mounted by config/api.py at /api/v1/events).

The contract (field names, statuses) is used by integrations: keep it stable.

- ``GET /events``: occurrences (dates) within ``from``..``to`` (default: today and the 90
  days after; at most 366 days), series expanded, soonest first, paginated; filters as on
  the calendar page: ``type`` (repeatable), ``neighbourhood``, ``target_group``,
  ``language``, ``organisation``, ``free``, ``q``. ``id`` is the event's id,
  ``occurrence_id`` the date's.
- ``GET /events/{id}``: one event with its upcoming dates.
- ``POST /events`` (token): announce an event → 201 with it (``id``); bad input → 422
  naming the field.
- ``POST /events/{id}/registration`` (token; optional ``occurrence`` id, default the next
  date): ``{"status": "registered" | "waitlisted", ...}``; ``DELETE`` the same → 204.

The online link (``online_url``) is null unless the caller organises the event or has a
place for the date (for an event: for any of its upcoming dates). People appear by display
name only; an email address is never part of an answer.
"""

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from solidair.core.api_auth import required_auth
from solidair.core.apihelpers import api_user as _user
from solidair.core.apihelpers import raise_service_error as _raise_validation
from solidair.core.markdown import render_markdown

from . import permissions, services
from .forms import EARLIEST, LATEST
from .models import Event, Occurrence, Registration
from .querysets import OccurrenceQuerySet
from .ratelimits import check_event_rate, check_registration_rate

router = Router(tags=["events"])

DEFAULT_RANGE_DAYS = 90
MAX_RANGE_DAYS = 366


class EventPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100, description="Default 50.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=100, **kwargs)


def _absolute(context: dict[str, Any], path: str) -> str:
    return str(context["request"].build_absolute_uri(path))


# --- schemas ----------------------------------------------------------------------------------


class OccurrenceOut(Schema):
    id: int = Field(description="The event's id.")
    occurrence_id: int
    title: str
    type: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    cancelled: bool
    neighbourhood: str | None = Field(description="Neighbourhood slug, null for online only.")
    address: str
    online: bool
    online_url: str | None = Field(description="Only for organisers and people with a place.")
    organisation: str | None = Field(description="Organisation slug.")
    free: bool
    price: Decimal | None
    capacity: int | None
    registered_count: int
    waitlist_count: int
    my_registration: str | None = Field(description='"registered", "waitlisted" or null.')
    url: str

    @staticmethod
    def resolve_id(obj: Occurrence) -> int:
        return obj.event_id

    @staticmethod
    def resolve_occurrence_id(obj: Occurrence) -> int:
        return int(obj.pk)

    @staticmethod
    def resolve_title(obj: Occurrence) -> str:
        return obj.event.title

    @staticmethod
    def resolve_type(obj: Occurrence) -> str:
        return obj.event.type

    @staticmethod
    def resolve_cancelled(obj: Occurrence) -> bool:
        return obj.is_cancelled

    @staticmethod
    def resolve_neighbourhood(obj: Occurrence) -> str | None:
        return obj.event.neighbourhood.slug if obj.event.neighbourhood else None

    @staticmethod
    def resolve_address(obj: Occurrence) -> str:
        return obj.event.address

    @staticmethod
    def resolve_online(obj: Occurrence) -> bool:
        return obj.event.is_online

    @staticmethod
    def resolve_online_url(obj: Occurrence) -> str | None:
        allowed = getattr(obj, "managed", False) or getattr(obj, "my_status", None) == "registered"
        return obj.event.online_url or None if allowed else None

    @staticmethod
    def resolve_organisation(obj: Occurrence) -> str | None:
        return obj.event.organisation.slug if obj.event.organisation else None

    @staticmethod
    def resolve_free(obj: Occurrence) -> bool:
        return obj.event.is_free

    @staticmethod
    def resolve_price(obj: Occurrence) -> Decimal | None:
        return obj.event.price

    @staticmethod
    def resolve_capacity(obj: Occurrence) -> int | None:
        return obj.event.capacity

    @staticmethod
    def resolve_registered_count(obj: Occurrence) -> int:
        return int(getattr(obj, "registered_count", 0) or 0)

    @staticmethod
    def resolve_waitlist_count(obj: Occurrence) -> int:
        return int(getattr(obj, "waitlist_count", 0) or 0)

    @staticmethod
    def resolve_my_registration(obj: Occurrence) -> str | None:
        return getattr(obj, "my_status", None)

    @staticmethod
    def resolve_url(obj: Occurrence, context: dict[str, Any]) -> str:
        return _absolute(context, obj.get_absolute_url())


class EventOut(Schema):
    id: int
    title: str
    description: str = Field(description="Markdown, as written.")
    description_html: str = Field(description="The description rendered and sanitised.")
    type: str
    status: str
    starts_at: datetime = Field(description="The first date's start.")
    ends_at: datetime
    all_day: bool
    recurrence: str | None = Field(description="RFC 5545 RRULE, or null for a single date.")
    exdates: list[date]
    neighbourhood: str | None
    address: str
    online: bool
    online_url: str | None
    target_groups: list[str]
    languages: list[str]
    accessibility: list[str]
    accessibility_notes: str
    free: bool
    price: Decimal | None
    capacity: int | None
    registration_required: bool
    organisation: str | None
    group: str | None = Field(description="Slug of the group it is only for, or null.")
    author: str = Field(description="Display name of who announced it.")
    image: str | None
    url: str
    ical_url: str
    occurrences: list[OccurrenceOut] = Field(description="Upcoming dates (at most 104).")

    @staticmethod
    def resolve_description_html(obj: Event) -> str:
        return render_markdown(obj.description)

    @staticmethod
    def resolve_recurrence(obj: Event) -> str | None:
        return obj.recurrence or None

    @staticmethod
    def resolve_exdates(obj: Event) -> list[date]:
        return [date.fromisoformat(d) for d in obj.exdates]

    @staticmethod
    def resolve_neighbourhood(obj: Event) -> str | None:
        return obj.neighbourhood.slug if obj.neighbourhood else None

    @staticmethod
    def resolve_online(obj: Event) -> bool:
        return obj.is_online

    @staticmethod
    def resolve_online_url(obj: Event) -> str | None:
        return obj.online_url or None if getattr(obj, "show_online_link", False) else None

    @staticmethod
    def resolve_target_groups(obj: Event) -> list[str]:
        return [group.slug for group in obj.target_groups.all()]

    @staticmethod
    def resolve_languages(obj: Event) -> list[str]:
        return [language.code for language in obj.languages.all()]

    @staticmethod
    def resolve_free(obj: Event) -> bool:
        return obj.is_free

    @staticmethod
    def resolve_organisation(obj: Event) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_group(obj: Event) -> str | None:
        return obj.group.slug if obj.group else None

    @staticmethod
    def resolve_author(obj: Event) -> str:
        return obj.author.display_name

    @staticmethod
    def resolve_image(obj: Event, context: dict[str, Any]) -> str | None:
        return _absolute(context, obj.image.url) if obj.image else None

    @staticmethod
    def resolve_url(obj: Event, context: dict[str, Any]) -> str:
        return _absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_ical_url(obj: Event, context: dict[str, Any]) -> str:
        from django.urls import reverse

        return _absolute(context, reverse("activities:event_ics", kwargs={"pk": obj.pk}))

    @staticmethod
    def resolve_occurrences(obj: Event) -> list[Occurrence]:
        return list(getattr(obj, "upcoming", []))


class EventIn(Schema):
    title: str = Field(max_length=140)
    description: str = Field(max_length=10000, description="Markdown.")
    type: Literal["activity", "training", "meeting", "info-session"] = "activity"
    starts_at: datetime = Field(description="ISO 8601 with offset (without: Brussels time).")
    ends_at: datetime
    all_day: bool = False
    neighbourhood: str | None = Field(None, max_length=80, description="Neighbourhood slug.")
    address: str = Field("", max_length=200)
    online_url: str = Field("", max_length=500)
    capacity: int | None = Field(None, description="At least 1; null for no limit.")
    recurrence: str | None = Field(
        None,
        max_length=300,
        description='RFC 5545 RRULE with COUNT or UNTIL, e.g. "FREQ=WEEKLY;COUNT=5".',
    )
    exdates: list[date] = Field(default_factory=list, description="Dates the series skips.")
    target_groups: list[str] = Field(default_factory=list, description="Target group slugs.")
    languages: list[str] = Field(default_factory=list, description="ISO 639-1 codes.")
    accessibility: list[str] = Field(default_factory=list)
    accessibility_notes: str = Field("", max_length=500)
    price: Decimal | None = Field(None, description="In euro; null or 0 is free.")
    registration_required: bool = True
    image_alt: str = Field("", max_length=200)
    organisation: str | None = Field(
        None, max_length=80, description="Slug of an organisation you belong to."
    )
    group: str | None = Field(
        None,
        max_length=80,
        description="Slug of a group you are a member of: the event is then only for it.",
    )


class EventFilters(Schema):
    type: list[Literal["activity", "training", "meeting", "info-session"]] = Field(
        default_factory=list
    )
    neighbourhood: str | None = Field(None, max_length=80)
    target_group: str | None = Field(None, max_length=80)
    language: str | None = Field(None, max_length=8)
    organisation: str | None = Field(None, max_length=80)
    free: bool = False
    date_from: date | None = Field(None, alias="from", description="Default: today.")
    date_to: date | None = Field(None, alias="to", description="Inclusive; default from + 90 days.")
    q: str | None = Field(None, max_length=200)


class RegistrationOut(Schema):
    status: str = Field(description='"registered" or "waitlisted".')
    event: int
    occurrence: int
    starts_at: datetime
    waitlist_position: int | None


# --- endpoints -------------------------------------------------------------------------------


def _annotate_for(qs: OccurrenceQuerySet, user: Any) -> OccurrenceQuerySet:
    """`my_status` (the caller's registration) and `managed` (they organise it), so the
    online link is decided without a query per row."""
    if not user.is_authenticated:
        return qs
    from solidair.organisations.models import Membership

    admin_of = Membership.objects.filter(user_id=user.pk, role__in=["owner", "admin"]).values(
        "organisation_id"
    )
    return qs.annotate(
        my_status=models.Subquery(
            Registration.objects.filter(occurrence=models.OuterRef("pk"), user_id=user.pk).values(
                "status"
            )[:1]
        ),
        managed=models.ExpressionWrapper(
            models.Q(event__author_id=user.pk) | models.Q(event__organisation__in=admin_of),
            output_field=models.BooleanField(),
        ),
    )


@router.get("", response=list[OccurrenceOut], summary="List dates", operation_id="list_events")
@paginate(EventPagination)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> Any:
    """Dates within from..to (series expanded), soonest first, cancelled ones flagged."""
    data = filters.dict()
    for value in (data["date_from"], data["date_to"]):
        if value is not None and not (EARLIEST <= value <= LATEST):
            raise HttpError(400, _("Choose a date between 1900 and 2200."))
    start = data["date_from"] or timezone.localdate()
    end = data["date_to"] or start + timedelta(days=DEFAULT_RANGE_DAYS)
    if end < start:
        raise HttpError(400, _("“to” must be on or after “from”."))
    if (end - start).days > MAX_RANGE_DAYS:
        raise HttpError(400, _("Ask for at most %(days)d days at once.") % {"days": MAX_RANGE_DAYS})
    data.update(date_from=start, date_to=end, types=data.pop("type"))
    qs = (
        Occurrence.objects.visible_to(_user(request))
        .filter_list(**data)
        .with_counts()
        .select_related("event", "event__organisation", "event__neighbourhood")
        .chronological()
    )
    return _annotate_for(qs, _user(request))


def _event_out(request: HttpRequest, event: Event) -> Event:
    user = _user(request)
    upcoming = _annotate_for(
        event.occurrences.filter(ends_at__gt=timezone.now())
        .with_counts()
        .select_related("event", "event__organisation", "event__neighbourhood")
        .chronological(),
        user,
    )[:104]
    event.upcoming = list(upcoming)  # type: ignore[attr-defined]
    manager = permissions.can_manage_event(user, event)
    event.show_online_link = manager or any(  # type: ignore[attr-defined]
        getattr(o, "my_status", None) == "registered"
        for o in event.upcoming  # type: ignore[attr-defined]
    )
    return event


@router.get("/{int:event_id}", response=EventOut, summary="One event", operation_id="get_event")
def get_event(request: HttpRequest, event_id: int) -> Event:
    event = permissions.get_event_or_404(_user(request), event_id)
    return _event_out(request, event)


@router.post(
    "",
    response={201: EventOut},
    auth=required_auth,
    summary="Announce an event",
    operation_id="create_event",
)
def create_event(request: HttpRequest, payload: EventIn) -> Status[Event]:
    """As yourself, or on behalf of an organisation you belong to (``organisation``)."""
    check_event_rate(request)
    data = payload.dict()
    organisation = data.pop("organisation")
    group = data.pop("group")
    data["recurrence"] = data["recurrence"] or ""
    try:
        event = services.create_event(
            author=_user(request), data=data, organisation=organisation, group=group
        )
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return Status(201, _event_out(request, permissions.get_event_or_404(_user(request), event.pk)))


def _body_occurrence(request: HttpRequest) -> int | None:
    """`occurrence` from an optional JSON (or form) body; clients may also send none."""
    value: Any = None
    if request.content_type == "application/json":
        if not request.body.strip():
            return None
        try:
            data = json.loads(request.body)
        except ValueError:
            raise HttpError(400, _('Send JSON such as {"occurrence": 12}, or no body.')) from None
        value = data.get("occurrence") if isinstance(data, dict) else None
    else:
        value = request.POST.get("occurrence") or None
        if isinstance(value, str) and value.isdigit():
            value = int(value)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise HttpError(422, _("“occurrence” must be the id of one of the event's dates."))
    return int(value)


def _occurrence_for(request: HttpRequest, event_id: int, occurrence_id: int | None) -> Occurrence:
    event = permissions.get_event_or_404(_user(request), event_id)
    qs = event.occurrences.select_related("event", "event__neighbourhood")
    if occurrence_id is not None:
        occurrence = qs.filter(pk=occurrence_id).first()
        if occurrence is None:
            raise HttpError(404, _("This event has no such date."))
        return occurrence
    occurrence = (
        qs.filter(starts_at__gt=timezone.now(), cancelled_at__isnull=True)
        .order_by("starts_at")
        .first()
    )
    if occurrence is None:
        raise HttpError(400, _("This event has no upcoming date."))
    return occurrence


@router.post(
    "/{int:event_id}/registration",
    response={200: RegistrationOut, 201: RegistrationOut},
    auth=required_auth,
    summary="Register for a date",
    operation_id="register_for_event",
)
def register_for_event(
    request: HttpRequest, event_id: int, occurrence: int | None = None
) -> Status[dict[str, Any]]:
    """A place if one is free, otherwise the waiting list. Registering again answers 200
    with the existing registration. The date: `occurrence` in the query string or a JSON
    body `{"occurrence": 12}`; without either, the next date. An empty body is fine."""
    check_registration_rate(request)
    if occurrence is None:
        occurrence = _body_occurrence(request)
    found = _occurrence_for(request, event_id, occurrence)
    user = _user(request)
    existed = Registration.objects.filter(occurrence=found, user=user).exists()
    try:
        registration = services.register(occurrence=found, user=user)
    except DjangoValidationError as exc:
        _raise_validation(exc)
    position = None
    if registration.status == Registration.Status.WAITLISTED:
        position = (
            Registration.objects.filter(
                occurrence=found,
                status=Registration.Status.WAITLISTED,
                created_at__lt=registration.created_at,
            ).count()
            + 1
        )
    body = {
        "status": registration.status,
        "event": found.event_id,
        "occurrence": found.pk,
        "starts_at": found.starts_at,
        "waitlist_position": position,
    }
    return Status(200 if existed else 201, body)


@router.delete(
    "/{int:event_id}/registration",
    response={204: None},
    auth=required_auth,
    summary="Unregister from a date",
    operation_id="unregister_from_event",
)
def unregister_from_event(
    request: HttpRequest, event_id: int, occurrence: int | None = None
) -> Status[None]:
    """Frees the place (the first person waiting gets it and is emailed). ``occurrence``
    (query) picks the date; default the next one you are registered for."""
    user = _user(request)
    event = permissions.get_event_or_404(user, event_id)
    regs = Registration.objects.filter(occurrence__event=event, user=user).select_related(
        "occurrence", "occurrence__event", "occurrence__event__neighbourhood"
    )
    if occurrence is not None:
        regs = regs.filter(occurrence_id=occurrence)
    else:
        regs = regs.filter(occurrence__ends_at__gt=timezone.now()).order_by("occurrence__starts_at")
    registration = regs.first()
    if registration is None:
        raise HttpError(404, _("You are not registered for this event."))
    try:
        services.unregister(occurrence=registration.occurrence, user=user)
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return Status(204, None)
