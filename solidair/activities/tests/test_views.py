"""The calendar's pages: browsing with filters (list, week, month), the occurrence page,
announcing and editing, registration, organisers' tools and the private feed page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.activities import services
from solidair.activities.models import CalendarFeed, Event, Registration
from solidair.core.models import Language, Neighbourhood, TargetGroup

from .factories import EventFactory, tomorrow_at

CALENDAR = reverse("activities:calendar")

pytestmark = pytest.mark.django_db


def titles(response: Any) -> str:
    return str(response.content.decode())


# --- browsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["list", "week", "month"])
def test_every_view_shows_the_events_and_announces_the_feed(client, view):
    EventFactory.create(title="Taalcafé in de Brugse Poort")
    response = client.get(CALENDAR, {"view": view} if view != "list" else {})
    assert response.status_code == 200
    html = titles(response)
    assert "Taalcafé in de Brugse Poort" in html
    assert '<link rel="alternate" type="text/calendar"' in html
    assert reverse("activities:feed") in html


def test_filters_narrow_the_list(client, organisation):
    dutch = Language.objects.get(code="nl")
    refugees = TargetGroup.objects.get(slug="refugees")
    EventFactory.create(
        title="Vorming vrijwilligers", type="training", organisation=organisation, price="5.00"
    )
    EventFactory.create(
        title="Repair Café Ledeberg",
        neighbourhood=Neighbourhood.objects.get(slug="ledeberg"),
        languages=[dutch],
        target_groups=[refugees],
    )
    EventFactory.create(title="Later dan later", starts_at=tomorrow_at(10, days=40))

    def shown(**params):
        html = titles(client.get(CALENDAR, params))
        return {
            t
            for t in ("Vorming vrijwilligers", "Repair Café Ledeberg", "Later dan later")
            if t in html
        }

    assert shown(type="training") == {"Vorming vrijwilligers"}
    assert shown(neighbourhood="ledeberg") == {"Repair Café Ledeberg"}
    assert shown(language="nl", target_group="refugees") == {"Repair Café Ledeberg"}
    assert shown(organisation=organisation.slug) == {"Vorming vrijwilligers"}
    assert shown(free="on") == {"Repair Café Ledeberg", "Later dan later"}
    assert shown(q="repair") == {"Repair Café Ledeberg"}
    day = timezone.localdate() + timedelta(days=40)
    assert shown(date_from=day.isoformat(), date_to=day.isoformat()) == {"Later dan later"}


def test_bad_filter_values_show_an_error_not_a_500(client):
    response = client.get(
        CALENDAR, {"date_from": "gisteren", "neighbourhood": "atlantis", "view": "year"}
    )
    assert response.status_code == 200
    response = client.get(CALENDAR, {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert response.status_code == 200
    assert "on or after the start date" in titles(response)


@pytest.mark.parametrize(
    "params",
    [
        {"view": "month", "date": "9999-12-31"},
        {"view": "week", "date": "0001-01-01"},
        {"date_from": "9999-12-31"},
        {"date_to": "9999-12-31"},
        {"page": "abc"},
        {"page": "99999"},
    ],
)
def test_extreme_values_never_cause_a_500(client, params):
    assert client.get(CALENDAR, params).status_code == 200


def test_empty_parameters_are_dropped_from_the_shareable_url(client):
    response = client.get(CALENDAR, {"q": "", "type": "training", "neighbourhood": ""})
    assert response.status_code == 302
    assert response["Location"] == f"{CALENDAR}?type=training"


def test_htmx_gets_the_results_fragment(client):
    EventFactory.create(title="Fragmentje")
    response = client.get(CALENDAR, headers={"HX-Request": "true"})
    html = titles(response)
    assert "Fragmentje" in html
    assert "<html" not in html


def test_the_month_grid_moves_by_month(client):
    response = client.get(CALENDAR, {"view": "month", "date": "2026-03-15"})
    html = titles(response)
    assert "March 2026" in html
    assert "date=2026-04-01" in html
    assert "date=2026-02-01" in html


@pytest.mark.parametrize("view", ["list", "week", "month"])
def test_bounded_queries_whatever_the_number_of_events(client, view, organisation, citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = CALENDAR + ("" if view == "list" else f"?view={view}")
    client.force_login(citizen)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    EventFactory.create(organisation=organisation)
    few = count()
    for i in range(30):
        EventFactory.create(
            organisation=organisation if i % 2 else None,
            starts_at=tomorrow_at(8 + i % 12, days=1 + i % 6),
            capacity=5,
            recurrence="FREQ=WEEKLY;COUNT=3",
            languages=[Language.objects.get(code="nl")],
        )
    assert count() == few
    assert few <= 15  # session, user, header badges, then the calendar's own few


# --- the occurrence page -------------------------------------------------------------------------


def test_the_online_link_shows_only_to_people_with_a_place_and_organisers(
    client, training, occurrence, org_admin, citizen, volunteer
):
    training.online_url = "https://meet.example.org/vorming"
    training.save()
    other, waiting = UserFactory.create_batch(2)
    services.register(occurrence=occurrence, user=citizen)
    services.register(occurrence=occurrence, user=other)
    services.register(occurrence=occurrence, user=waiting)
    url = occurrence.get_absolute_url()
    assert "meet.example.org" not in titles(client.get(url))
    for person, sees in ((volunteer, False), (waiting, False), (citizen, True), (org_admin, True)):
        client.force_login(person)
        assert ("meet.example.org/vorming" in titles(client.get(url))) is sees, person


def test_register_and_unregister_from_the_page(client, occurrence, citizen):
    client.force_login(citizen)
    response = client.post(reverse("activities:register", args=[occurrence.pk]), follow=True)
    assert "You are registered" in titles(response)
    assert Registration.objects.filter(user=citizen, status="registered").exists()
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    response = client.post(reverse("activities:unregister", args=[occurrence.pk]), follow=True)
    assert "no longer registered" in titles(response)
    assert not Registration.objects.exists()


def test_a_full_date_offers_the_waiting_list(client, occurrence):
    for person in UserFactory.create_batch(2):
        services.register(occurrence=occurrence, user=person)
    late = UserFactory.create()
    client.force_login(late)
    assert "Join the waiting list" in titles(client.get(occurrence.get_absolute_url()))
    response = client.post(reverse("activities:register", args=[occurrence.pk]), follow=True)
    assert "waiting list (number 1)" in titles(response)


def test_registration_needs_a_login_and_a_post(client, occurrence):
    url = reverse("activities:register", args=[occurrence.pk])
    assert client.post(url)["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory.create())
    assert client.get(url).status_code == 405


def test_registering_for_a_cancelled_date_shows_why(client, occurrence, org_admin, citizen):
    services.cancel_occurrence(occurrence=occurrence, by=org_admin)
    client.force_login(citizen)
    response = client.post(reverse("activities:register", args=[occurrence.pk]), follow=True)
    assert "This date is cancelled." in titles(response)
    assert not Registration.objects.exists()


def test_the_event_page_shows_the_next_date_of_a_series(client):
    event = EventFactory.create(recurrence="FREQ=WEEKLY;COUNT=3")
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = titles(response)
    assert "Next dates" in html
    for occurrence in event.occurrences.all()[1:]:
        assert occurrence.get_absolute_url() in html


# --- announcing --------------------------------------------------------------------------------


def form_data(**overrides):
    day = timezone.localdate() + timedelta(days=5)
    values = {
        "type": "training",
        "title": "Vorming: eerste hulp bij armoede",
        "description": "Een **vorming** voor vrijwilligers.",
        "start_date": day.isoformat(),
        "start_time": "19:00",
        "end_time": "21:30",
        "neighbourhood": "dampoort",
        "address": "Dampoortstraat 1",
        "capacity": "12",
        "registration_required": "on",
        "languages": ["nl"],
        "accessibility": ["wheelchair"],
    }
    values.update(overrides)
    return values


def test_announcing_an_event_with_the_form(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("activities:create")).status_code == 200
    response = client.post(
        reverse("activities:create"),
        form_data(
            repeat="monthly-weekday",
            repeat_until=(timezone.localdate() + timedelta(days=100)).isoformat(),
        ),
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.type == "training"
    assert event.capacity == 12
    assert event.author == citizen
    assert event.recurrence.startswith("FREQ=MONTHLY;")
    assert ";BYDAY=" in event.recurrence
    assert timezone.localtime(event.starts_at).hour == 19
    assert event.occurrences.count() >= 3


def test_announcing_on_behalf_of_an_organisation(client, org_admin, organisation):
    client.force_login(org_admin)
    client.post(reverse("activities:create"), form_data(organisation=organisation.slug))
    assert Event.objects.get().organisation == organisation


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_time": "18:00"}, "The end must be after the start."),
        ({"capacity": "0"}, "greater than or equal to 1"),
        ({"start_date": "2020-01-01"}, "cannot start in the past"),
        ({"repeat": "weekly"}, "Give the last date of the series."),
        ({"neighbourhood": ""}, "or give an online link"),
        ({"start_time": ""}, "Give a start time"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(client, citizen, overrides, message):
    client.force_login(citizen)
    response = client.post(reverse("activities:create"), form_data(**overrides))
    assert response.status_code == 400
    assert message in titles(response)
    assert not Event.objects.exists()


def test_an_unverified_person_confirms_their_email_first(client):
    client.force_login(UserFactory.create(verified=False))
    assert client.get(reverse("activities:create"))["Location"] == reverse("account_email")


def test_only_organisers_edit(client, training, org_admin, org_member, stranger):
    url = reverse("activities:edit", args=[training.pk])
    for person in (org_member, stranger):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, form_data()).status_code == 403
    client.force_login(org_admin)
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(title="Nieuwe titel"))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.title == "Nieuwe titel"


# --- organisers -------------------------------------------------------------------------------


def test_organisers_list_export_and_message_the_people(client, occurrence, org_admin, stranger):
    ann = UserFactory.create(profile__display_name="=HYPERLINK(evil)")
    bob, cas = UserFactory.create_batch(2)
    for person in (ann, bob, cas):
        services.register(occurrence=occurrence, user=person)
    for name in ("people", "people_csv", "message"):
        client.force_login(stranger)
        assert client.get(reverse(f"activities:{name}", args=[occurrence.pk])).status_code == 403
    client.force_login(org_admin)
    html = titles(client.get(reverse("activities:people", args=[occurrence.pk])))
    assert bob.display_name in html
    assert "Waiting list" in html
    assert ann.email not in html
    response = client.get(reverse("activities:people_csv", args=[occurrence.pk]))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(evil)" in body
    assert bob.email not in body
    assert body.count("Registered") >= 2
    assert "On the waiting list" in body
    mail.outbox.clear()
    response = client.post(
        reverse("activities:message", args=[occurrence.pk]),
        {"subject": "Lokaal gewijzigd", "body": "We zitten in zaal 2."},
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ann.email, bob.email])


def test_organisers_cancel_a_date(client, occurrence, org_admin, citizen):
    services.register(occurrence=occurrence, user=citizen)
    mail.outbox.clear()
    url = reverse("activities:cancel_occurrence", args=[occurrence.pk])
    client.force_login(citizen)
    assert client.post(url).status_code == 403
    client.force_login(org_admin)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Te weinig lesgevers."}, follow=True)
    assert "This date is cancelled" in titles(response)
    assert [m.to for m in mail.outbox] == [[citizen.email]]


# --- my calendar and the private feed ---------------------------------------------------------


def test_my_calendar_lists_my_dates_and_my_private_feed(client, occurrence, citizen):
    services.register(occurrence=occurrence, user=citizen)
    client.force_login(citizen)
    html = titles(client.get(reverse("activities:mine")))
    token = CalendarFeed.objects.get(user=citizen).token
    assert occurrence.event.title in html
    assert reverse("activities:private_feed", args=[token]) in html
    client.post(reverse("activities:regenerate_feed"))
    assert CalendarFeed.objects.get(user=citizen).token != token


def test_the_profile_page_links_to_the_private_feed(client, citizen):
    client.force_login(citizen)
    assert reverse("activities:mine") in titles(client.get(reverse("accounts:profile")))
