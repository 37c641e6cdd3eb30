"""Groups in a real browser: the journey of a closed group, and axe-core on its pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from solidair.groups.models import Group, GroupMembership, Topic
from tests.browser.axe import assert_no_axe_violations
from tests.browser.helpers import log_in, submit

pytestmark = pytest.mark.browser


def test_a_closed_group_takes_in_a_member_who_replies_and_the_admin_hears_of_it(
    page, browser, browser_context_args, live_server, org_admin, citizen
):
    # The admin starts a closed group and opens a topic.
    log_in(page, org_admin, live_server.url)
    page.goto(reverse("groups:create"))
    form = page.locator("main form:has([name=name])")
    form.locator("[name=name]").fill("Mantelzorgers Gentbrugge")
    form.locator("[name=description]").fill("Voor wie zorgt voor een ouder of partner.")
    form.locator("input[name=visibility][value=closed]").check()
    submit(form)
    group = Group.objects.get(name="Mantelzorgers Gentbrugge")
    assert group.visibility == "closed"
    assert_no_axe_violations(page)  # the group page of its owner
    page.get_by_role("link", name="Start a topic").click()
    form = page.locator("main form:has([name=title])")
    form.locator("[name=title]").fill("Respijtzorg in de zomer")
    form.locator("[name=body]").fill("Wie heeft ervaring met kortverblijf?")
    submit(form)
    topic = Topic.objects.get(group=group)

    # A second person asks to join, in their own browser.
    other = browser.new_context(**browser_context_args)
    try:
        citizen_page = other.new_page()
        log_in(citizen_page, citizen, live_server.url)
        citizen_page.goto(reverse("groups:detail", args=[group.slug]))
        expect(citizen_page.locator("main")).not_to_contain_text("Respijtzorg")
        assert_no_axe_violations(citizen_page)  # a closed group seen from outside
        citizen_page.get_by_role("link", name="Ask to join").click()
        form = citizen_page.locator("main form:has([name=motivation])")
        form.locator("[name=motivation]").fill("Ik zorg twee dagen per week voor mijn moeder.")
        submit(form)
        expect(citizen_page.locator("main")).to_contain_text("You asked to join")
        assert any(org_admin.email in m.to for m in mail.outbox)

        # The admin accepts on the members page.
        page.goto(reverse("groups:members", args=[group.slug]))
        expect(page.locator("main")).to_contain_text("twee dagen per week")
        assert_no_axe_violations(page)  # members with a pending request
        submit(
            page.locator("main form:has(button[value=accept])"),
            re.compile("^Accept", re.I),
        )
        membership = GroupMembership.objects.get(group=group, user=citizen)
        assert membership.state == "active"

        # The new member reads the topic and replies.
        citizen_page.goto(reverse("groups:topic", args=[group.slug, topic.pk]))
        form = citizen_page.locator("main form:has([name=body])")
        form.locator("[name=body]").fill("Ja! Het dagcentrum in Gentbrugge had nog plaats.")
        submit(form)
        expect(citizen_page.locator("main")).to_contain_text("dagcentrum in Gentbrugge")
        assert_no_axe_violations(citizen_page)  # a topic with a reply and the reply form
    finally:
        other.close()

    # The admin is notified: an email for the new reply and a notification in the site.
    reply_emails = [m for m in mail.outbox if org_admin.email in m.to and "reply" in m.subject]
    assert reply_emails, [m.subject for m in mail.outbox]
    assert "dagcentrum in Gentbrugge" in reply_emails[-1].body
    from solidair.notifications.models import Notification

    assert Notification.objects.filter(user=org_admin, kind="group_reply").exists()


def test_the_group_directory_and_forms_have_no_axe_violations(page, live_server, citizen):
    from solidair.groups.tests.factories import GroupFactory, ReplyFactory, TopicFactory

    group = GroupFactory.create(name="Buren van Rabot")
    GroupFactory.create(name="Mantelzorgers", visibility="closed")
    topic = TopicFactory.create(group=group, pinned=True)
    ReplyFactory.create(topic=topic)
    page.goto(reverse("groups:directory"))
    assert_no_axe_violations(page)
    # An open group and its topic, as an anonymous visitor.
    page.goto(reverse("groups:detail", args=[group.slug]))
    assert_no_axe_violations(page)
    page.goto(reverse("groups:topic", args=[group.slug, topic.pk]))
    assert_no_axe_violations(page)
    log_in(page, citizen, live_server.url)
    page.goto(reverse("groups:create"))
    submit(page.locator("main form:has([name=name])"))  # empty: errors on the fields
    assert_no_axe_violations(page)
