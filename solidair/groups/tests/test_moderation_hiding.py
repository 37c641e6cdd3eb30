"""What the moderators hid in groups. A hidden topic or reply is seen by its author and the
moderators only (also not by the other members); a hidden group is gone for everyone but
its owner and administrators (with its content) and the moderators (its page): for its
members too, with its topics and its "only for this group" events. Emails and digests
leave hidden things out. Suspended people start, edit and write nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.activities.querysets import upcoming_occurrences
from solidair.activities.tests.factories import EventFactory
from solidair.groups import services
from solidair.groups.models import Group, GroupMembership, Reply, Topic
from solidair.moderation import services as moderation
from solidair.moderation.registry import get_kind

from .factories import ReplyFactory, TopicFactory, member

pytestmark = pytest.mark.django_db

NOTICE = "Hidden by the moderators"


def hide(obj):
    type(obj).objects.filter(pk=obj.pk).update(hidden_at=timezone.now())
    obj.refresh_from_db()
    return obj


def suspend(user):
    user.suspended_until = timezone.now() + timedelta(days=3)
    user.save(update_fields=["suspended_until"])
    return user


def topic_url(topic: Topic) -> str:
    return reverse("groups:topic", args=[topic.group.slug, topic.pk])


def api_topics(group: Group) -> str:
    return f"/api/v1/groups/{group.slug}/topics"


def api_replies(topic: Topic) -> str:
    return f"/api/v1/groups/{topic.group.slug}/topics/{topic.pk}/replies"


@pytest.fixture
def writer(open_group):
    """An ordinary member of the open group."""
    person = UserFactory.create(profile__display_name="Schrijver")
    member(open_group, person)
    return person


@pytest.fixture
def neighbour(open_group):
    """Another ordinary member of the open group."""
    person = UserFactory.create(profile__display_name="Buurvrouw")
    member(open_group, person)
    return person


@pytest.fixture
def hidden_topic(open_group, writer):
    topic = TopicFactory.create(
        group=open_group, author=writer, title="Koop goedkope SPAMPILLEN", body="Klik hier."
    )
    return hide(topic)


@pytest.fixture
def topic(open_group, org_admin):
    return TopicFactory.create(
        group=open_group, author=org_admin, title="Opruimactie zaterdag", body="Wie helpt?"
    )


@pytest.fixture
def hidden_reply(topic, writer):
    reply = ReplyFactory.create(topic=topic, author=writer, body="Beledigend SCHELDWOORD")
    Topic.objects.filter(pk=topic.pk).update(reply_count=1)
    return hide(reply)


# --- topics -----------------------------------------------------------------------------------


def test_a_hidden_topic_is_gone_for_everyone_but_its_author_and_the_moderators(
    client, open_group, hidden_topic, stranger, neighbour, org_admin
):
    for person in (None, stranger, neighbour, org_admin):
        if person is not None:
            client.force_login(person)
        for url in (
            reverse("groups:detail", args=[open_group.slug]),
            reverse("groups:detail", args=[open_group.slug]) + "?q=spampillen",
        ):
            assert "SPAMPILLEN" not in client.get(url).content.decode(), (person, url)
        assert client.get(topic_url(hidden_topic)).status_code == 404
        assert client.get(api_topics(open_group)).json()["items"] == []
        assert client.get(api_replies(hidden_topic)).status_code == 404
    assert not Topic.objects.visible_to(neighbour).exists()


@pytest.mark.parametrize("persona", ["writer", "moderator"])
def test_its_author_and_the_moderators_see_a_hidden_topic_with_the_notice(
    request, client, open_group, hidden_topic, persona
):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(topic_url(hidden_topic))
    assert page.status_code == 200
    assert NOTICE in page.content.decode()
    assert (
        "SPAMPILLEN"
        in client.get(reverse("groups:detail", args=[open_group.slug])).content.decode()
    )
    assert [t["id"] for t in client.get(api_topics(open_group)).json()["items"]] == [
        hidden_topic.pk
    ]


# --- replies ----------------------------------------------------------------------------------


def test_a_hidden_reply_disappears_from_its_topic_for_others(
    client, topic, hidden_reply, stranger, neighbour, org_admin, open_group
):
    for person in (None, stranger, neighbour, org_admin):
        if person is not None:
            client.force_login(person)
        page = client.get(topic_url(topic))
        assert page.status_code == 200
        assert "SCHELDWOORD" not in page.content.decode()
        assert "0 replies" in page.content.decode()
        assert client.get(api_replies(topic)).json()["items"] == []
        search = reverse("groups:detail", args=[open_group.slug]) + "?q=scheldwoord"
        assert "Opruimactie" not in client.get(search).content.decode()
        edit = reverse("groups:reply_edit", args=[open_group.slug, topic.pk, hidden_reply.pk])
        assert client.get(edit).status_code in (302, 404)


@pytest.mark.parametrize("persona", ["writer", "moderator"])
def test_its_author_and_the_moderators_see_a_hidden_reply_with_the_notice(
    request, client, topic, hidden_reply, persona
):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(topic_url(topic)).content.decode()
    assert "SCHELDWOORD" in page
    assert NOTICE in page
    assert [r["id"] for r in client.get(api_replies(topic)).json()["items"]] == [hidden_reply.pk]


def test_a_hidden_reply_is_not_counted_in_its_topic(
    topic, writer, citizen, moderator, django_capture_on_commit_callbacks
):
    reply = services.reply_to_topic(topic=topic, author=writer, body="Grof GELUID")
    topic.refresh_from_db()
    assert topic.reply_count == 1
    report = moderation.report_content(
        reporter=UserFactory.create(), kind="reply", pk=reply.pk, reason="discrimination"
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation.decide_report(
            moderator=moderator,
            report=report,
            decision=moderation.Decision(content="hide", remark="Grof."),
        )
    topic.refresh_from_db()
    assert topic.reply_count == 0
    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_content(moderator=moderator, kind="reply", pk=reply.pk, remark="Ok.")
    topic.refresh_from_db()
    assert topic.reply_count == 1
    hide(reply)
    Topic.objects.filter(pk=topic.pk).update(reply_count=0)
    services.delete_reply(reply=Reply.objects.get(pk=reply.pk), by=writer)
    topic.refresh_from_db()
    assert topic.reply_count == 0


# --- groups -----------------------------------------------------------------------------------


@pytest.fixture
def hidden_group(closed_group, secret_topic):
    return hide(closed_group)


def test_a_hidden_group_is_gone_for_everyone_but_its_admins_and_the_moderators(
    client, hidden_group, secret_topic, stranger, volunteer
):
    event = EventFactory.create(author=volunteer, group=hidden_group, title="Uitstap GEHEIM")
    assert upcoming_occurrences(volunteer) == []
    assert list(Group.objects.postable_by(volunteer)) == []
    for person in (None, stranger, volunteer):
        if person is not None:
            client.force_login(person)
        for url in (
            reverse("groups:directory"),
            reverse("groups:directory") + "?q=mantelzorgers",
        ):
            assert "Mantelzorgers Gentbrugge" not in client.get(url).content.decode()
        for url in (
            reverse("groups:detail", args=[hidden_group.slug]),
            reverse("groups:members", args=[hidden_group.slug]),
            topic_url(secret_topic),
            f"/api/v1/groups/{hidden_group.slug}",
            f"/api/v1/groups/{hidden_group.slug}/members",
            api_topics(hidden_group),
            api_replies(secret_topic),
        ):
            assert client.get(url).status_code in (302, 404), (person, url)
        assert client.get("/api/v1/groups").json()["items"] == []
        assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(volunteer)
    assert "Mantelzorgers Gentbrugge" not in client.get(reverse("groups:mine")).content.decode()


def test_a_member_of_a_hidden_group_writes_nothing_in_it(hidden_group, volunteer, secret_topic):
    with pytest.raises(PermissionDenied):
        services.create_topic(group=hidden_group, author=volunteer, title="Hallo", body="Hoi")
    with pytest.raises(PermissionDenied):
        services.reply_to_topic(topic=secret_topic, author=volunteer, body="Hoi")


def test_the_owner_still_sees_the_hidden_group_and_its_topics(
    client, hidden_group, secret_topic, org_admin
):
    client.force_login(org_admin)
    page = client.get(reverse("groups:detail", args=[hidden_group.slug])).content.decode()
    assert NOTICE in page
    assert "Geheimschrift ZWAVELZUUR" in page
    assert client.get(topic_url(secret_topic)).status_code == 200
    assert "Mantelzorgers Gentbrugge" in client.get(reverse("groups:mine")).content.decode()
    assert client.get(f"/api/v1/groups/{hidden_group.slug}").status_code == 200


def test_a_moderator_sees_the_hidden_groups_page_not_its_closed_discussions(
    client, hidden_group, secret_topic, moderator
):
    client.force_login(moderator)
    page = client.get(reverse("groups:detail", args=[hidden_group.slug]))
    assert page.status_code == 200
    assert NOTICE in page.content.decode()
    assert "ZWAVELZUUR" not in page.content.decode()
    assert client.get(topic_url(secret_topic)).status_code == 404


# --- emails ---------------------------------------------------------------------------------


def test_no_email_goes_out_about_hidden_messages(open_group, topic, writer, neighbour):
    reply = ReplyFactory.create(topic=topic, author=writer, body="Hallo")
    hide(reply)
    mail.outbox.clear()
    assert services.send_message_notifications(topic_id=topic.pk, reply_id=reply.pk) == 0
    hide(topic)
    assert services.send_message_notifications(topic_id=topic.pk, reply_id=None) == 0
    assert mail.outbox == []


def test_an_email_queued_before_the_hiding_is_dropped(
    open_group, topic, writer, neighbour, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        reply = services.reply_to_topic(topic=topic, author=writer, body="Later verborgen")
    hide(reply)
    mail.outbox.clear()
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_members_of_a_hidden_group_hear_nothing_more_of_it(
    hidden_group, org_admin, volunteer, django_capture_on_commit_callbacks
):
    GroupMembership.objects.filter(group=hidden_group).update(notify="every")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.create_topic(group=hidden_group, author=org_admin, title="Nieuw", body="x")
    assert {address for message in mail.outbox for address in message.to} == set()
    GroupMembership.objects.filter(user=volunteer).update(
        notify="daily", digested_until=timezone.now() - timedelta(days=1)
    )
    assert services.send_group_digests() == 0


def test_the_digest_leaves_hidden_topics_and_replies_out(open_group, topic, writer, neighbour):
    GroupMembership.objects.filter(user=neighbour).update(
        notify="daily", digested_until=timezone.now() - timedelta(days=1)
    )
    hidden = hide(TopicFactory.create(group=open_group, author=writer, title="Verborgen ONDERWERP"))
    Topic.objects.filter(pk=hidden.pk).update(last_activity_at=timezone.now())
    hide(ReplyFactory.create(topic=topic, author=writer, body="Verborgen antwoord"))
    Topic.objects.filter(pk=topic.pk).update(last_activity_at=timezone.now())
    mail.outbox.clear()
    services.send_group_digests()
    bodies = " ".join(str(message.body) for message in mail.outbox)
    assert "Opruimactie zaterdag" in bodies
    assert "ONDERWERP" not in bodies
    assert "new reply" not in bodies


# --- the registry's descriptions --------------------------------------------------------------


def test_the_kinds_describe_groups_topics_and_replies(
    open_group, org_admin, topic, hidden_reply, writer
):
    group = get_kind("group")
    assert group is not None
    assert group.author(open_group) == org_admin
    assert group.describe(open_group) == "Buren van Rabot"
    assert group.url(open_group) == reverse("groups:detail", args=[open_group.slug])
    kind = get_kind("topic")
    assert kind is not None
    assert (kind.author(topic), kind.describe(topic), kind.excerpt(topic)) == (
        org_admin,
        "Opruimactie zaterdag",
        "Wie helpt?",
    )
    assert kind.url(topic) == topic_url(topic)
    reply = get_kind("reply")
    assert reply is not None
    assert reply.author(hidden_reply) == writer
    assert reply.excerpt(hidden_reply) == "Beledigend SCHELDWOORD"
    assert reply.url(hidden_reply) == f"{topic_url(topic)}?page=1#reply-{hidden_reply.pk}"


def test_a_group_without_owner_answers_through_its_creator(citizen):
    from .factories import GroupFactory

    group = GroupFactory.create(created_by=citizen)
    kind = get_kind("group")
    assert kind is not None
    assert kind.author(group) == citizen


def test_nobody_reports_what_they_cannot_see(
    secret_topic, secret_reply, closed_group, stranger, volunteer, moderator, org_admin
):
    topic, reply, group = get_kind("topic"), get_kind("reply"), get_kind("group")
    assert topic is not None
    assert reply is not None
    assert group is not None
    # A closed group's discussions: only for its members.
    assert topic.can_see(volunteer, secret_topic)
    assert reply.can_see(volunteer, secret_reply)
    assert not topic.can_see(stranger, secret_topic)
    assert not reply.can_see(stranger, secret_reply)
    assert group.can_see(stranger, closed_group)  # its page is public
    for kind, pk in (("topic", secret_topic.pk), ("reply", secret_reply.pk)):
        with pytest.raises(PermissionDenied):
            moderation.report_content(reporter=stranger, kind=kind, pk=pk, reason="spam")
    # Hidden things: their author (and the group's admins for a group) only.
    hide(secret_reply)
    assert not reply.can_see(volunteer, secret_reply)
    assert reply.can_see(org_admin, secret_reply)
    hide(secret_topic)
    assert not topic.can_see(org_admin, secret_topic)
    assert topic.can_see(volunteer, secret_topic)
    hide(closed_group)
    assert not group.can_see(volunteer, closed_group)
    assert not group.can_see(stranger, closed_group)
    assert group.can_see(org_admin, closed_group)
    assert group.can_see(moderator, closed_group)
    assert not topic.can_see(volunteer, secret_topic)


def test_report_links_are_for_signed_in_people_other_than_the_author(
    client, open_group, topic, writer, neighbour, org_admin
):
    reply = ReplyFactory.create(topic=topic, author=writer, body="Ik kom")
    links = {
        reverse("moderation:report", args=["group", open_group.pk]),
        reverse("moderation:report", args=["topic", topic.pk]),
        reverse("moderation:report", args=["reply", reply.pk]),
    }

    def shown() -> set[str]:
        html = client.get(reverse("groups:detail", args=[open_group.slug])).content.decode()
        html += client.get(topic_url(topic)).content.decode()
        return {link for link in links if link in html}

    assert shown() == set()  # anonymous
    client.force_login(neighbour)
    assert shown() == links
    client.force_login(writer)
    assert shown() == links - {reverse("moderation:report", args=["reply", reply.pk])}
    client.force_login(org_admin)  # owns the group and wrote the topic
    assert shown() == {reverse("moderation:report", args=["reply", reply.pk])}


# --- suspended people ------------------------------------------------------------------------


def test_a_suspended_person_starts_edits_and_writes_nothing(open_group, topic, org_admin, writer):
    reply = ReplyFactory.create(topic=topic, author=writer, body="Eerst")
    own_topic = TopicFactory.create(group=open_group, author=writer)
    suspend(writer)
    suspend(org_admin)
    calls = [
        lambda: services.create_group(
            creator=writer, data={"name": "Nieuw", "description": "x", "visibility": "open"}
        ),
        lambda: services.update_group(group=open_group, by=org_admin, data={"name": "Anders"}),
        lambda: services.create_topic(group=open_group, author=writer, title="T", body="B"),
        lambda: services.reply_to_topic(topic=topic, author=writer, body="B"),
        lambda: services.edit_topic(topic=own_topic, by=writer, title="T", body="B"),
        lambda: services.edit_reply(reply=reply, by=writer, body="B"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied, match="suspended"):
            call()
    open_group.refresh_from_db()
    reply.refresh_from_db()
    assert (open_group.name, reply.body, Group.objects.count()) == ("Buren van Rabot", "Eerst", 1)


def test_the_pages_tell_a_suspended_person_why(client, open_group, topic, writer):
    suspend(writer)
    client.force_login(writer)
    for url, data in (
        (reverse("groups:topic_create", args=[open_group.slug]), {"title": "T", "body": "B"}),
        (topic_url(topic), {"body": "B"}),
        (
            reverse("groups:create"),
            {"name": "Nieuw", "description": "Samen", "visibility": "open"},
        ),
    ):
        response = client.post(url, data)
        assert response.status_code in (200, 400), url
        assert "Your account is suspended until" in response.content.decode(), url
    assert Topic.objects.count() == 1
    assert not Reply.objects.exists()
    assert Group.objects.count() == 1
