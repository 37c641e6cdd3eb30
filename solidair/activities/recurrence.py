"""Recurrence: a bounded subset of RFC 5545 RRULE, validated, normalised and expanded in
the site's time zone (Europe/Brussels).

Rules are expanded on local wall-clock time, so a weekly 19:00 language café stays at
19:00 across the daylight-saving changes (its UTC time moves by an hour). Every rule must
end (COUNT or UNTIL) and may produce at most `max_occurrences()` dates: an unbounded rule
would make unbounded work for every page, feed and registration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

FREQUENCIES: dict[str, Literal[0, 1, 2, 3, 4, 5, 6]] = {
    "DAILY": rrule.DAILY,
    "WEEKLY": rrule.WEEKLY,
    "MONTHLY": rrule.MONTHLY,
    "YEARLY": rrule.YEARLY,
}
WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
# Parts that would make more than one occurrence per day (BYHOUR, BYMINUTE…) are refused:
# an occurrence is identified by its day.
ALLOWED_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "WKST"}


def max_occurrences() -> int:
    """settings.EVENTS_MAX_OCCURRENCES (default 104: two years of a weekly event)."""
    return int(settings.EVENTS_MAX_OCCURRENCES)


@dataclass(frozen=True)
class Rule:
    freq: str
    interval: int = 1
    count: int | None = None
    until: date | None = None  # inclusive, a local date
    byday: tuple[tuple[int | None, str], ...] = ()  # (ordinal or None, "MO")
    bymonthday: tuple[int, ...] = ()
    bysetpos: tuple[int, ...] = ()

    def as_string(self) -> str:
        """The normalised RRULE as stored (UNTIL as a local date)."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        if self.byday:
            parts.append("BYDAY=" + ",".join(f"{n or ''}{d}" for n, d in self.byday))
        if self.bymonthday:
            parts.append("BYMONTHDAY=" + ",".join(str(n) for n in self.bymonthday))
        if self.bysetpos:
            parts.append("BYSETPOS=" + ",".join(str(n) for n in self.bysetpos))
        return ";".join(parts)

    def ical_parts(self, *, all_day: bool) -> dict[str, Any]:
        """The rule for icalendar's vRecur. UNTIL must have DTSTART's value type (RFC 5545
        3.3.10): a DATE for all-day events, a UTC date-time (end of the local day) else."""
        parts: dict[str, Any] = {"FREQ": self.freq}
        if self.interval != 1:
            parts["INTERVAL"] = self.interval
        if self.count is not None:
            parts["COUNT"] = self.count
        if self.until is not None:
            if all_day:
                parts["UNTIL"] = self.until
            else:
                end_of_day = timezone.make_aware(datetime.combine(self.until, time(23, 59, 59)))
                parts["UNTIL"] = end_of_day.astimezone(UTC)
        if self.byday:
            parts["BYDAY"] = [f"{n or ''}{d}" for n, d in self.byday]
        if self.bymonthday:
            parts["BYMONTHDAY"] = list(self.bymonthday)
        if self.bysetpos:
            parts["BYSETPOS"] = list(self.bysetpos)
        return parts


def _int_list(name: str, value: str, low: int, high: int) -> tuple[int, ...]:
    numbers = []
    for piece in value.split(","):
        try:
            number = int(piece)
        except ValueError:
            raise ValidationError(
                _("The recurrence part %(name)s must be a list of numbers.") % {"name": name}
            ) from None
        if not (low <= abs(number) <= high) or number == 0:
            raise ValidationError(
                _("The recurrence part %(name)s has a number out of range.") % {"name": name}
            )
        numbers.append(number)
    return tuple(numbers)


def _parse_until(value: str) -> date:
    text = value.strip().upper()
    try:
        if "T" in text:
            moment = datetime.strptime(text.rstrip("Z"), "%Y%m%dT%H%M%S")
            if text.endswith("Z"):
                return timezone.localtime(moment.replace(tzinfo=UTC)).date()
            return moment.date()
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise ValidationError(
            _("UNTIL must be a date such as 20260630 or a UTC time such as 20260630T220000Z.")
        ) from None


def parse_rule(text: str) -> Rule | None:
    """A Rule from an RRULE string ("FREQ=WEEKLY;COUNT=5", an optional "RRULE:" prefix),
    or None for an empty string. Raises ValidationError (on the field "recurrence") with
    a clear message for anything we do not accept."""
    text = (text or "").strip()
    if not text:
        return None
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for piece in text.split(";"):
        if not piece.strip():
            continue
        key, sep, value = piece.partition("=")
        key = key.strip().upper()
        if not sep or not value.strip():
            raise ValidationError(
                {"recurrence": _("The recurrence is not a valid RRULE (PART=VALUE;…).")}
            )
        if key not in ALLOWED_PARTS:
            raise ValidationError(
                {"recurrence": _("The recurrence part %(name)s is not supported.") % {"name": key}}
            )
        if key in parts:
            raise ValidationError(
                {"recurrence": _("The recurrence repeats the part %(name)s.") % {"name": key}}
            )
        parts[key] = value.strip().upper()
    try:
        return _build_rule(parts)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise
        raise ValidationError({"recurrence": exc.messages}) from None


def _build_rule(parts: dict[str, str]) -> Rule:
    freq = parts.get("FREQ")
    if freq not in FREQUENCIES:
        raise ValidationError(_("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValidationError(_("A recurrence has either COUNT or UNTIL, not both."))
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise ValidationError(
            _("A recurrence must end: give a number of times (COUNT) or an end date (UNTIL).")
        )
    interval = 1
    if "INTERVAL" in parts:
        interval = _int_list("INTERVAL", parts["INTERVAL"], 1, 52)[0]
        if interval < 1:
            raise ValidationError(_("INTERVAL must be a positive number."))
    count = None
    if "COUNT" in parts:
        count = _int_list("COUNT", parts["COUNT"], 1, max_occurrences())[0]
        if count < 1:
            raise ValidationError(_("COUNT must be a positive number."))
    until = _parse_until(parts["UNTIL"]) if "UNTIL" in parts else None
    byday: list[tuple[int | None, str]] = []
    for piece in parts.get("BYDAY", "").split(",") if "BYDAY" in parts else []:
        day = piece[-2:]
        ordinal = piece[:-2]
        if day not in WEEKDAYS:
            raise ValidationError(_("BYDAY takes weekdays such as MO,WE or 1SA or -1FR."))
        number = None
        if ordinal:
            try:
                number = int(ordinal)
            except ValueError:
                raise ValidationError(
                    _("BYDAY takes weekdays such as MO,WE or 1SA or -1FR.")
                ) from None
            if number == 0 or abs(number) > 5:
                raise ValidationError(_("BYDAY takes weekdays such as MO,WE or 1SA or -1FR."))
        byday.append((number, day))
    bymonthday = (
        _int_list("BYMONTHDAY", parts["BYMONTHDAY"], 1, 31) if "BYMONTHDAY" in parts else ()
    )
    bysetpos = _int_list("BYSETPOS", parts["BYSETPOS"], 1, 366) if "BYSETPOS" in parts else ()
    return Rule(
        freq=freq,
        interval=interval,
        count=count,
        until=until,
        byday=tuple(byday),
        bymonthday=bymonthday,
        bysetpos=bysetpos,
    )


@dataclass(frozen=True)
class Slot:
    """One expanded date of a schedule."""

    day: date
    starts_at: datetime
    ends_at: datetime


def expand(
    *,
    starts_at: datetime,
    ends_at: datetime,
    all_day: bool,
    rule: Rule | None,
    exdates: list[date] | tuple[date, ...] = (),
) -> list[Slot]:
    """Every date of the schedule, soonest first, EXDATE days left out. The duration is
    kept in wall-clock terms: a 19:00-21:00 event is 19:00-21:00 on every date.

    Raises ValidationError when the rule makes more than max_occurrences() dates."""
    local_start = timezone.localtime(starts_at)
    local_end = timezone.localtime(ends_at)
    naive_start = local_start.replace(tzinfo=None)
    duration = local_end.replace(tzinfo=None) - naive_start
    cap = max_occurrences()
    if rule is None:
        starts: list[datetime] = [naive_start]
    else:
        kwargs: dict[str, Any] = {
            "dtstart": naive_start,
            "interval": rule.interval,
            "cache": False,
        }
        if rule.count is not None:
            kwargs["count"] = rule.count
        if rule.until is not None:
            kwargs["until"] = datetime.combine(rule.until, time(23, 59, 59))
        if rule.byday:
            kwargs["byweekday"] = [
                rrule.weekday(WEEKDAYS[d], n) if n else rrule.weekday(WEEKDAYS[d])
                for n, d in rule.byday
            ]
        if rule.bymonthday:
            kwargs["bymonthday"] = list(rule.bymonthday)
        if rule.bysetpos:
            kwargs["bysetpos"] = list(rule.bysetpos)
        starts = []
        for moment in rrule.rrule(FREQUENCIES[rule.freq], **kwargs):
            starts.append(moment)
            if len(starts) > cap:
                raise ValidationError(
                    {
                        "recurrence": _(
                            "This recurrence makes more than %(max)d dates: choose an "
                            "earlier end date or fewer repetitions."
                        )
                        % {"max": cap}
                    }
                )
    skipped = set(exdates)
    slots = []
    for naive in starts:
        if naive.date() in skipped:
            continue
        # make_aware on local wall-clock time: the UTC offset follows the date (DST).
        slots.append(
            Slot(
                day=naive.date(),
                starts_at=timezone.make_aware(naive),
                ends_at=timezone.make_aware(naive + duration),
            )
        )
    return slots


def parse_exdates(values: Any) -> list[date]:
    """Local dates from a list of "YYYY-MM-DD" strings or dates; ValidationError on the
    field "exdates" otherwise."""
    if values in (None, ""):
        return []
    if isinstance(values, str):
        values = list(values.replace(";", ",").replace("\n", ",").split(","))
    if not isinstance(values, list | tuple):
        raise ValidationError({"exdates": _("Give the exceptions as a list of dates.")})
    days: set[date] = set()
    for value in values:
        if isinstance(value, datetime):
            days.add(timezone.localtime(value).date() if timezone.is_aware(value) else value.date())
        elif isinstance(value, date):
            days.add(value)
        elif isinstance(value, str) and value.strip():
            try:
                days.add(date.fromisoformat(value.strip()))
            except ValueError:
                raise ValidationError(
                    {
                        "exdates": _("%(value)s is not a date (YYYY-MM-DD).")
                        % {"value": value.strip()[:20]}
                    }
                ) from None
        elif not (isinstance(value, str) and not value.strip()):
            raise ValidationError({"exdates": _("Give the exceptions as a list of dates.")})
    if len(days) > max_occurrences():
        raise ValidationError({"exdates": _("Too many exceptions.")})
    return sorted(days)


def all_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """Local midnight of `first` and of the day after `last`."""
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    return start, end
