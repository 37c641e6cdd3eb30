"""Small steps the browser tests share. Selectors use form field names and English button
text: both stay stable while templates and translations change."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from solidair.accounts.tests.factories import TEST_PASSWORD

LINK_RE = re.compile(r"https?://[^\s\"'<>]+")


def log_in(page: Any, user: Any, base_url: str) -> None:
    """Log `user` in without the login form (for tests about something else): a session
    made by Django's test client, handed to the browser as its cookie."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
    )


def log_in_with_form(page: Any, email: str, password: str = TEST_PASSWORD) -> None:
    page.goto(reverse("account_login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    submit(form)


def submit(form: Any, name: str | re.Pattern[str] | None = None) -> None:
    """Click the form's submit button (the one named `name` if given) and wait for the
    page that answers."""
    if name is None:
        button = form.locator("button[type=submit], input[type=submit]").first
    else:
        button = form.get_by_role("button", name=name)
    page = form.page
    with page.expect_navigation():
        button.click()


def emails_to(address: str) -> list[Any]:
    return [m for m in mail.outbox if address in m.to]


def link_in_last_email_to(address: str, path_contains: str) -> str:
    """The first link containing `path_contains` in the newest email sent to `address`."""
    messages = emails_to(address)
    assert messages, f"no email was sent to {address}; outbox: {[m.to for m in mail.outbox]}"
    body = str(messages[-1].body)
    for link in LINK_RE.findall(body):
        if path_contains in link:
            return str(link).rstrip(".,)")
    raise AssertionError(f"no link with {path_contains!r} in the email:\n{body}")
