"""HTML and script injection: whatever people type into any text field comes back on every
page as text, never as markup that runs.

Each case stores the same hostile payload in the text fields of one kind of content, then
fetches every page that shows it, as the people who can see it, and checks that no
executable markup survived: no <script> or <style> element with the payload, no
event-handler attribute on a real tag (also none broken out of an attribute by a quote), no
javascript: link, no <iframe> smuggled in through Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '<script>alert("xss")</script> <img src=x onerror="alert(1)"> '
    "[klik](javascript:alert(1)) <iframe src=//evil.example></iframe> "
    '<a href="#" onclick="alert(2)">a</a> <svg onload=alert(3)> <style>*{display:none}</style>'
)
SHORT = '<script>alert("x")</script>"><b onmouseover=alert(1)>'


class _Scanner(HTMLParser):
    """Walks the real elements of a page (escaped text stays text) and notes any that the
    payload managed to create."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.append(tag)
        if tag == "iframe":
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and "alert" in value:
                self.found.append(f"{name}= on <{tag}>")
            if name in {"href", "src", "action"} and value.startswith("javascript:"):
                self.found.append(f"{name}=javascript: on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        current = self._open[-1] if self._open else ""
        if current == "script" and "alert" in data:
            self.found.append("<script> with the payload")
        if current == "style" and "display:none" in data:
            self.found.append("<style> with the payload")


def executable_markup(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def assert_inert(html: str, where: str) -> None:
    found = executable_markup(html)
    assert not found, f"{where}: executable markup survived: {found}"


@dataclass
class Case:
    name: str
    # Stores the payload; returns [(url, persona)] of the pages that show it.
    build: Callable[[dict[str, Any]], list[tuple[str, str]]]


def _profile(users: dict[str, Any]) -> list[tuple[str, str]]:
    from solidair.accounts.models import Profile

    Profile.objects.filter(user=users["citizen"]).update(
        display_name=SHORT[:60], bio=PAYLOAD, skills=SHORT
    )
    from solidair.exchange.tests.factories import PostFactory

    post = PostFactory.create(author=users["citizen"])
    return [
        (reverse("accounts:person", args=[users["citizen"].pk]), "anonymous"),
        (reverse("accounts:profile"), "citizen"),
        (post.get_absolute_url(), "anonymous"),
        (reverse("exchange:list"), "stranger"),
    ]


def _organisation(users: dict[str, Any]) -> list[tuple[str, str]]:
    from solidair.organisations.tests.factories import OrganisationFactory

    organisation = OrganisationFactory.create(name=SHORT[:100], description=PAYLOAD, verified=True)
    return [
        (reverse("organisations:detail", args=[organisation.slug]), "anonymous"),
        (reverse("organisations:directory"), "anonymous"),
        (reverse("organisations:directory") + "?q=script", "citizen"),
    ]


def _post(users: dict[str, Any]) -> list[tuple[str, str]]:
    from solidair.exchange.tests.factories import (
        MessageFactory,
        PostFactory,
        ResponseFactory,
    )

    post = PostFactory.create(
        author=users["citizen"], title=SHORT[:120], body=PAYLOAD, skills=SHORT
    )
    response = ResponseFactory.create(post=post, responder=users["stranger"], message=PAYLOAD)
    MessageFactory.create(
        conversation=response.conversation, sender=users["stranger"], body=PAYLOAD
    )
    conversation = reverse("exchange:conversation", args=[response.conversation.pk])
    return [
        (post.get_absolute_url(), "anonymous"),
        (post.get_absolute_url(), "citizen"),
        (reverse("exchange:list"), "anonymous"),
        (reverse("exchange:list") + "?q=script", "stranger"),
        (reverse("core:home"), "anonymous"),
        (reverse("exchange:dashboard"), "citizen"),
        (reverse("exchange:inbox"), "citizen"),
        (conversation, "citizen"),
        (conversation, "stranger"),
    ]


def _reported(users: dict[str, Any]) -> list[tuple[str, str]]:
    """What moderators read: the reported text, the reporter's remark, the person's name, and
    the decision's remark in the audit log."""
    from solidair.accounts.models import Profile
    from solidair.exchange.tests.factories import PostFactory
    from solidair.moderation import services

    Profile.objects.filter(user=users["citizen"]).update(display_name=SHORT[:60], bio=PAYLOAD)
    post = PostFactory.create(author=users["citizen"], title=SHORT[:120], body=PAYLOAD)
    report = services.report_content(
        reporter=users["stranger"], kind="post", pk=post.pk, reason="other", remark=PAYLOAD
    )
    services.act_on_person(
        moderator=users["moderator"], user=users["citizen"], sanction="warn", remark=PAYLOAD
    )
    return [
        (reverse("moderation:report", args=["post", post.pk]), "stranger"),
        (reverse("moderation:queue"), "moderator"),
        (reverse("moderation:report_detail", args=[report.pk]), "moderator"),
        (reverse("moderation:person", args=[users["citizen"].pk]), "moderator"),
        (reverse("moderation:log"), "moderator"),
        (reverse("notifications:list"), "citizen"),
    ]


CASES = [
    Case("profile", _profile),
    Case("organisation", _organisation),
    Case("post, response and message", _post),
    Case("reports and moderation", _reported),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_page_lets_stored_markup_run(case: Case, citizen, stranger, moderator) -> None:
    users = {"citizen": citizen, "stranger": stranger, "moderator": moderator}
    pages = case.build(users)
    clients: dict[str, Client] = {}
    for url, persona in pages:
        if persona not in clients:
            clients[persona] = Client(headers={"accept-language": "en"})
            if persona != "anonymous":
                clients[persona].force_login(users[persona])
        response = clients[persona].get(url)
        assert response.status_code == 200, f"{url} as {persona}: {response.status_code}"
        assert_inert(response.content.decode(), f"{url} as {persona}")


def test_the_scanner_catches_raw_markup_and_passes_escaped_text() -> None:
    # The scanner must recognise the payload when it is NOT escaped, or the test above
    # proves nothing; and it must not mistake escaped text (in an attribute) for markup.
    found = executable_markup(f"<div>{PAYLOAD}</div><p>{SHORT}</p>")
    assert "<script> with the payload" in found
    assert "onerror= on <img>" in found
    assert "onclick= on <a>" in found
    assert "<iframe> element" in found
    assert "<style> with the payload" in found
    assert "onload= on <svg>" in found
    assert "onmouseover= on <b>" in found
    assert executable_markup(f'<meta content="{escape(PAYLOAD)}"><p>{escape(SHORT)}</p>') == []
