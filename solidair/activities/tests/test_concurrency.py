"""No overbooking under concurrency: registrations for one date are serialised by a row
lock on the occurrence (services._lock_occurrence). Real threads, real transactions: only
PostgreSQL has row locks (SQLite locks the whole database file, so the race cannot happen
there and the test would prove nothing).

    DATABASE_URL=postgres://postgres@127.0.0.1/solidair_activities \\
        .venv/bin/pytest solidair/activities/tests/test_concurrency.py
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from solidair.accounts.tests.factories import UserFactory
from solidair.activities import services
from solidair.activities.models import Registration

from .factories import EventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
]


def _require_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no row locks, so there is no race to test")
    # A transactional test empties every table afterwards, reference data included.
    from django.apps import apps as django_apps

    from solidair.core.reference import sync_reference_data

    sync_reference_data(django_apps)


def _race(occurrence, users) -> list[str]:
    barrier = threading.Barrier(len(users))
    results: list[str] = []
    errors: list[BaseException] = []

    def attempt(user) -> None:
        try:
            barrier.wait(timeout=10)
            registration = services.register(occurrence=occurrence, user=user)
            results.append(registration.status)
        except BaseException as exc:  # reported below: a thread must not swallow it
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def test_two_people_cannot_both_take_the_last_place():
    _require_postgresql()
    occurrence = EventFactory.create(capacity=1).occurrences.get()
    users = UserFactory.create_batch(2)
    for _round in range(5):
        Registration.objects.all().delete()
        results = _race(occurrence, users)
        assert sorted(results) == ["registered", "waitlisted"]
        assert occurrence.registrations.filter(status="registered").count() == 1


def test_many_people_at_once_fill_exactly_the_capacity():
    _require_postgresql()
    occurrence = EventFactory.create(capacity=3).occurrences.get()
    users = UserFactory.create_batch(12)
    results = _race(occurrence, users)
    assert results.count("registered") == 3
    assert results.count("waitlisted") == 9
    assert occurrence.registrations.filter(status="registered").count() == 3
