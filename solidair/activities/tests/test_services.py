"""The calendar's services: announcing (validation, acting for an organisation,
occurrences), registration with capacity and waiting list, cancellation, reminders."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.activities import services
from solidair.activities.models import Event, Occurrence, Registration

from .factories import EventFactory, tomorrow_at


def data(**overrides):
    values = {
        "title": "Taalcafé Rabot",
        "description": "Elke week Nederlands oefenen bij een koffie.",
        "type": "activity",
        "starts_at": tomorrow_at(19),
        "ends_at": tomorrow_at(21),
        "neighbourhood": "rabot-blaisantvest",
        "address": "Opgeëistenlaan 455",
    }
    values.update(overrides)
    return values


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# --- announcing -------------------------------------------------------------------------------


def test_a_citizen_announces_a_weekly_event_and_its_dates_exist(citizen):
    event = services.create_event(
        author=citizen,
        data=data(recurrence="FREQ=WEEKLY;COUNT=5", exdates=["2000-01-01"], languages=["nl", "ar"]),
    )
    assert event.recurrence == "FREQ=WEEKLY;COUNT=5"
    assert event.occurrences.count() == 5
    assert sorted(lang.code for lang in event.languages.all()) == ["ar", "nl"]
    days = list(event.occurrences.values_list("day", flat=True))
    assert days[1] - days[0] == timedelta(days=7)


def test_an_organisation_member_announces_on_its_behalf(organisation, org_member, stranger):
    event = services.create_event(author=org_member, data=data(), organisation=organisation.slug)
    assert event.organisation == organisation
    with pytest.raises(ValidationError) as caught:
        services.create_event(author=stranger, data=data(), organisation=organisation.slug)
    assert "organisation" in errors_of(caught)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": tomorrow_at(18)}, "ends_at"),
        ({"ends_at": tomorrow_at(19)}, "ends_at"),
        (
            {
                "starts_at": timezone.now() - timedelta(days=2),
                "ends_at": timezone.now() - timedelta(days=1),
            },
            "starts_at",
        ),
        ({"recurrence": "FREQ=WEEKLY"}, "recurrence"),
        ({"recurrence": "FREQ=WEEKLY;UNTIL=20000101"}, "recurrence"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -3}, "capacity"),
        ({"price": "-1"}, "price"),
        ({"title": "  "}, "title"),
        ({"type": "party"}, "type"),
        ({"neighbourhood": "", "online_url": ""}, "neighbourhood"),
        ({"neighbourhood": "atlantis"}, "neighbourhood"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"languages": ["xx"]}, "languages"),
        ({"accessibility": ["teleport"]}, "accessibility"),
        ({"starts_at": "tomorrow"}, "starts_at"),
        (
            {"starts_at": "9999-12-31T10:00:00+01:00", "ends_at": "9999-12-31T12:00:00+01:00"},
            "starts_at",
        ),
        ({"ends_at": "9999-12-31T12:00:00+01:00"}, "ends_at"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(citizen, overrides, field):
    with pytest.raises(ValidationError) as caught:
        services.create_event(author=citizen, data=data(**overrides))
    assert field in errors_of(caught)
    assert not Event.objects.exists()
    assert not Occurrence.objects.exists()


def test_an_online_event_needs_no_neighbourhood(citizen):
    event = services.create_event(
        author=citizen, data=data(neighbourhood="", online_url="https://meet.example.org/abc")
    )
    assert event.neighbourhood is None
    assert event.is_online


def test_an_all_day_event_spans_whole_local_days(citizen):
    day = timezone.localdate() + timedelta(days=3)
    event = services.create_event(
        author=citizen,
        data=data(
            all_day=True,
            starts_at=timezone.make_aware(datetime.combine(day, datetime.min.time())),
            ends_at=timezone.make_aware(
                datetime.combine(day + timedelta(days=1), datetime.min.time())
            ),
        ),
    )
    occurrence = event.occurrences.get()
    assert timezone.localtime(occurrence.starts_at).hour == 0
    assert occurrence.ends_at - occurrence.starts_at == timedelta(days=1)
    assert occurrence.last_day == day


def test_only_the_organisers_edit(training, org_admin, org_second_admin, org_member, stranger):
    services.update_event(
        event=training, by=org_second_admin, data=data(title="Nieuwe titel", capacity=2)
    )
    for person in (org_member, stranger):
        with pytest.raises(PermissionDenied):
            services.update_event(event=training, by=person, data=data())


def test_changing_the_time_keeps_the_registrations_and_removing_a_date_cancels_it(
    citizen, volunteer
):
    event = services.create_event(author=citizen, data=data(recurrence="FREQ=WEEKLY;COUNT=3"))
    first, second, third = event.occurrences.order_by("starts_at")
    services.register(occurrence=first, user=volunteer)
    services.register(occurrence=third, user=volunteer)
    mail.outbox.clear()
    services.update_event(
        event=event,
        by=citizen,
        data=data(
            starts_at=tomorrow_at(18),
            ends_at=tomorrow_at(20),
            recurrence="FREQ=WEEKLY;COUNT=3",
            exdates=[second.day.isoformat(), third.day.isoformat()],
        ),
    )
    first.refresh_from_db()
    assert timezone.localtime(first.starts_at).hour == 18
    assert first.registrations.count() == 1
    # The second date had nobody: gone. The third had someone: cancelled, and they are told.
    assert not Occurrence.objects.filter(pk=second.pk).exists()
    third.refresh_from_db()
    assert third.cancelled_at is not None
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    assert "Cancelled" in mail.outbox[0].subject


# --- registration -----------------------------------------------------------------------------


def test_registration_fills_the_places_then_the_waiting_list(occurrence):
    people = UserFactory.create_batch(3)
    statuses = [services.register(occurrence=occurrence, user=p).status for p in people]
    assert statuses == ["registered", "registered", "waitlisted"]
    # Registering twice changes nothing.
    assert services.register(occurrence=occurrence, user=people[0]).status == "registered"
    assert occurrence.registrations.count() == 3


def test_a_freed_place_goes_to_the_first_person_waiting_who_is_emailed(occurrence):
    ann, bob, cas, dirk = UserFactory.create_batch(4)
    for person in (ann, bob, cas, dirk):
        services.register(occurrence=occurrence, user=person)
    mail.outbox.clear()
    promoted = services.unregister(occurrence=occurrence, user=ann)
    assert [r.user for r in promoted] == [cas]
    assert Registration.objects.get(user=cas).status == "registered"
    assert Registration.objects.get(user=dirk).status == "waitlisted"
    assert [m.to for m in mail.outbox] == [[cas.email]]
    assert "place freed up" in mail.outbox[0].subject
    # Leaving the waiting list frees no place.
    mail.outbox.clear()
    assert services.unregister(occurrence=occurrence, user=dirk) == []
    assert mail.outbox == []


def test_raising_the_capacity_lets_people_off_the_waiting_list(training, occurrence, org_admin):
    people = UserFactory.create_batch(4)
    for person in people:
        services.register(occurrence=occurrence, user=person)
    services.update_event(event=training, by=org_admin, data=data(capacity=3))
    assert occurrence.registrations.registered().count() == 3


def test_no_registration_for_a_cancelled_started_or_open_door_event(occurrence, org_admin, citizen):
    services.cancel_occurrence(occurrence=occurrence, by=org_admin)
    with pytest.raises(ValidationError, match="cancelled"):
        services.register(occurrence=occurrence, user=citizen)
    started = EventFactory.create(
        starts_at=timezone.now() - timedelta(minutes=10)
    ).occurrences.get()
    with pytest.raises(ValidationError, match="closed"):
        services.register(occurrence=started, user=citizen)
    open_door = EventFactory.create(registration_required=False).occurrences.get()
    with pytest.raises(ValidationError, match="No registration"):
        services.register(occurrence=open_door, user=citizen)


def test_unregistering_when_not_registered_is_an_error(occurrence, citizen):
    with pytest.raises(ValidationError):
        services.unregister(occurrence=occurrence, user=citizen)


# --- organisers -------------------------------------------------------------------------------


def test_cancelling_a_date_tells_everyone_registered_or_waiting(occurrence, org_admin, citizen):
    people = UserFactory.create_batch(3)
    for person in people:
        services.register(occurrence=occurrence, user=person)
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        services.cancel_occurrence(occurrence=occurrence, by=citizen)
    services.cancel_occurrence(occurrence=occurrence, by=org_admin, reason="De lesgever is ziek.")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert "De lesgever is ziek." in mail.outbox[0].body
    occurrence.refresh_from_db()
    assert occurrence.is_cancelled
    occurrence.event.refresh_from_db()
    assert occurrence.event.sequence == 1


def test_messages_reach_the_people_registered_without_showing_addresses(occurrence, org_admin):
    ann, bob, cas = UserFactory.create_batch(3)
    for person in (ann, bob, cas):
        services.register(occurrence=occurrence, user=person)
    mail.outbox.clear()
    count = services.message_registrants(
        occurrence=occurrence, by=org_admin, subject="Praktisch", body="Breng een pen mee."
    )
    assert count == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ann.email, bob.email])
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    assert all("Breng een pen mee." in m.body for m in mail.outbox)


def test_cancelling_a_series_cancels_every_upcoming_date(citizen, volunteer):
    event = services.create_event(author=citizen, data=data(recurrence="FREQ=WEEKLY;COUNT=3"))
    services.register(occurrence=event.occurrences.order_by("starts_at").last(), user=volunteer)  # type: ignore[arg-type]
    mail.outbox.clear()
    services.cancel_event(event=event, by=citizen, reason="Geen zaal meer.")
    assert Event.objects.get(pk=event.pk).status == "cancelled"
    assert event.occurrences.filter(cancelled_at__isnull=True).count() == 0
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError):
        services.update_event(event=Event.objects.get(pk=event.pk), by=citizen, data=data())


# --- reminders --------------------------------------------------------------------------------


def test_reminders_go_once_to_people_with_a_place_the_day_before(occurrence, citizen, volunteer):
    waiting = UserFactory.create()
    services.register(occurrence=occurrence, user=citizen)
    services.register(occurrence=occurrence, user=volunteer)
    services.register(occurrence=occurrence, user=waiting)
    later = EventFactory.create(starts_at=tomorrow_at(19, days=5)).occurrences.get()
    services.register(occurrence=later, user=citizen)
    mail.outbox.clear()
    assert services.send_event_reminders() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([citizen.email, volunteer.email])
    assert all("Reminder" in m.subject for m in mail.outbox)
    # Running the job again sends nothing more.
    assert services.send_event_reminders() == 0
    assert len(mail.outbox) == 2
    # Five days later the other event's turn comes.
    assert services.send_event_reminders(now=timezone.now() + timedelta(days=4, hours=1)) == 1


def test_a_cancelled_date_gets_no_reminder(occurrence, org_admin, citizen):
    services.register(occurrence=occurrence, user=citizen)
    services.cancel_occurrence(occurrence=occurrence, by=org_admin)
    assert services.send_event_reminders() == 0


# --- private feed -----------------------------------------------------------------------------


def test_regenerating_the_feed_token_replaces_it(citizen):
    old = services.get_or_create_feed(user=citizen).token
    assert services.get_or_create_feed(user=citizen).token == old
    new = services.regenerate_feed_token(user=citizen).token
    assert new != old
    assert len(new) >= 32


def test_the_reminder_command_sends_once(occurrence, citizen):
    from io import StringIO

    from django.core.management import call_command

    services.register(occurrence=occurrence, user=citizen)
    mail.outbox.clear()
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    call_command("send_event_reminders", stdout=out)
    assert out.getvalue().split() == ["reminders=1", "reminders=0"]
    assert len(mail.outbox) == 1


def test_deleting_an_account_gives_the_place_to_the_next_person(occurrence, citizen):
    from solidair.accounts.privacy import deletion_steps, export_personal_data

    waiting = UserFactory.create_batch(2)
    services.register(occurrence=occurrence, user=citizen)
    for person in waiting:
        services.register(occurrence=occurrence, user=person)
    exported = export_personal_data(user=citizen)
    assert exported["event_registrations"][0]["status"] == "registered"
    for step in deletion_steps():
        step(citizen)
    assert Registration.objects.get(user=waiting[0]).status == "registered"
    assert not Registration.objects.filter(user=citizen).exists()


def test_an_image_is_re_encoded_and_a_non_image_refused(citizen):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1200), (200, 80, 40)).save(buffer, "PNG")
    upload = SimpleUploadedFile("affiche.png", buffer.getvalue(), content_type="image/png")
    event = services.create_event(author=citizen, data=data(image_alt="Affiche"), image=upload)
    with Image.open(event.image.path) as saved:
        assert saved.format == "JPEG"
        assert max(saved.size) == 1600
    fake = SimpleUploadedFile("virus.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        services.create_event(author=citizen, data=data(title="Tweede"), image=fake)
    assert "image" in errors_of(caught)
    assert Event.objects.count() == 1


def test_promotion_and_cancellation_also_notify_in_the_app(occurrence, org_admin):
    from solidair.notifications.models import Notification

    ann, bob, cas = UserFactory.create_batch(3)
    for person in (ann, bob, cas):
        services.register(occurrence=occurrence, user=person)
    services.unregister(occurrence=occurrence, user=ann)
    assert Notification.objects.get(user=cas).kind == "activities.promoted"
    services.cancel_occurrence(occurrence=occurrence, by=org_admin)
    assert set(
        Notification.objects.filter(kind="activities.cancelled").values_list("user", flat=True)
    ) == {bob.pk, cas.pk}


def test_the_confirmation_has_the_online_link_only_with_a_place(citizen, volunteer):
    event = EventFactory.create(online_url="https://meet.example.org/info", capacity=1)
    occurrence = event.occurrences.get()
    mail.outbox.clear()
    services.register(occurrence=occurrence, user=citizen)
    services.register(occurrence=occurrence, user=volunteer)
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert "meet.example.org/info" in by_person[citizen.email]
    assert "meet.example.org/info" not in by_person[volunteer.email]
