"""upcoming_occurrences: the contract the home page and the training overview rely on."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from solidair.activities import services
from solidair.activities.querysets import upcoming_occurrences
from solidair.organisations.tests.factories import OrganisationFactory

from .factories import EventFactory, tomorrow_at


def test_upcoming_occurrences_are_soonest_first_and_skip_cancelled_and_past(anonymous, citizen):
    later = EventFactory.create(title="Later", starts_at=tomorrow_at(10, days=5))
    soon = EventFactory.create(title="Soon", starts_at=tomorrow_at(10))
    EventFactory.create(title="Past", starts_at=timezone.now() - timedelta(days=2))
    cancelled = EventFactory.create(title="Cancelled", author=citizen)
    services.cancel_occurrence(occurrence=cancelled.occurrences.get(), by=citizen)
    series = EventFactory.create(
        title="Series", starts_at=tomorrow_at(12), recurrence="FREQ=DAILY;COUNT=3"
    )

    result = upcoming_occurrences(anonymous)
    assert [o.event.title for o in result] == ["Soon", "Series", "Series", "Series", "Later"]
    first = result[0]
    assert first.event == soon
    assert first.get_absolute_url() == f"/calendar/occurrences/{first.pk}/"
    assert first.event.get_absolute_url() == f"/calendar/events/{soon.pk}/"
    assert first.starts_at < first.ends_at
    assert first.all_day is False
    assert [o.event for o in upcoming_occurrences(anonymous, limit=2)] == [soon, series]
    assert upcoming_occurrences(anonymous, limit=0) == []
    assert later in [
        o.event for o in upcoming_occurrences(anonymous, start=tomorrow_at(15, days=3))
    ]
    assert len(upcoming_occurrences(anonymous, start=tomorrow_at(15, days=3))) == 1


def test_types_filter_and_an_ongoing_occurrence_counts(db, anonymous):
    EventFactory.create(title="Vorming", type="training")
    EventFactory.create(title="Infosessie", type="info-session")
    EventFactory.create(
        title="Bezig",
        starts_at=timezone.now() - timedelta(minutes=30),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    assert [o.event.title for o in upcoming_occurrences(anonymous, types=["training"])] == [
        "Vorming"
    ]
    assert {
        o.event.title for o in upcoming_occurrences(anonymous, types=["training", "info-session"])
    } == {"Vorming", "Infosessie"}
    assert upcoming_occurrences(anonymous)[0].event.title == "Bezig"


def test_events_of_a_rejected_organisation_are_hidden_except_from_their_organisers(
    anonymous, citizen
):
    rejected = OrganisationFactory(status="rejected")
    event = EventFactory.create(organisation=rejected, author=citizen)
    assert upcoming_occurrences(anonymous) == []
    assert [o.event for o in upcoming_occurrences(citizen)] == [event]


def test_one_query_whatever_the_number(anonymous, django_assert_num_queries, organisation):
    for i in range(15):
        EventFactory.create(
            organisation=organisation, starts_at=tomorrow_at(9 + i % 10, days=1 + i)
        )
    with django_assert_num_queries(1):
        result = upcoming_occurrences(anonymous, limit=10)
        for occurrence in result:
            _ = (
                occurrence.event.title,
                occurrence.event.organisation and occurrence.event.organisation.name,
                occurrence.event.neighbourhood and occurrence.event.neighbourhood.label,
                occurrence.get_absolute_url(),
            )
    assert len(result) == 10
