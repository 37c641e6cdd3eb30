"""Recurrence rules: validation (bounded rules only) and expansion in Brussels time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from solidair.activities.recurrence import expand, parse_exdates, parse_rule


def brussels(year: int, month: int, day: int, hour: int) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def test_a_weekly_event_keeps_its_wall_clock_time_across_the_spring_dst_change():
    # 29 March 2026: clocks go from 02:00 to 03:00 in Brussels.
    start = brussels(2026, 3, 19, 19)
    slots = expand(
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        all_day=False,
        rule=parse_rule("FREQ=WEEKLY;COUNT=3"),
    )
    assert [s.day for s in slots] == [date(2026, 3, 19), date(2026, 3, 26), date(2026, 4, 2)]
    assert [timezone.localtime(s.starts_at).hour for s in slots] == [19, 19, 19]
    # In UTC the start moves an hour earlier after the change.
    assert [s.starts_at.astimezone(UTC).hour for s in slots] == [18, 18, 17]
    assert all(timezone.localtime(s.ends_at).hour == 21 for s in slots)


def test_a_weekly_event_keeps_its_wall_clock_time_across_the_autumn_dst_change():
    # 25 October 2026: clocks go back from 03:00 to 02:00.
    start = brussels(2026, 10, 18, 10)
    slots = expand(
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        all_day=False,
        rule=parse_rule("FREQ=WEEKLY;UNTIL=20261101"),
    )
    assert [s.day for s in slots] == [date(2026, 10, 18), date(2026, 10, 25), date(2026, 11, 1)]
    assert [s.starts_at.astimezone(UTC).hour for s in slots] == [8, 9, 9]
    # A night event spanning the change lasts its wall-clock duration on every date.
    assert all(s.ends_at - s.starts_at == timedelta(hours=3) for s in slots)


def test_exceptions_leave_dates_out():
    start = brussels(2026, 1, 5, 14)
    slots = expand(
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        all_day=False,
        rule=parse_rule("FREQ=WEEKLY;COUNT=4"),
        exdates=[date(2026, 1, 12)],
    )
    assert [s.day for s in slots] == [date(2026, 1, 5), date(2026, 1, 19), date(2026, 1, 26)]


def test_monthly_on_the_first_saturday():
    start = brussels(2026, 2, 7, 13)  # the first Saturday of February
    slots = expand(
        starts_at=start,
        ends_at=start + timedelta(hours=4),
        all_day=False,
        rule=parse_rule("FREQ=MONTHLY;BYDAY=1SA;COUNT=3"),
    )
    assert [s.day for s in slots] == [date(2026, 2, 7), date(2026, 3, 7), date(2026, 4, 4)]


def test_the_rule_is_normalised():
    rule = parse_rule("rrule:freq=weekly;interval=2;until=20260630T215959Z;byday=MO,TH")
    assert rule is not None
    assert rule.as_string() == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20260630;BYDAY=MO,TH"
    assert parse_rule("") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FREQ=WEEKLY", "must end"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20260101", "not both"),
        ("FREQ=HOURLY;COUNT=3", "FREQ must be"),
        ("FREQ=WEEKLY;COUNT=3;BYHOUR=9", "not supported"),
        ("FREQ=WEEKLY;COUNT=0", "out of range"),
        ("FREQ=WEEKLY;COUNT=100000", "out of range"),
        ("FREQ=WEEKLY;UNTIL=yesterday", "UNTIL must be"),
        ("FREQ=WEEKLY;COUNT=3;BYDAY=XX", "BYDAY"),
        ("nonsense", "not a valid RRULE"),
        ("FREQ=WEEKLY;FREQ=DAILY;COUNT=2", "repeats"),
    ],
)
def test_bad_rules_are_refused_with_a_clear_message(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_rule(text)
    assert message in " ".join(caught.value.message_dict["recurrence"])


def test_a_rule_making_too_many_dates_is_refused(settings):
    settings.EVENTS_MAX_OCCURRENCES = 10
    start = brussels(2026, 1, 1, 9)
    with pytest.raises(ValidationError) as caught:
        expand(
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            all_day=False,
            rule=parse_rule("FREQ=DAILY;UNTIL=20261231"),
        )
    assert "more than 10 dates" in caught.value.message_dict["recurrence"][0]


def test_exdates_parse_from_text_and_refuse_garbage():
    assert parse_exdates("2026-01-12, 2026-01-05") == [date(2026, 1, 5), date(2026, 1, 12)]
    with pytest.raises(ValidationError):
        parse_exdates("12 januari")
