"""The demo calendar loads through the services and a second run adds nothing."""

from __future__ import annotations

import pytest

from solidair.activities.models import Event, Registration
from solidair.core.demo import load_demo_content

pytestmark = pytest.mark.django_db


def test_the_demo_calendar_is_realistic_and_idempotent():
    load_demo_content(size="small")
    events = Event.objects.count()
    registrations = Registration.objects.count()
    assert events >= 10
    assert Event.objects.filter(type="training").exists()
    assert Event.objects.exclude(recurrence="").count() >= 4
    assert Registration.objects.filter(status="waitlisted").exists()
    assert Event.objects.filter(group__visibility="closed").exists()
    load_demo_content(size="small")
    assert Event.objects.count() == events
    assert Registration.objects.count() == registrations
