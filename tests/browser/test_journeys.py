"""The journeys people make through the site, in a real browser."""

from __future__ import annotations

import re
from typing import cast

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from solidair.accounts.models import User
from solidair.accounts.tests.factories import UserFactory
from solidair.organisations.models import Membership, Organisation
from tests.browser.helpers import (
    link_in_last_email_to,
    log_in,
    log_in_with_form,
    submit,
)

pytestmark = pytest.mark.browser

PASSWORD = "Zonnebloem-Gent-2026!"


def test_a_newcomer_signs_up_founds_an_organisation_and_brings_in_a_member(
    page, browser, browser_context_args, live_server
):
    # Sign up.
    page.goto(reverse("account_signup"))
    form = page.locator("form:has(input[name=password1])")
    form.locator("input[name=email]").fill("amina@example.org")
    form.locator("input[name=display_name]").fill("Amina")
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    submit(form)

    # Verify the address with the link from the email.
    confirm_link = link_in_last_email_to("amina@example.org", "/accounts/confirm-email/")
    page.goto(confirm_link)
    submit(page.locator("main form[method=post]").first)

    # Log in on another device with the new password.
    page.context.clear_cookies()
    log_in_with_form(page, "amina@example.org", PASSWORD)
    expect(page.locator("input[name=password]")).to_have_count(0)

    # Found an organisation.
    page.goto(reverse("organisations:create"))
    form = page.locator("main form:has([name=name])")
    form.locator("[name=name]").fill("Huiswerkklas Rabot")
    form.locator("[name=description]").fill("We help children with their homework.")
    submit(form)
    organisation = Organisation.objects.get(name="Huiswerkklas Rabot")
    assert organisation.memberships.get().user.email == "amina@example.org"
    assert organisation.memberships.get().role == Membership.Role.OWNER

    # Invite a member by email.
    members_url = reverse("organisations:members", args=[organisation.slug])
    page.goto(members_url)
    form = page.locator("main form:has(input[name=email])")
    form.locator("input[name=email]").fill("bram@example.org")
    submit(form)
    invitation_link = link_in_last_email_to("bram@example.org", "/organisations/invitations/")

    # Bram, who has an account already, accepts in his own browser.
    bram = cast(User, UserFactory(email="bram@example.org", profile__display_name="Bram"))
    bram_context = browser.new_context(**browser_context_args)
    try:
        bram_page = bram_context.new_page()
        log_in(bram_page, bram, live_server.url)
        bram_page.goto(invitation_link)
        submit(bram_page.locator("main form:has(button)").first, re.compile("accept", re.I))
    finally:
        bram_context.close()

    assert organisation.memberships.filter(user=bram, role=Membership.Role.MEMBER).exists()
    page.goto(members_url)
    expect(page.locator("main")).to_contain_text("Bram")
    # The members page shows names, never the addresses.
    expect(page.locator("main")).not_to_contain_text("bram@example.org")


def test_choosing_arabic_turns_the_page_right_to_left(page):
    page.goto(reverse("core:home"))
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.locator("select[name=language]").select_option("ar")
    # The script submits the switcher on change; without it the (then visible) button does.
    button = page.locator("form:has(select[name=language]) button[type=submit]")
    if button.is_visible():
        with page.expect_navigation():
            button.click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")

    # The choice sticks on the next page.
    page.goto(reverse("organisations:directory"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
