"""An event the moderators hid: gone for everyone but its organisers and the moderators
(calendar, search, pages, iCal, API, the home page and the training overview, reminders
and emails), shown with a notice to those who still see it. Suspended people cannot
announce, edit or message, but still register and read their own calendar."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.activities import services
from solidair.activities.models import Event
from solidair.activities.querysets import upcoming_occurrences
from solidair.groups.tests.factories import GroupFactory, member
from solidair.moderation import services as moderation
from solidair.moderation.models import Reason
from solidair.moderation.registry import get_kind

from .factories import EventFactory, RegistrationFactory, tomorrow_at

pytestmark = pytest.mark.django_db

TITLE = "Vorming: omgaan met armoede"
NOTICE = "Hidden by the moderators"


def hide(event: Event) -> Event:
    Event.objects.filter(pk=event.pk).update(hidden_at=timezone.now())
    event.refresh_from_db()
    return event


def suspend(user):
    user.suspended_until = timezone.now() + timedelta(days=3)
    user.save(update_fields=["suspended_until"])
    return user


def event_data(**overrides):
    data = {
        "title": "Buurtsoep",
        "description": "Samen soep maken.",
        "starts_at": tomorrow_at(18),
        "ends_at": tomorrow_at(20),
        "neighbourhood": "ledeberg",
    }
    data.update(overrides)
    return data


@pytest.fixture
def hidden(training):
    return hide(training)


def test_a_hidden_event_is_gone_for_visitors_and_strangers_everywhere(
    client, hidden, occurrence, organisation, stranger, anonymous
):
    assert upcoming_occurrences(anonymous) == []
    assert upcoming_occurrences(stranger, types=["training"]) == []
    for person in (None, stranger):
        if person is not None:
            client.force_login(person)
        for url in (
            reverse("activities:calendar"),
            reverse("activities:calendar") + "?q=armoede",
            reverse("activities:calendar") + "?view=month",
            reverse("core:home"),
            reverse("info:trainings"),
            reverse("organisations:detail", args=[organisation.slug]),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert TITLE not in response.content.decode(), url
        for url in (
            hidden.get_absolute_url(),
            occurrence.get_absolute_url(),
            reverse("activities:event_ics", args=[hidden.pk]),
            reverse("activities:occurrence_ics", args=[occurrence.pk]),
            reverse("api:get_event", args=[hidden.pk]),
        ):
            assert client.get(url).status_code == 404, url
        for url in (
            reverse("activities:feed"),
            reverse("activities:organisation_feed", args=[organisation.slug]),
        ):
            assert TITLE.encode() not in client.get(url).content, url
        assert client.get(reverse("api:list_events")).json()["items"] == []
        assert client.get(reverse("api:list_events") + "?q=armoede").json()["items"] == []


def test_a_stranger_cannot_register_for_a_hidden_event(client, hidden, occurrence, stranger):
    client.force_login(stranger)
    assert client.post(reverse("activities:register", args=[occurrence.pk])).status_code == 404
    response = client.post(reverse("api:register_for_event", args=[hidden.pk]))
    assert response.status_code in (401, 404)
    assert not occurrence.registrations.exists()


@pytest.mark.parametrize("persona", ["org_admin", "org_second_admin", "moderator"])
def test_organisers_and_moderators_still_see_it_with_the_notice(
    request, client, hidden, occurrence, persona
):
    person = request.getfixturevalue(persona)
    client.force_login(person)
    for url in (hidden.get_absolute_url(), occurrence.get_absolute_url()):
        page = client.get(url)
        assert page.status_code == 200
        assert NOTICE in page.content.decode()
    assert client.get(reverse("api:get_event", args=[hidden.pk])).status_code == 200
    assert [o.event for o in upcoming_occurrences(person)] == [hidden]


def test_the_notice_is_not_shown_on_a_visible_event(client, training, org_admin):
    client.force_login(org_admin)
    assert NOTICE not in client.get(training.get_absolute_url()).content.decode()


def test_people_registered_lose_a_hidden_event_from_their_calendar(client, occurrence, citizen):
    RegistrationFactory.create(occurrence=occurrence, user=citizen)
    hide(occurrence.event)
    client.force_login(citizen)
    assert TITLE not in client.get(reverse("activities:mine")).content.decode()
    feed = services.get_or_create_feed(user=citizen)
    response = client.get(reverse("activities:private_feed", args=[feed.token]))
    assert TITLE.encode() not in response.content


def test_no_reminder_nor_message_goes_out_about_a_hidden_event(occurrence, org_admin, citizen):
    RegistrationFactory.create(occurrence=occurrence, user=citizen)
    hide(occurrence.event)
    mail.outbox.clear()
    now = timezone.now()
    assert services.send_event_reminders(now=now) == 0
    services.message_registrants(
        occurrence=occurrence, by=org_admin, subject="Info", body="Tot dan"
    )
    assert mail.outbox == []


def test_hiding_retires_the_cached_calendar(
    client, training, moderator, citizen, django_capture_on_commit_callbacks
):
    assert TITLE in client.get(reverse("activities:calendar")).content.decode()
    report = moderation.report_content(
        reporter=citizen, kind="event", pk=training.pk, reason=Reason.SCAM
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation.decide_report(
            moderator=moderator,
            report=report,
            decision=moderation.Decision(content="hide", remark="Oplichting."),
        )
    assert TITLE not in client.get(reverse("activities:calendar")).content.decode()


# --- the registry's description ---------------------------------------------------------------


def test_the_event_kind_describes_the_event(training, org_admin):
    kind = get_kind("event")
    assert kind is not None
    assert kind.author(training) == org_admin
    assert kind.describe(training) == TITLE
    assert kind.excerpt(training).startswith("Oefen Nederlands")
    assert kind.url(training) == training.get_absolute_url()


def test_nobody_reports_what_they_cannot_see(hidden, stranger, org_second_admin, moderator):
    kind = get_kind("event")
    assert kind is not None
    assert not kind.can_see(stranger, hidden)
    assert kind.can_see(org_second_admin, hidden)
    assert kind.can_see(moderator, hidden)
    with pytest.raises(PermissionDenied):
        moderation.report_content(reporter=stranger, kind="event", pk=hidden.pk, reason="spam")


def test_a_closed_groups_event_cannot_be_reported_by_outsiders(citizen, stranger, volunteer):
    group = GroupFactory.create(visibility="closed")
    member(group, citizen, role="owner")
    member(group, volunteer)
    event = EventFactory.create(author=citizen, group=group)
    kind = get_kind("event")
    assert kind is not None
    assert kind.can_see(volunteer, event)
    assert not kind.can_see(stranger, event)
    with pytest.raises(PermissionDenied):
        moderation.report_content(reporter=stranger, kind="event", pk=event.pk, reason="spam")


def test_the_report_link_is_for_signed_in_people_other_than_the_organisers(
    client, training, org_admin, stranger
):
    report_url = reverse("moderation:report", args=["event", training.pk])
    assert report_url not in client.get(training.get_absolute_url()).content.decode()
    client.force_login(org_admin)
    assert report_url not in client.get(training.get_absolute_url()).content.decode()
    client.force_login(stranger)
    assert report_url in client.get(training.get_absolute_url()).content.decode()


# --- suspended people ------------------------------------------------------------------------


def test_a_suspended_person_cannot_announce_edit_or_message(occurrence, org_admin):
    suspend(org_admin)
    with pytest.raises(PermissionDenied, match="suspended"):
        services.create_event(author=org_admin, data=event_data())
    with pytest.raises(PermissionDenied, match="suspended"):
        services.update_event(event=occurrence.event, by=org_admin, data=event_data())
    with pytest.raises(PermissionDenied, match="suspended"):
        services.message_registrants(occurrence=occurrence, by=org_admin, subject="Hoi", body="x")
    assert Event.objects.count() == 1


def test_the_form_tells_a_suspended_person_why(client):
    person = suspend(UserFactory.create())
    client.force_login(person)
    response = client.post(
        reverse("activities:create"),
        {
            "title": "Buurtsoep",
            "description": "Samen soep maken.",
            "type": "activity",
            "start_date": tomorrow_at(18).date().isoformat(),
            "start_time": "18:00",
            "end_time": "20:00",
            "neighbourhood": "ledeberg",
            "registration_required": "on",
        },
    )
    assert response.status_code == 400
    assert "Your account is suspended until" in response.content.decode()
    assert not Event.objects.exists()


def test_a_suspended_person_still_registers_and_reads_their_calendar(client, occurrence, citizen):
    suspend(citizen)
    registration = services.register(occurrence=occurrence, user=citizen)
    assert registration.status == "registered"
    client.force_login(citizen)
    assert client.get(reverse("activities:mine")).status_code == 200
    services.unregister(occurrence=occurrence, user=citizen)
    assert not occurrence.registrations.exists()
