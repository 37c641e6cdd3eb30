"""Reporting, the moderators' decisions, sanctions and the audit log, through the services
and the pages."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.tests.factories import TEST_PASSWORD, UserFactory
from solidair.exchange import services as exchange
from solidair.exchange.models import Message, Post
from solidair.exchange.tests.conftest import post_data
from solidair.moderation import services
from solidair.moderation.models import AuditEntry, Report
from solidair.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(citizen):
    return exchange.create_post(author=citizen, data=post_data(title="Gratis tafel"))


@pytest.fixture
def conversation(offer, volunteer):
    return exchange.respond_to_post(
        post=offer, responder=volunteer, message="Ik kan de tafel komen halen."
    ).conversation


def _report(reporter, kind, pk, reason="scam", remark=""):
    return services.report_content(
        reporter=reporter, kind=kind, pk=pk, reason=reason, remark=remark
    )


# --- reporting --------------------------------------------------------------------------------


def test_a_report_is_stored_once_while_open(offer, stranger):
    report = _report(stranger, "post", offer.pk, remark="Vraagt geld")
    again = _report(stranger, "post", offer.pk, reason="spam")
    assert report == again
    stored = Report.objects.get()
    assert (stored.target_user, stored.reporter, stored.reason) == (offer.author, stranger, "scam")
    assert stored.is_open


def test_reports_need_a_valid_reason_and_a_known_target(offer, stranger):
    with pytest.raises(ValidationError):
        _report(stranger, "post", offer.pk, reason="boring")
    with pytest.raises(PermissionDenied):
        _report(stranger, "spaceship", offer.pk)
    with pytest.raises(PermissionDenied):
        _report(stranger, "post", offer.pk + 1000)
    with pytest.raises(ValidationError):
        _report(stranger, "post", offer.pk, remark="x" * 1001)
    assert not Report.objects.exists()


def test_nobody_reports_their_own_content(offer, citizen):
    with pytest.raises(ValidationError):
        _report(citizen, "post", offer.pk)
    with pytest.raises(ValidationError):
        _report(citizen, "person", citizen.pk)


def test_only_participants_report_a_message(conversation, stranger, citizen):
    message = conversation.messages.get()
    with pytest.raises(PermissionDenied):
        _report(stranger, "message", message.pk)
    report = _report(citizen, "message", message.pk, reason="spam")
    assert report.target_id == message.pk
    assert report.target_user == message.sender


def test_a_closed_group_post_cannot_be_reported_by_an_outsider(citizen, stranger):
    from solidair.groups.tests.factories import GroupFactory, GroupMembershipFactory

    group = GroupFactory(visibility="closed")
    GroupMembershipFactory(group=group, user=citizen, role="owner")
    post = exchange.create_post(author=citizen, data=post_data(), group=group)
    with pytest.raises(PermissionDenied):
        _report(stranger, "post", post.pk)


def test_the_report_page_stores_a_report_and_goes_back(client, offer, stranger):
    client.force_login(stranger)
    url = reverse("moderation:report", args=["post", offer.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Gratis tafel" in page.content.decode()
    response = client.post(url, {"reason": "scam", "remark": "Vraagt geld"})
    assert response.status_code == 302
    assert response["Location"] == offer.get_absolute_url()
    assert Report.objects.get().remark == "Vraagt geld"


def test_the_report_page_refuses_bad_input_and_unknown_targets(client, offer, stranger):
    client.force_login(stranger)
    url = reverse("moderation:report", args=["post", offer.pk])
    assert client.post(url, {"reason": "boos"}).status_code == 400
    assert client.get(reverse("moderation:report", args=["post", 999999])).status_code == 404
    assert client.get(reverse("moderation:report", args=["nonsense", offer.pk])).status_code == 404
    assert not Report.objects.exists()


def test_anonymous_visitors_sign_in_to_report(client, offer):
    response = client.get(reverse("moderation:report", args=["post", offer.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_report_link_is_on_a_post_but_not_for_its_author(client, offer, stranger, citizen):
    link = reverse("moderation:report", args=["post", offer.pk])
    client.force_login(stranger)
    assert link in client.get(offer.get_absolute_url()).content.decode()
    client.force_login(citizen)
    assert link not in client.get(offer.get_absolute_url()).content.decode()


# --- decisions --------------------------------------------------------------------------------


def test_hiding_a_post_takes_it_out_of_every_public_channel(
    client, offer, stranger, moderator, citizen
):
    report = _report(stranger, "post", offer.pk)
    services.decide_report(
        moderator=moderator,
        report=report,
        decision=services.Decision(content="hide", remark="Oplichting"),
    )
    offer.refresh_from_db()
    assert offer.hidden_at is not None
    assert not Post.objects.public().filter(pk=offer.pk).exists()
    assert not Post.objects.listed_for(stranger).filter(pk=offer.pk).exists()
    assert client.get(offer.get_absolute_url()).status_code == 404
    assert "Gratis tafel" not in client.get(reverse("exchange:list")).content.decode()
    api = client.get("/api/v1/posts")
    assert all(item["id"] != offer.pk for item in api.json()["items"])
    assert client.get(f"/api/v1/posts/{offer.pk}").status_code == 404
    # The author still sees it, with the notice; nobody can respond to it.
    client.force_login(citizen)
    page = client.get(offer.get_absolute_url())
    assert page.status_code == 200
    assert "Hidden by the moderators" in page.content.decode()
    with pytest.raises(ValidationError):
        exchange.respond_to_post(post=offer, responder=stranger, message="Hallo")


def test_a_decision_closes_every_open_report_and_tells_everyone(
    offer, stranger, volunteer, moderator, citizen
):
    first = _report(stranger, "post", offer.pk)
    second = _report(volunteer, "post", offer.pk, reason="spam")
    mail.outbox.clear()
    closed = services.decide_report(
        moderator=moderator,
        report=first,
        decision=services.Decision(content="hide", sanction="warn", remark="Geen verkoop hier"),
    )
    assert {r.pk for r in closed} == {first.pk, second.pk}
    for report in (first, second):
        report.refresh_from_db()
        assert report.status == Report.Status.RESOLVED
        assert report.closed_by == moderator
        assert report.closing_remark == "Geen verkoop hier"
    recipients = {m.to[0] for m in mail.outbox}
    assert {stranger.email, volunteer.email, citizen.email} <= recipients
    warning = next(m for m in mail.outbox if m.subject.endswith("A warning from the moderators"))
    assert "Geen verkoop hier" in warning.body
    assert Notification.objects.filter(user=citizen, kind="moderation.warned").exists()
    assert Notification.objects.filter(user=citizen, kind="moderation.hidden").exists()
    assert Notification.objects.filter(user=stranger, kind="moderation.report_closed").exists()
    # The reporter is not told what happened to the author, only that action was taken.
    to_reporter = next(m for m in mail.outbox if m.to == [stranger.email])
    assert "Geen verkoop hier" not in to_reporter.body
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["hidden", "warned", "report-resolved", "report-resolved"]


def test_outcome_emails_are_in_the_recipients_language(offer, stranger, moderator):
    stranger.profile.preferred_language = "nl"
    stranger.profile.save()
    report = _report(stranger, "post", offer.pk)
    mail.outbox.clear()
    services.decide_report(
        moderator=moderator, report=report, decision=services.Decision(remark="Niets aan de hand")
    )
    report.refresh_from_db()
    assert report.status == Report.Status.DISMISSED
    to_reporter = next(m for m in mail.outbox if m.to == [stranger.email])
    assert "Bedankt voor je melding" in to_reporter.body
    assert getattr(to_reporter, "alternatives", None)  # a plain-text and an HTML part


def test_a_decision_needs_a_remark_and_a_moderator(offer, stranger, moderator, editor):
    report = _report(stranger, "post", offer.pk)
    with pytest.raises(ValidationError):
        services.decide_report(
            moderator=moderator, report=report, decision=services.Decision(content="hide")
        )
    with pytest.raises(PermissionDenied):
        services.decide_report(
            moderator=editor, report=report, decision=services.Decision(remark="ok")
        )
    offer.refresh_from_db()
    assert offer.hidden_at is None
    assert not AuditEntry.objects.exists()


def test_a_closed_report_cannot_be_decided_again(offer, stranger, moderator):
    report = _report(stranger, "post", offer.pk)
    services.decide_report(
        moderator=moderator, report=report, decision=services.Decision(remark="Niets aan de hand")
    )
    with pytest.raises(ValidationError):
        services.decide_report(
            moderator=moderator,
            report=report,
            decision=services.Decision(content="hide", remark="Toch wel"),
        )


def test_restoring_shows_hidden_content_again(client, offer, stranger, moderator):
    report = _report(stranger, "post", offer.pk)
    services.decide_report(
        moderator=moderator, report=report, decision=services.Decision(content="hide", remark="x")
    )
    services.restore_content(moderator=moderator, kind="post", pk=offer.pk, remark="Vergissing")
    offer.refresh_from_db()
    assert offer.hidden_at is None
    assert client.get(offer.get_absolute_url()).status_code == 200
    assert AuditEntry.objects.filter(action="restored", remark="Vergissing").exists()


# --- sanctions --------------------------------------------------------------------------------


def test_a_suspended_person_reads_but_cannot_write(client, offer, stranger, moderator):
    services.act_on_person(
        moderator=moderator, user=stranger, sanction="suspend", days=3, remark="Te opdringerig"
    )
    stranger.refresh_from_db()
    assert stranger.is_suspended
    assert stranger.suspended_until > timezone.now() + timedelta(days=2)
    with pytest.raises(PermissionDenied):
        exchange.create_post(author=stranger, data=post_data())
    with pytest.raises(PermissionDenied):
        exchange.respond_to_post(post=offer, responder=stranger, message="Hallo")
    client.force_login(stranger)
    page = client.get(offer.get_absolute_url())
    assert page.status_code == 200
    assert "Your account is suspended until" in page.content.decode()
    response = client.post(reverse("exchange:respond", args=[offer.pk]), {"message": "Hallo"})
    assert response.status_code in (302, 403)
    assert not offer.responses.exists()
    services.lift_sanction(moderator=moderator, user=stranger, remark="Gepraat, ok")
    stranger.refresh_from_db()
    assert not stranger.is_suspended
    exchange.respond_to_post(post=offer, responder=stranger, message="Hallo")


def test_a_suspension_ends_by_itself(offer, stranger, moderator):
    services.act_on_person(
        moderator=moderator, user=stranger, sanction="suspend", days=1, remark="Even pauze"
    )
    type(stranger).objects.filter(pk=stranger.pk).update(
        suspended_until=timezone.now() - timedelta(minutes=1)
    )
    stranger.refresh_from_db()
    exchange.respond_to_post(post=offer, responder=stranger, message="Ik ben er weer")


def test_a_banned_person_is_signed_out_and_cannot_sign_in(client, stranger, moderator):
    client.force_login(stranger)
    assert client.get(reverse("accounts:profile")).status_code == 200
    mail.outbox.clear()
    services.act_on_person(moderator=moderator, user=stranger, sanction="ban", remark="Oplichter")
    # The session no longer counts: the next page asks to sign in.
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert not client.login(email=stranger.email, password=TEST_PASSWORD)
    assert [m.to for m in mail.outbox] == [[stranger.email]]
    assert "Oplichter" in mail.outbox[0].body
    services.lift_sanction(moderator=moderator, user=stranger, remark="Beroep aanvaard")
    stranger.refresh_from_db()
    assert stranger.is_active
    assert stranger.banned_at is None


def test_a_banned_persons_api_token_stops_working(client, stranger, moderator):
    from solidair.accounts.tokens import create_api_token

    _, raw = create_api_token(user=stranger, name="test")
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    services.act_on_person(moderator=moderator, user=stranger, sanction="ban", remark="Spam")
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_sanctions_are_checked(stranger, moderator):
    with pytest.raises(ValidationError):
        services.act_on_person(moderator=moderator, user=stranger, sanction="suspend", remark="x")
    with pytest.raises(ValidationError):
        services.act_on_person(
            moderator=moderator, user=stranger, sanction="suspend", days=400, remark="x"
        )
    with pytest.raises(ValidationError):
        services.act_on_person(moderator=moderator, user=stranger, sanction="ban", remark=" ")
    with pytest.raises(ValidationError):
        services.act_on_person(moderator=moderator, user=moderator, sanction="warn", remark="x")
    other_moderator = UserFactory.create(moderator=True)
    with pytest.raises(ValidationError):
        services.act_on_person(
            moderator=moderator, user=other_moderator, sanction="ban", remark="x"
        )
    stranger.refresh_from_db()
    assert stranger.is_active
    assert not stranger.is_suspended
    assert not AuditEntry.objects.exists()


# --- the audit log ----------------------------------------------------------------------------


def test_the_audit_log_is_append_only(offer, stranger, moderator):
    services.act_on_person(moderator=moderator, user=stranger, sanction="warn", remark="Let op")
    entry = AuditEntry.objects.get()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().update(remark="anders")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    if connection.vendor == "postgresql":
        from django.db import DatabaseError

        entry.remark = "anders"
        with pytest.raises(DatabaseError), transaction.atomic():
            entry.save()
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM moderation_auditentry")
    assert AuditEntry.objects.get().remark == "Let op"


def test_the_audit_log_page_and_export(client, stranger, moderator):
    services.act_on_person(
        moderator=moderator, user=stranger, sanction="warn", remark='=HYPERLINK("x")'
    )
    services.act_on_person(
        moderator=moderator, user=stranger, sanction="suspend", days=2, remark="Herhaald"
    )
    client.force_login(moderator)
    page = client.get(reverse("moderation:log"), {"action": "suspended"})
    assert page.status_code == 200
    assert "Herhaald" in page.content.decode()
    export = client.get(reverse("moderation:log_export"))
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0][:3] == ["when", "moderator", "action"]
    assert {row[2] for row in rows[1:]} == {"warned", "suspended"}
    # A remark that looks like a formula is neutralised for spreadsheets.
    assert any(row[6].startswith("'=") for row in rows[1:])


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("moderation:queue", []),
        ("moderation:log", []),
        ("moderation:log_export", []),
    ],
)
def test_moderation_pages_are_for_moderators_only(client, stranger, editor, name, args):
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302
    for person in (stranger, editor):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_a_moderator_works_the_queue(client, offer, stranger, moderator, citizen):
    report = _report(stranger, "post", offer.pk, remark="Vraagt voorschot")
    client.force_login(moderator)
    queue = client.get(reverse("moderation:queue"))
    assert queue.status_code == 200
    assert "Gratis tafel" in queue.content.decode()
    detail = client.get(reverse("moderation:report_detail", args=[report.pk]))
    body = detail.content.decode()
    assert "Vraagt voorschot" in body
    assert offer.body[:10] in body
    # A decision without a remark is refused and changes nothing.
    url = reverse("moderation:decide", args=[report.pk])
    assert client.post(url, {"content": "hide", "sanction": ""}).status_code == 400
    offer.refresh_from_db()
    assert offer.hidden_at is None
    response = client.post(
        url, {"content": "hide", "sanction": "suspend", "days": "5", "remark": "Oplichting"}
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    citizen.refresh_from_db()
    assert offer.hidden_at is not None
    assert citizen.is_suspended
    assert client.get(reverse("moderation:queue")).content.decode().count("Gratis tafel") == 0
    closed = client.get(reverse("moderation:queue"), {"status": "resolved"})
    assert "Gratis tafel" in closed.content.decode()


def test_the_queue_runs_a_bounded_number_of_queries(
    client, moderator, citizen, django_assert_max_num_queries
):
    reporters = UserFactory.create_batch(3)
    for number in range(12):
        post = Post.objects.create(
            author=citizen,
            kind="offer",
            nature="goods",
            category_id=1,
            neighbourhood_id=1,
            title=f"Post {number}",
            body="tekst",
            status="open",
            published_at=timezone.now(),
        )
        for reporter in reporters:
            _report(reporter, "post", post.pk)
    client.force_login(moderator)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("moderation:queue")).status_code == 200


def test_the_person_page_acts_and_lifts(client, stranger, moderator):
    client.force_login(moderator)
    url = reverse("moderation:person_act", args=[stranger.pk])
    assert client.post(url, {"sanction": "suspend", "remark": "x"}).status_code == 400
    assert (
        client.post(url, {"sanction": "suspend", "days": "2", "remark": "Rustig"}).status_code
        == 302
    )
    stranger.refresh_from_db()
    assert stranger.is_suspended
    page = client.get(reverse("moderation:person", args=[stranger.pk]))
    assert "Rustig" in page.content.decode()
    assert client.post(url, {"lift": "1", "remark": "Opgelost"}).status_code == 302
    stranger.refresh_from_db()
    assert not stranger.is_suspended


# --- messages held for review -----------------------------------------------------------------


def test_a_link_heavy_message_waits_for_a_moderator(conversation, citizen, volunteer, moderator):
    mail.outbox.clear()
    body = "Kijk op https://a.example/x en https://b.example/y en www.c.example en d.example/z"
    message = exchange.send_message(conversation=conversation, sender=volunteer, body=body)
    message.refresh_from_db()
    assert message.hidden_at is not None
    assert message.held_reason == "links"
    assert mail.outbox == []
    # The other side does not see it, the sender does.
    assert (
        not Message.objects.in_conversation(conversation).readable_by(citizen).filter(pk=message.pk)
    )
    assert (
        Message.objects.in_conversation(conversation).readable_by(volunteer).filter(pk=message.pk)
    )
    report = Report.objects.get()
    assert report.is_automatic
    assert report.target_user == volunteer
    assert AuditEntry.objects.get().action == "held"
    # The moderator lets it through: it is delivered, with its email.
    services.decide_report(
        moderator=moderator,
        report=report,
        decision=services.Decision(content="restore", remark="Echte links naar de gemeente"),
    )
    message.refresh_from_db()
    assert message.hidden_at is None
    assert message.held_reason == ""
    assert Message.objects.in_conversation(conversation).readable_by(citizen).filter(pk=message.pk)
    assert [m.to for m in mail.outbox] == [[citizen.email]]


def test_the_same_text_to_many_people_is_held(citizen, volunteer):
    text = "Stuur me je bankgegevens en ik betaal je meteen voor je spullen."
    posts = [
        exchange.create_post(author=citizen, data=post_data(title=f"Tafel {n}")) for n in range(3)
    ]
    other = UserFactory.create()
    posts.append(exchange.create_post(author=other, data=post_data(title="Stoel")))
    held = []
    for post in posts:
        response = exchange.respond_to_post(post=post, responder=volunteer, message=text)
        held.append(response.conversation.messages.get().held_reason)
    assert held == ["", "", "", "repeated"]


def test_a_held_response_does_not_reach_the_poster(client, offer, citizen, stranger):
    body = "Zie http://x.example/a http://x.example/b http://x.example/c http://x.example/d"
    response = exchange.respond_to_post(post=offer, responder=stranger, message=body)
    from solidair.exchange.models import Conversation

    assert not Conversation.objects.for_participant(citizen).filter(pk=response.conversation_id)
    assert Conversation.objects.for_participant(stranger).filter(pk=response.conversation_id)


# --- new accounts -----------------------------------------------------------------------------


def test_new_accounts_publish_a_few_posts_a_day(settings, citizen):
    settings.RATELIMIT_ENABLE = True
    settings.NEW_ACCOUNT_POSTS_PER_DAY = 2
    newcomer = UserFactory.create()
    for _ in range(2):
        exchange.create_post(author=newcomer, data=post_data())
    with pytest.raises(ValidationError, match="2 posts a day"):
        exchange.create_post(author=newcomer, data=post_data())
    assert Post.objects.filter(author=newcomer).count() == 2
    # An account with some history is not limited.
    veteran = UserFactory.create(date_joined=timezone.now() - timedelta(days=30))
    for _ in range(3):
        exchange.create_post(author=veteran, data=post_data())


def test_unverified_accounts_stay_new(settings):
    from solidair.moderation.trust import is_new_account

    old_unverified = UserFactory.create(
        verified=False, date_joined=timezone.now() - timedelta(days=60)
    )
    assert is_new_account(old_unverified)
    old_verified = UserFactory.create(date_joined=timezone.now() - timedelta(days=60))
    assert not is_new_account(old_verified)


def test_new_accounts_start_a_few_conversations_a_day(settings, citizen):
    settings.RATELIMIT_ENABLE = True
    settings.NEW_ACCOUNT_CONVERSATIONS_PER_DAY = 1
    posts = [exchange.create_post(author=citizen, data=post_data()) for _ in range(2)]
    newcomer = UserFactory.create()
    exchange.respond_to_post(post=posts[0], responder=newcomer, message="Graag!")
    with pytest.raises(ValidationError, match="1 conversation a day"):
        exchange.respond_to_post(post=posts[1], responder=newcomer, message="Ook graag!")


def test_hidden_content_emails_are_dropped_before_sending(conversation, citizen, volunteer):
    from solidair.core.emails import send_templated_email
    from solidair.core.tasks import send_templated_email_task

    message = exchange.send_message(conversation=conversation, sender=volunteer, body="Hallo")
    Message.objects.filter(pk=message.pk).update(hidden_at=timezone.now())
    mail.outbox.clear()
    send_templated_email_task.call(
        user_id=citizen.pk,
        email=None,
        template="exchange_message",
        context={
            "post_title": "x",
            "sender_name": "y",
            "message": "Hallo",
            "conversation_url": "/",
            "post_url": "/",
        },
        language=None,
        about=["message", message.pk],
    )
    assert mail.outbox == []
    # Not hidden: the same email goes out.
    Message.objects.filter(pk=message.pk).update(hidden_at=None)
    send_templated_email(
        to=citizen,
        template="exchange_message",
        context={
            "post_title": "x",
            "sender_name": "y",
            "message": "Hallo",
            "conversation_url": "/",
            "post_url": "/",
        },
        about=("message", message.pk),
    )
    assert [m.to for m in mail.outbox] == [[citizen.email]]


def test_a_link_heavy_group_reply_waits_and_is_counted_once_released(
    citizen, moderator, django_capture_on_commit_callbacks
):
    from solidair.groups.models import Reply, Topic
    from solidair.groups.services import topics
    from solidair.groups.tests.factories import GroupFactory, GroupMembershipFactory

    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=citizen, role="owner")
    spammer = UserFactory.create()
    GroupMembershipFactory.create(group=group, user=spammer)
    topic = topics.create_topic(group=group, author=citizen, title="Soep", body="Wie kookt mee?")
    mail.outbox.clear()
    body = "Koop hier: https://a.example/1 https://a.example/2 https://a.example/3 www.b.example"
    with django_capture_on_commit_callbacks(execute=True):
        reply = topics.reply_to_topic(topic=topic, author=spammer, body=body)
    reply.refresh_from_db()
    assert reply.held_reason == "links"
    assert reply.hidden_at is not None
    assert Topic.objects.get(pk=topic.pk).reply_count == 0
    assert mail.outbox == []
    assert not Reply.objects.visible_to(citizen).filter(pk=reply.pk).exists()
    report = Report.objects.get(target_id=reply.pk)
    assert report.is_automatic

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_report(
            moderator=moderator,
            report=report,
            decision=services.Decision(content="restore", remark="Links naar de stad, in orde"),
        )
    reply.refresh_from_db()
    assert reply.hidden_at is None
    assert Topic.objects.get(pk=topic.pk).reply_count == 1
    assert [m.to for m in mail.outbox] == [[citizen.email]]


def test_hiding_a_held_reply_keeps_the_count_right(citizen, moderator):
    from solidair.groups.models import Topic
    from solidair.groups.services import topics
    from solidair.groups.tests.factories import GroupFactory, GroupMembershipFactory

    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=citizen, role="owner")
    topic = topics.create_topic(group=group, author=citizen, title="Soep", body="Wie kookt mee?")
    topics.reply_to_topic(topic=topic, author=citizen, body="Ik!")
    spammer = UserFactory.create()
    GroupMembershipFactory.create(group=group, user=spammer)
    body = "https://a.example/1 https://a.example/2 https://a.example/3 https://a.example/4"
    held = topics.reply_to_topic(topic=topic, author=spammer, body=body)
    report = Report.objects.get(target_id=held.pk)
    services.decide_report(
        moderator=moderator,
        report=report,
        decision=services.Decision(content="hide", sanction="warn", remark="Spam"),
    )
    held.refresh_from_db()
    assert held.hidden_at is not None
    assert held.held_reason == ""
    assert Topic.objects.get(pk=topic.pk).reply_count == 1


def test_restoring_a_hidden_message_does_not_send_it_again(
    conversation, citizen, volunteer, moderator
):
    message = exchange.send_message(conversation=conversation, sender=volunteer, body="Hallo")
    report = _report(citizen, "message", message.pk)
    services.decide_report(
        moderator=moderator, report=report, decision=services.Decision(content="hide", remark="x")
    )
    mail.outbox.clear()
    services.restore_content(moderator=moderator, kind="message", pk=message.pk, remark="Toch ok")
    message.refresh_from_db()
    assert message.hidden_at is None
    assert mail.outbox == []


# --- the honeypot on public forms -------------------------------------------------------------


TRAP = 'name="website"'


def test_login_and_password_reset_carry_the_honeypot_and_refuse_robots(client, citizen):
    from solidair.accounts.tests.factories import TEST_PASSWORD

    for name in ("account_login", "account_reset_password"):
        assert TRAP in client.get(reverse(name)).content.decode(), name
    robot = client.post(
        reverse("account_login"),
        {"login": citizen.email, "password": TEST_PASSWORD, "website": "http://spam"},
    )
    assert robot.status_code == 200
    assert "_auth_user_id" not in client.session
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": citizen.email, "website": "x"})
    assert mail.outbox == []
    person = client.post(
        reverse("account_login"), {"login": citizen.email, "password": TEST_PASSWORD}
    )
    assert person.status_code == 302


def test_content_forms_carry_the_honeypot_and_refuse_robots(
    client, offer, conversation, stranger, citizen
):
    from solidair.exchange.tests.test_views_posts import form_data

    client.force_login(stranger)
    assert TRAP in client.get(reverse("exchange:create")).content.decode()
    assert TRAP in client.get(offer.get_absolute_url()).content.decode()
    assert (
        TRAP in client.get(reverse("moderation:report", args=["post", offer.pk])).content.decode()
    )
    posts = Post.objects.count()
    client.post(reverse("exchange:create"), {**form_data(), "website": "spam"})
    assert Post.objects.count() == posts
    client.post(reverse("exchange:respond", args=[offer.pk]), {"message": "Hoi", "website": "x"})
    assert not offer.responses.filter(responder=stranger).exists()
    client.post(
        reverse("moderation:report", args=["post", offer.pk]), {"reason": "spam", "website": "x"}
    )
    assert not Report.objects.exists()
    client.force_login(citizen)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert TRAP in page
    messages_before = conversation.messages.count()
    client.post(conversation.get_absolute_url(), {"body": "Hallo", "website": "x"})
    assert conversation.messages.count() == messages_before
    # A person leaves the trap empty and the same message goes through.
    client.post(conversation.get_absolute_url(), {"body": "Hallo", "website": ""})
    assert conversation.messages.count() == messages_before + 1


def test_a_moderator_shows_hidden_content_again_from_the_closed_report(
    client, offer, stranger, moderator
):
    report = _report(stranger, "post", offer.pk)
    services.decide_report(
        moderator=moderator, report=report, decision=services.Decision(content="hide", remark="x")
    )
    client.force_login(moderator)
    page = client.get(reverse("moderation:report_detail", args=[report.pk])).content.decode()
    restore_url = reverse("moderation:restore", args=["post", offer.pk])
    assert restore_url in page
    assert 'id="id_restore_remark"' in page
    client.post(restore_url, {"remark": ""})
    offer.refresh_from_db()
    assert offer.hidden_at is not None
    client.post(restore_url, {"remark": "Na bezwaar", "next": "/moderation/"})
    offer.refresh_from_db()
    assert offer.hidden_at is None
