"""Parsing and validating what people send when they announce or edit an event (shared
by the event services); the email context of a date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from solidair.accounts.models import User
from solidair.core.emails import absolute_url
from solidair.core.images import clean_image_upload
from solidair.core.inputs import resolve_many as _resolve_many
from solidair.core.inputs import resolve_one as _resolve_one
from solidair.core.models import Language, Neighbourhood, TargetGroup
from solidair.exchange.search import build_document
from solidair.moderation.sanctions import require_can_contribute
from solidair.organisations.models import Organisation
from solidair.organisations.permissions import can_act_for

from .. import permissions
from ..models import Accessibility, Event, EventType, Occurrence
from ..recurrence import Rule, all_day_bounds, parse_exdates, parse_rule

EVENT_FIELDS = (
    "title",
    "description",
    "type",
    "starts_at",
    "ends_at",
    "all_day",
    "recurrence",
    "exdates",
    "neighbourhood",
    "address",
    "online_url",
    "target_groups",
    "languages",
    "accessibility",
    "accessibility_notes",
    "price",
    "capacity",
    "registration_required",
    "image_alt",
)


# --- helpers ----------------------------------------------------------------------------------


def _require_active(user: User) -> None:
    # Registering, unregistering and the private feed: a suspended person still may.
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied


def _require_contributor(user: User) -> None:
    """Announcing, editing and messaging: what others read. Suspended people may not."""
    require_can_contribute(user)


def _require_organiser(user: User, event: Event) -> None:
    if not permissions.can_manage_event(user, event):
        raise PermissionDenied(_("Only the organisers manage this event."))


def _resolve_organisation(
    user: User, organisation: Organisation | str | None
) -> Organisation | None:
    if organisation is None or organisation == "":
        return None
    if isinstance(organisation, str):
        found = Organisation.objects.filter(slug=organisation.strip()).first()
        if found is None:
            raise ValidationError(
                {
                    "organisation": _(
                        "You can only announce on behalf of an organisation you belong to."
                    )
                }
            )
        organisation = found
    if not can_act_for(user, organisation):
        raise ValidationError(
            {"organisation": _("You can only announce on behalf of an organisation you belong to.")}
        )
    return organisation


def _resolve_group(user: User, group: Any) -> Any:
    """A group `user` may post in (an active member), by slug or instance, or None."""
    from solidair.groups.permissions import content_group_for

    try:
        return content_group_for(user, group)
    except ValidationError:
        raise ValidationError(
            {"group": _("You can only announce an event in a group you are a member of.")}
        ) from None


def _clean_text(value: Any, field: str, *, max_length: int, required: bool = True) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError(
            {field: _("At most %(max)d characters, please.") % {"max": max_length}}
        )
    return text


def _parse_moment(value: Any, field: str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value.strip():
        try:
            parsed = parse_datetime(value.strip())
        except ValueError:
            parsed = None
        if parsed is None:
            raise ValidationError(
                {field: _("Give a date and time such as 2026-03-14T19:00:00+01:00.")}
            )
        moment = parsed
    else:
        raise ValidationError({field: _("This field is required.")})
    if timezone.is_naive(moment):
        # A time without offset is a time in Ghent.
        moment = timezone.make_aware(moment)
    return moment


def _parse_capacity(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"capacity": _("The capacity must be a whole number.")}) from None
    if isinstance(value, bool) or number < 1:
        raise ValidationError(
            {"capacity": _("The capacity must be at least 1 (leave it empty for no limit).")}
        )
    if number > 100000:
        raise ValidationError({"capacity": _("The capacity is too large.")})
    return number


def _parse_price(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        price = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(
            {"price": _("The cost must be an amount such as 5 or 2.50.")}
        ) from None
    if not price.is_finite() or price < 0 or price >= Decimal("100000"):
        raise ValidationError({"price": _("The cost must be an amount such as 5 or 2.50.")})
    price = price.quantize(Decimal("0.01"))
    return None if price == 0 else price


def _parse_accessibility(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    allowed = set(Accessibility.values)
    if not isinstance(value, list | tuple) or any(v not in allowed for v in value):
        raise ValidationError(
            {
                "accessibility": _("Choose from: %(values)s.")
                % {"values": ", ".join(sorted(allowed))}
            }
        )
    return list(dict.fromkeys(value))


def _parse_bool(value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("1", "true", "on", "yes")


@dataclass
class _Schedule:
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    rule: Rule | None
    exdates: list[date]


def _clean_schedule(values: Mapping[str, Any], event: Event | None) -> _Schedule:
    all_day = _parse_bool(values.get("all_day"), False)
    starts_at = _parse_moment(values.get("starts_at"), "starts_at")
    ends_at = _parse_moment(values.get("ends_at"), "ends_at")
    horizon = timezone.now() + timedelta(days=3 * 366)
    if starts_at > horizon:
        raise ValidationError(
            {"starts_at": _("An event can be announced at most three years ahead.")}
        )
    if ends_at > starts_at + timedelta(days=32):
        raise ValidationError(
            {"ends_at": _("An event lasts at most 31 days; use a recurrence for a series.")}
        )
    if all_day:
        # All-day events span whole local days: from the first day's midnight to the
        # midnight after the last day (ends_at's date, inclusive, unless at midnight).
        first = timezone.localtime(starts_at).date()
        local_end = timezone.localtime(ends_at)
        last = local_end.date()
        if local_end.time() == datetime.min.time() and last > first:
            last -= timedelta(days=1)
        if last < first:
            raise ValidationError({"ends_at": _("The end must be after the start.")})
        starts_at, ends_at = all_day_bounds(first, last)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if ends_at - starts_at > timedelta(days=31):
        raise ValidationError(
            {"ends_at": _("An event lasts at most 31 days; use a recurrence for a series.")}
        )
    if event is None or event.starts_at != starts_at:
        # All-day events may start today; others not before now (a few minutes' slack for
        # the time it takes to fill in the form).
        past = (
            ends_at <= timezone.now()
            if all_day
            else starts_at < timezone.now() - timedelta(minutes=5)
        )
        if past:
            raise ValidationError({"starts_at": _("The event cannot start in the past.")})
    rule = parse_rule(str(values.get("recurrence") or ""))
    exdates = parse_exdates(values.get("exdates"))
    if (
        rule is not None
        and rule.until is not None
        and rule.until < timezone.localtime(starts_at).date()
    ):
        raise ValidationError({"recurrence": _("The recurrence ends before the first date.")})
    if rule is not None and rule.until is not None:
        last_allowed = timezone.localtime(starts_at).date() + timedelta(
            days=settings.EVENTS_MAX_SERIES_DAYS
        )
        if rule.until > last_allowed:
            raise ValidationError({"recurrence": _("A series can run for at most two years.")})
    return _Schedule(starts_at, ends_at, all_day, rule, exdates)


IMAGE_MAX_SIDE = 1600


def _clean_image(image: Any) -> Any:
    try:
        return clean_image_upload(image, max_side=IMAGE_MAX_SIDE, output_format="JPEG")
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from None


def search_document_for(event: Event) -> str:
    """Title, description, organisation and address, normalised like the exchange's
    posts (solidair.exchange.search)."""
    texts = [event.title, event.description, event.address]
    if event.organisation_id is not None and event.organisation is not None:
        texts.append(event.organisation.name)
    return build_document(texts)


def _apply(event: Event, data: Mapping[str, Any]) -> tuple[list[Any], list[Any], _Schedule]:
    """Validate `data` onto `event` (unsaved). Returns target groups, languages and the
    schedule."""
    errors: dict[str, list[str]] = {}

    def collect(field: str, fn: Any) -> Any:
        try:
            return fn()
        except ValidationError as exc:
            for key, messages in (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [(field, exc.messages)]
            ):
                errors.setdefault(key, []).extend(messages)
            return None

    event.title = (
        collect("title", lambda: _clean_text(data.get("title"), "title", max_length=140)) or ""
    )
    event.description = (
        collect(
            "description",
            lambda: _clean_text(data.get("description"), "description", max_length=10000),
        )
        or ""
    )
    event_type = data.get("type") or EventType.ACTIVITY
    if event_type not in EventType.values:
        errors.setdefault("type", []).append(
            _("The type must be one of: %(values)s.") % {"values": ", ".join(EventType.values)}
        )
    else:
        event.type = event_type
    schedule = collect("starts_at", lambda: _clean_schedule(data, event if event.pk else None))
    event.neighbourhood = collect(
        "neighbourhood",
        lambda: _resolve_one(Neighbourhood, data.get("neighbourhood"), "neighbourhood", "slug"),
    )
    event.address = (
        collect(
            "address",
            lambda: _clean_text(data.get("address"), "address", max_length=200, required=False),
        )
        or ""
    )
    online_url = (
        collect(
            "online_url",
            lambda: _clean_text(
                data.get("online_url"), "online_url", max_length=500, required=False
            ),
        )
        or ""
    )
    if online_url and not online_url.startswith(("https://", "http://")):
        errors.setdefault("online_url", []).append(_("The online link must start with https://."))
    event.online_url = online_url
    if event.neighbourhood is None and not event.online_url and "neighbourhood" not in errors:
        errors.setdefault("neighbourhood", []).append(
            _("Choose the neighbourhood where it happens, or give an online link.")
        )
    target_groups = collect(
        "target_groups",
        lambda: _resolve_many(TargetGroup, data.get("target_groups"), "target_groups", "slug"),
    )
    languages = collect(
        "languages", lambda: _resolve_many(Language, data.get("languages"), "languages", "code")
    )
    event.accessibility = (
        collect("accessibility", lambda: _parse_accessibility(data.get("accessibility"))) or []
    )
    event.accessibility_notes = (
        collect(
            "accessibility_notes",
            lambda: _clean_text(
                data.get("accessibility_notes"),
                "accessibility_notes",
                max_length=500,
                required=False,
            ),
        )
        or ""
    )
    event.price = collect("price", lambda: _parse_price(data.get("price")))
    event.capacity = collect("capacity", lambda: _parse_capacity(data.get("capacity")))
    event.registration_required = _parse_bool(data.get("registration_required"), True)
    if event.capacity is not None and not event.registration_required:
        event.registration_required = True
    event.image_alt = (
        collect(
            "image_alt",
            lambda: _clean_text(data.get("image_alt"), "image_alt", max_length=200, required=False),
        )
        or ""
    )
    if errors:
        raise ValidationError(errors)
    assert schedule is not None
    event.starts_at = schedule.starts_at
    event.ends_at = schedule.ends_at
    event.all_day = schedule.all_day
    event.recurrence = schedule.rule.as_string() if schedule.rule else ""
    event.exdates = [d.isoformat() for d in schedule.exdates]
    return target_groups or [], languages or [], schedule


def _event_url(event: Event) -> str:
    return absolute_url(event.get_absolute_url())


def _occurrence_context(occurrence: Occurrence) -> dict[str, Any]:
    event = occurrence.event
    start = occurrence.local_start
    return {
        "event_title": event.title,
        "when": start.strftime("%d/%m/%Y") if event.all_day else start.strftime("%d/%m/%Y %H:%M"),
        "where": (event.neighbourhood.label if event.neighbourhood else "")
        + (f", {event.address}" if event.address else ""),
        "online": event.is_online,
        "occurrence_url": absolute_url(occurrence.get_absolute_url()),
    }
