"""Events only for a group: a closed group's event never reaches anyone but its active
members (calendar, page, API, feeds, the home page contract, reminders)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidair.activities import services
from solidair.activities.querysets import upcoming_occurrences
from solidair.groups.tests.factories import GroupFactory, member

from .factories import tomorrow_at

pytestmark = pytest.mark.django_db


def announce(author, group, title="Overleg mantelzorgers"):
    return services.create_event(
        author=author,
        group=group.slug,
        data={
            "title": title,
            "description": "Enkel voor de leden.",
            "starts_at": tomorrow_at(19),
            "ends_at": tomorrow_at(21),
            "neighbourhood": "drongen",
            "online_url": "https://meet.example.org/groep",
        },
    )


@pytest.fixture
def closed_group(citizen, volunteer):
    group = GroupFactory.create(name="Mantelzorgers", slug="mantelzorgers", visibility="closed")
    member(group, citizen, role="owner")
    member(group, volunteer)
    return group


def test_only_members_announce_in_a_group(closed_group, stranger):
    with pytest.raises(ValidationError) as caught:
        announce(stranger, closed_group)
    assert "group" in caught.value.message_dict


def test_a_closed_groups_event_is_invisible_to_outsiders_everywhere(
    client, closed_group, citizen, volunteer, stranger, editor, anonymous
):
    event = announce(citizen, closed_group)
    occurrence = event.occurrences.get()
    assert [o.event for o in upcoming_occurrences(volunteer)] == [event]
    for outsider in (anonymous, stranger, editor):
        assert upcoming_occurrences(outsider) == []

    for person in (None, stranger, editor):
        if person is not None:
            client.force_login(person)
        assert (
            "Overleg mantelzorgers"
            not in client.get(reverse("activities:calendar")).content.decode()
        )
        assert client.get(occurrence.get_absolute_url()).status_code == 404
        assert client.get(event.get_absolute_url()).status_code == 404
        assert client.get(reverse("activities:event_ics", args=[event.pk])).status_code == 404
        assert client.post(reverse("activities:register", args=[occurrence.pk])).status_code in (
            302,
            404,
        )
        assert b"Overleg mantelzorgers" not in client.get(reverse("activities:feed")).content
        assert client.get(f"/api/v1/events/{event.pk}").status_code == 404
        assert client.get("/api/v1/events").json()["items"] == []
    assert not occurrence.registrations.exists()

    client.force_login(volunteer)
    page = client.get(occurrence.get_absolute_url()).content.decode()
    assert "Only for the members of the closed group" in page


def test_leaving_the_group_removes_it_from_the_private_feed_and_reminders(
    closed_group, citizen, volunteer
):
    from solidair.groups.models import GroupMembership

    event = announce(citizen, closed_group)
    services.register(occurrence=event.occurrences.get(), user=volunteer)
    token = services.get_or_create_feed(user=volunteer).token
    from django.test import Client

    feed_url = reverse("activities:private_feed", args=[token])
    assert b"Overleg mantelzorgers" in Client().get(feed_url).content
    GroupMembership.objects.filter(group=closed_group, user=volunteer).update(state="left")
    assert b"Overleg mantelzorgers" not in Client().get(feed_url).content
    mail.outbox.clear()
    assert services.send_event_reminders() == 0


def test_an_open_groups_event_is_public(client, citizen):
    group = GroupFactory.create(visibility="open")
    member(group, citizen, role="owner")
    event = announce(citizen, group, title="Buurtwandeling")
    assert client.get(event.get_absolute_url()).status_code == 200
    assert b"Buurtwandeling" in client.get(reverse("activities:feed")).content


def test_announcing_for_a_group_with_the_form(client, closed_group, citizen):
    from datetime import timedelta

    from django.utils import timezone

    from solidair.activities.models import Event

    client.force_login(citizen)
    assert "Only for a group" in client.get(reverse("activities:create")).content.decode()
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("activities:create"),
        {
            "group": closed_group.slug,
            "type": "meeting",
            "title": "Maandelijks overleg",
            "description": "Agenda volgt.",
            "start_date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "11:00",
            "neighbourhood": "drongen",
            "registration_required": "on",
        },
    )
    assert response.status_code == 302
    assert Event.objects.get().group == closed_group
