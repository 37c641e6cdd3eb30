"""The calendar in a real browser: an organisation announces a training with 2 places, two
people register, a third lands on the waiting list, one unregisters and the third is
promoted and emailed; axe-core on the calendar views, the event page and the forms."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from solidair.accounts.tests.factories import UserFactory
from solidair.activities import services
from solidair.activities.models import Event, Registration
from solidair.activities.tests.factories import EventFactory
from tests.browser.axe import assert_no_axe_violations
from tests.browser.helpers import emails_to, log_in, submit

pytestmark = pytest.mark.browser


def switch_to(page, user, live_server) -> None:
    page.context.clear_cookies()
    log_in(page, user, live_server.url)


def test_a_training_fills_up_and_the_waiting_list_moves_up(
    page, live_server, org_admin, organisation
):
    ann = UserFactory.create(profile__display_name="Ann")
    bram = UserFactory.create(profile__display_name="Bram")
    chloe = UserFactory.create(profile__display_name="Chloé")

    # Els announces a training for Buurtwerk Rabot with 2 places.
    log_in(page, org_admin, live_server.url)
    page.goto(reverse("activities:create"))
    form = page.locator("form.form--wide")
    form.locator("[name=organisation]").select_option(organisation.slug)
    form.locator("[name=type]").select_option("training")
    form.locator("[name=title]").fill("Vorming: eerste hulp bij armoede")
    form.locator("[name=description]").fill("Een **vorming** voor vrijwilligers.")
    day = timezone.localdate() + timedelta(days=7)
    form.locator("[name=start_date]").fill(day.isoformat())
    form.locator("[name=start_time]").fill("19:00")
    form.locator("[name=end_time]").fill("21:30")
    form.locator("[name=neighbourhood]").select_option("rabot-blaisantvest")
    form.locator("[name=capacity]").fill("2")
    submit(form, "Publish in the calendar")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorming: eerste hulp bij armoede")
    event = Event.objects.get()
    assert event.organisation == organisation
    assert event.capacity == 2
    occurrence_url = event.occurrences.get().get_absolute_url()
    assert_no_axe_violations(page)  # the page as its organiser sees it

    # Ann and Bram take the two places.
    for person in (ann, bram):
        switch_to(page, person, live_server)
        page.goto(occurrence_url)
        submit(page.locator("#registration form"), "Register")
        expect(page.get_by_text("You are registered.").first).to_be_visible()

    # Chloé finds it full and joins the waiting list.
    switch_to(page, chloe, live_server)
    page.goto(occurrence_url)
    expect(page.get_by_text("0 of 2 places left")).to_be_visible()
    submit(page.locator("#registration form"), "Join the waiting list")
    expect(page.get_by_text("You are on the waiting list (number 1)")).to_be_visible()
    assert_no_axe_violations(page)

    # Ann cannot come after all: her place goes to Chloé, who gets an email.
    switch_to(page, ann, live_server)
    page.goto(occurrence_url)
    submit(page.locator("#registration form"), "Unregister")
    expect(page.get_by_text("You are no longer registered.")).to_be_visible()
    assert Registration.objects.get(user=chloe).status == "registered"
    promoted = [m for m in emails_to(chloe.email) if "place freed up" in m.subject]
    assert len(promoted) == 1
    assert occurrence_url in promoted[0].body

    switch_to(page, chloe, live_server)
    page.goto(occurrence_url)
    expect(page.get_by_text("You are registered.").first).to_be_visible()

    # The organiser sees the two people now registered.
    switch_to(page, org_admin, live_server)
    page.goto(reverse("activities:people", args=[event.occurrences.get().pk]))
    expect(page.locator("table")).to_contain_text("Bram")
    expect(page.locator("table")).to_contain_text("Chloé")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("view", ["list", "week", "month"])
def test_calendar_views_have_no_axe_violations(page, view, organisation):
    EventFactory.create(title="Taalcafé", recurrence="FREQ=DAILY;COUNT=8", capacity=3)
    EventFactory.create(title="Infosessie", type="info-session", organisation=organisation)
    query = "" if view == "list" else f"?view={view}"
    response = page.goto(reverse("activities:calendar") + query)
    assert response is not None
    assert response.ok
    assert_no_axe_violations(page)


def test_the_form_with_errors_and_my_calendar_have_no_axe_violations(page, live_server, citizen):
    log_in(page, citizen, live_server.url)
    page.goto(reverse("activities:create"))
    submit(page.locator("form.form--wide"), "Publish in the calendar")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    occurrence = EventFactory.create(title="Digipunt").occurrences.get()
    services.register(occurrence=occurrence, user=citizen)
    page.goto(reverse("activities:mine"))
    assert_no_axe_violations(page)


def test_live_filtering_updates_the_results_and_the_url(page, db):
    EventFactory.create(title="Repair Café Ledeberg")
    EventFactory.create(title="Taalcafé Rabot")
    page.goto(reverse("activities:calendar"))
    page.locator("input[name=q]").fill("repair")
    expect(page.locator("#results")).not_to_contain_text("Taalcafé Rabot")
    expect(page.locator("#results")).to_contain_text("Repair Café Ledeberg")
    expect(page).to_have_url(re.compile(r"q=repair"))
