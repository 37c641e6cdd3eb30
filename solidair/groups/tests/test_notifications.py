"""Who hears of new topics and replies, how (every message, daily digest, off), @mentions,
the per-group unsubscribe link, and emails in the recipient's language."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.groups import services
from solidair.groups.models import GroupMembership
from solidair.groups.services.notify import unsubscribe_token
from solidair.notifications.models import Notification

from .factories import GroupFactory, TopicFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Messages are announced when the transaction commits: run those callbacks."""

    def run(func, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(**kwargs)

    return run


def html_of(message) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    return str(message.alternatives[0][0])


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_members_who_want_every_message_get_an_email_and_the_author_none(
    closed_group, org_admin, volunteer, run_tasks
):
    daily = member(closed_group, UserFactory.create())
    daily.notify = "daily"
    daily.save()
    off = member(closed_group, UserFactory.create())
    off.notify = "off"
    off.save()
    run_tasks(
        services.create_topic, group=closed_group, author=volunteer, title="Uitstap", body="Wie?"
    )
    assert recipients() == {org_admin.email}
    message = mail.outbox[0]
    assert message.subject == "New topic in Mantelzorgers Gentbrugge: “Uitstap”"
    assert "Stop emails from this group" in html_of(message)
    assert "/groups/unsubscribe/" in message.body


def test_a_reply_tells_the_topic_author_in_app_without_the_topics_content(
    closed_group, org_admin, volunteer, run_tasks
):
    topic = TopicFactory.create(group=closed_group, author=org_admin, title="Geheime titel")
    run_tasks(services.reply_to_topic, topic=topic, author=volunteer, body="Ik doe mee")
    notification = Notification.objects.get(user=org_admin)
    assert notification.kind == "group_reply"
    assert "Mantelzorgers Gentbrugge" in notification.title
    assert "Geheime titel" not in notification.title + notification.body
    assert notification.url.startswith(f"/groups/{closed_group.slug}/topics/{topic.pk}/")
    assert mail.outbox[0].subject == "New reply in “Geheime titel” (Mantelzorgers Gentbrugge)"


def test_a_mention_notifies_the_member_even_with_the_daily_digest(
    closed_group, org_admin, volunteer, run_tasks
):
    mentioned = member(closed_group, UserFactory.create(profile__display_name="An De Smet"))
    mentioned.notify = "daily"
    mentioned.save()
    outsider = UserFactory.create(profile__display_name="Bert")
    GroupMembership.objects.filter(user=org_admin).update(notify="off")
    run_tasks(
        services.create_topic,
        group=closed_group,
        author=volunteer,
        title="Vraag",
        body="Kan @An De Smet helpen? En @Bert? En mail@an",
    )
    assert recipients() == {mentioned.user.email}
    assert mail.outbox[0].subject == "Jan Vrijwilliger mentioned you in “Vraag”"
    assert Notification.objects.filter(user=mentioned.user, kind="group_mention").count() == 1
    assert not Notification.objects.filter(user=outsider).exists()


def test_mentions_are_matched_on_whole_names():
    group = GroupFactory.create()
    an = member(group, UserFactory.create(profile__display_name="An")).user
    anna = member(group, UserFactory.create(profile__display_name="Anna")).user
    assert services.mentioned_members(group=group, text="Dag @Anna!") == [anna]
    assert services.mentioned_members(group=group, text="(@an) kom je?") == [an]
    assert services.mentioned_members(group=group, text="e-mail: x@an.be") == []


def test_the_daily_digest_collects_news_once(closed_group, org_admin, volunteer, run_tasks):
    digest = GroupMembership.objects.get(group=closed_group, user=volunteer)
    digest.notify = "daily"
    digest.digested_until = timezone.now() - timedelta(days=1)
    digest.save()
    GroupMembership.objects.filter(user=org_admin).update(notify="off")
    topic = run_tasks(
        services.create_topic, group=closed_group, author=org_admin, title="Agenda", body="Mei"
    )
    run_tasks(services.reply_to_topic, topic=topic, author=org_admin, body="Aanvulling")
    run_tasks(services.reply_to_topic, topic=topic, author=volunteer, body="Eigen bericht")
    assert not mail.outbox
    out = StringIO()
    call_command("send_group_digests", stdout=out)
    assert out.getvalue().strip() == "digests=1"
    assert recipients() == {volunteer.email}
    body = mail.outbox[0].body
    assert "Agenda" in body
    assert "1 new reply" in body  # the volunteer's own reply does not count
    assert mail.outbox[0].subject == "News from 1 group"
    mail.outbox.clear()
    assert services.send_group_digests() == 0  # nothing twice
    assert not mail.outbox


def test_the_digest_skips_content_from_before_joining(closed_group, org_admin, citizen):
    TopicFactory.create(group=closed_group, author=org_admin, title="Oud nieuws")
    newcomer = services.accept_invitation(
        invitation=services.invite(group=closed_group, by=org_admin, email=citizen.email),
        user=citizen,
    )
    assert newcomer.notify == "daily"
    mail.outbox.clear()
    assert services.send_group_digests() == 0


def test_the_unsubscribe_link_turns_this_groups_emails_off_without_login(
    closed_group, volunteer, open_group
):
    membership = GroupMembership.objects.get(group=closed_group, user=volunteer)
    other = member(open_group, volunteer)
    url = f"/groups/unsubscribe/{unsubscribe_token(membership)}/"
    client = Client(headers={"accept-language": "en"})
    page = client.get(url)
    assert page.status_code == 200
    membership.refresh_from_db()
    assert membership.notify == "every"  # a GET (a mail scanner) changes nothing
    client.post(url)
    membership.refresh_from_db()
    other.refresh_from_db()
    assert (membership.notify, other.notify) == ("off", "every")
    assert client.get("/groups/unsubscribe/forged-token/").status_code == 404


def test_people_who_unsubscribed_from_everything_get_no_group_emails(
    closed_group, org_admin, volunteer, run_tasks
):
    from solidair.accounts.services import unsubscribe_by_token

    unsubscribe_by_token(token=org_admin.profile.unsubscribe_token)
    run_tasks(services.create_topic, group=closed_group, author=volunteer, title="X", body="Y")
    assert not mail.outbox


def test_emails_are_in_the_recipients_language(closed_group, org_admin, volunteer, run_tasks):
    org_admin.profile.preferred_language = "nl"
    org_admin.profile.save()
    run_tasks(
        services.create_topic, group=closed_group, author=volunteer, title="Uitstap", body="Wie?"
    )
    assert mail.outbox[0].to == [org_admin.email]
    # Rendered under the recipient's language (the group strings' Dutch arrives with the
    # translations merge; the page's language attribute tells already).
    assert 'lang="nl"' in html_of(mail.outbox[0])


def test_a_deleted_topic_is_never_announced(closed_group, volunteer, org_admin):
    from solidair.groups.tasks import send_message_notifications_task

    topic = TopicFactory.create(group=closed_group, author=volunteer)
    topic_id = topic.pk
    topic.delete()
    send_message_notifications_task.enqueue(topic_id=topic_id, reply_id=None)
    assert not mail.outbox
