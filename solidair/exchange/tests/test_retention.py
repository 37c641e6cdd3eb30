"""Data retention (solidair.exchange.retention): what ended more than RETENTION_MONTHS ago
is deleted with everything that could identify a person or what they wrote."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from solidair.accounts.models import User
from solidair.accounts.tests.factories import UserFactory
from solidair.exchange.models import (
    Conversation,
    ConversationRead,
    Match,
    Message,
    Post,
    PostPhoto,
    Response,
)
from solidair.exchange.retention import RetentionResult, apply_retention
from solidair.matching.models import Dismissal, Notice
from solidair.moderation.models import AuditEntry, Report
from solidair.notifications.models import Notification

from .factories import MatchFactory, MessageFactory, PostFactory, ResponseFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2025, 6, 15, 12, 0))


def ago(*, months: int = 0, days: int = 0) -> datetime:
    return NOW - relativedelta(months=months, days=days)


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def ended_post(*, months: int, status: str = Post.Status.CLOSED, **fields: object) -> Post:
    """A post published a month before it ended `months` months before NOW."""
    ended = ago(months=months)
    values: dict[str, object] = {
        "status": status,
        "published_at": ended - relativedelta(months=1),
        "closed_at": ended,
        "expires_at": ended,
    }
    values.update(fields)
    return PostFactory.create(**values)


@dataclass
class Thread:
    """A post with a conversation about it, as it is after some months of use."""

    post: Post
    responder: User
    conversation: Conversation
    messages: list[Message]
    match: Match
    photo: PostPhoto


def thread_on(post: Post, *, when: datetime) -> Thread:
    responder = UserFactory.create()
    response = ResponseFactory.create(post=post, responder=responder, created_at=when)
    conversation = response.conversation
    messages = [
        MessageFactory.create(conversation=conversation, sender=responder, body="Ik kan helpen!"),
        MessageFactory.create(
            conversation=conversation, sender=post.author, body="Mijn adres is ..."
        ),
        # Held for review and hidden: retention takes it all the same.
        MessageFactory.create(
            conversation=conversation,
            sender=responder,
            body="www.example.org/win",
            held_reason="links",
            hidden_at=when,
        ),
    ]
    Message.objects.filter(conversation=conversation).update(created_at=when)
    Conversation.objects.filter(pk=conversation.pk).update(created_at=when, last_message_at=when)
    ConversationRead.objects.create(conversation=conversation, user=post.author, last_read_at=when)
    match = MatchFactory.create(response=response, created_at=when, poster_answer="yes")
    photo = PostPhoto(post=post, alt_text="Een tafel in mijn woonkamer")
    photo.image.save("tafel.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.save()
    return Thread(post, responder, conversation, messages, match, photo)


def report_on(obj: Post | Message, *, reporter: User | None, answerable: User) -> Report:
    return Report.objects.create(
        target_type=ContentType.objects.get_for_model(obj),
        target_id=obj.pk,
        reporter=reporter,
        target_user=answerable,
        reason="spam",
        remark="Dit is reclame van Jan Peeters, 0470 12 34 56",
        created_at=ago(months=14),
    )


def exists(instance: models.Model) -> bool:
    return type(instance)._base_manager.filter(pk=instance.pk).exists()


@pytest.fixture
def old(citizen, stranger):
    """A post closed 13 months ago, with a conversation (messages from both sides, one held
    and hidden), a match, a photo with its file, reports and what matching and
    notifications keep about it."""
    post = ended_post(months=13, author=citizen, hidden_at=ago(months=13))
    thread = thread_on(post, when=ago(months=13, days=10))
    held = thread.messages[2]
    post_report = report_on(post, reporter=stranger, answerable=citizen)
    message_report = report_on(thread.messages[1], reporter=thread.responder, answerable=citizen)
    # The system held a message: its report is in the (append-only) audit log.
    held_report = report_on(held, reporter=None, answerable=thread.responder)
    audit = AuditEntry.objects.create(
        action=AuditEntry.Action.HELD,
        target_type=ContentType.objects.get_for_model(Message),
        target_id=held.pk,
        target_repr="Message: www.example.org/win",
        target_user=thread.responder,
        report=held_report,
    )
    other = PostFactory.create(request=True, author=stranger)
    notice = Notice.objects.create(user=stranger, post=post, for_post=other, source="suggestion")
    dismissal = Dismissal.objects.create(post=other, suggested=post)
    # Written after the post ended (a moderator's notice), so younger than the period.
    told = [
        Notification.objects.create(
            user=citizen,
            kind="moderation.hidden",
            title=f"The moderators hid your request “{post.title}”",
            url=post.get_absolute_url(),
            created_at=ago(months=2),
        ),
        Notification.objects.create(
            user=thread.responder,
            kind="exchange.response",
            title="Fatima answered",
            url=thread.conversation.get_absolute_url() + "#message-3",
            created_at=ago(months=2),
        ),
    ]
    return {
        "thread": thread,
        "reports": [post_report, message_report],
        "held_report": held_report,
        "audit": audit,
        "other": other,
        "notice": notice,
        "dismissal": dismissal,
        "told": told,
    }


def test_an_old_closed_post_and_its_conversation_are_deleted(old, citizen):
    thread: Thread = old["thread"]
    storage, name = thread.photo.image.storage, thread.photo.image.name
    assert storage.exists(name)

    result = apply_retention(now=NOW)

    assert not exists(thread.post)
    assert not exists(thread.conversation)
    assert not Message._base_manager.filter(pk__in=[m.pk for m in thread.messages]).exists()
    assert not Response.objects.filter(post_id=thread.post.pk).exists()
    assert not exists(thread.match)
    assert not ConversationRead.objects.filter(conversation_id=thread.conversation.pk).exists()
    assert not exists(thread.photo)
    assert not storage.exists(name), "the photo file must be deleted from storage"
    assert not exists(old["notice"])
    assert not exists(old["dismissal"])
    assert not any(exists(report) for report in old["reports"])
    assert not any(exists(notification) for notification in old["told"])
    assert (result.posts, result.conversations, result.messages) == (1, 1, 3)
    assert (result.responses, result.matches, result.photos, result.files) == (1, 1, 1, 1)
    assert (result.reports, result.reports_anonymised, result.notifications) == (2, 1, 2)
    # The people stay; so does the post the suggestion was for.
    assert exists(citizen)
    assert exists(thread.responder)
    assert exists(old["other"])


def test_a_report_the_audit_log_refers_to_is_kept_without_people_or_words(old):
    result = apply_retention(now=NOW)

    report = Report.objects.get(pk=old["held_report"].pk)
    assert report.reporter_id is None
    assert report.target_user_id is None
    assert report.remark == ""
    assert report.closing_remark == ""
    assert report.status == Report.Status.DISMISSED
    assert report.closed_at == NOW
    assert result.reports_anonymised == 1
    # The audit log is append-only: untouched.
    audit = AuditEntry.objects.get(pk=old["audit"].pk)
    assert audit.report_id == report.pk
    assert audit.target_user_id == old["thread"].responder.pk
    assert audit.target_repr == "Message: www.example.org/win"


def test_what_did_not_end_long_enough_ago_is_untouched(citizen):
    recent = ended_post(months=11, author=citizen)
    recent_thread = thread_on(recent, when=ago(months=11, days=5))
    still_open = PostFactory.create(published_at=ago(months=30), expires_at=ago(months=20))
    open_thread = thread_on(still_open, when=ago(months=29))
    draft = PostFactory.create(draft=True, created_at=ago(months=30))
    fulfilled = ended_post(months=11, status=Post.Status.FULFILLED)
    # Ended long ago, but people still write in its conversation.
    talked = ended_post(months=13)
    talking = thread_on(talked, when=ago(months=13))
    Conversation.objects.filter(pk=talking.conversation.pk).update(last_message_at=ago(days=20))
    Post.objects.filter(pk=draft.pk).update(updated_at=ago(months=30))

    result = apply_retention(now=NOW)

    assert result.posts == 0
    for post in (recent, still_open, draft, fulfilled, talked):
        assert exists(post)
    for thread in (recent_thread, open_thread, talking):
        assert exists(thread.conversation)
        assert Message._base_manager.filter(conversation=thread.conversation).count() == 3
        assert thread.photo.image.storage.exists(thread.photo.image.name)


def test_a_fulfilled_post_counts_from_its_closing_date():
    gone = ended_post(months=12, status=Post.Status.FULFILLED, closed_at=ago(months=12, days=1))
    kept = ended_post(months=12, status=Post.Status.FULFILLED, closed_at=ago(months=11, days=28))

    apply_retention(now=NOW)

    assert not exists(gone)
    assert exists(kept)


def test_an_expired_post_is_judged_by_its_expiry():
    # The daily job noticed it late (closed_at is recent): its expiry date counts.
    expired_long_ago = ended_post(
        months=13, status=Post.Status.EXPIRED, closed_at=ago(months=1), expires_at=ago(months=13)
    )
    # closed_at is old but it expired 11 months ago: kept.
    expired_recently = ended_post(
        months=13, status=Post.Status.EXPIRED, closed_at=ago(months=13), expires_at=ago(months=11)
    )

    result = apply_retention(now=NOW)

    assert not exists(expired_long_ago)
    assert exists(expired_recently)
    assert result.posts == 1


def test_a_closed_post_without_closing_date_counts_from_its_last_change():
    old_change = ended_post(months=13, closed_at=None)
    recent_change = ended_post(months=13, closed_at=None)
    Post.objects.filter(pk=old_change.pk).update(updated_at=ago(months=13))
    Post.objects.filter(pk=recent_change.pk).update(updated_at=ago(months=3))

    apply_retention(now=NOW)

    assert not exists(old_change)
    assert exists(recent_change)


def test_notifications_older_than_the_period_are_deleted(citizen):
    kept_post = PostFactory.create()
    old_one = Notification.objects.create(
        user=citizen, kind="exchange.response", title="Old", created_at=ago(months=12, days=1)
    )
    unread_young = Notification.objects.create(
        user=citizen, kind="exchange.response", title="Young", created_at=ago(months=11)
    )
    # A link to a post that stays, whose id is a prefix of nothing deleted.
    about_kept = Notification.objects.create(
        user=citizen,
        kind="matching.suggestion",
        title="A new offer fits",
        url=kept_post.get_absolute_url(),
        created_at=ago(months=1),
    )

    result = apply_retention(now=NOW)

    assert not exists(old_one)
    assert exists(unread_young)
    assert exists(about_kept)
    assert result.old_notifications == 1


def test_a_notification_about_another_post_with_a_similar_id_stays(citizen):
    gone = ended_post(months=13)
    # /posts/<id>0/ starts like /posts/<id>/ without the slash; it must not be taken for it.
    Post.objects.filter(pk=gone.pk * 10).delete()
    neighbour = PostFactory.create(id=gone.pk * 10)
    about_neighbour = Notification.objects.create(
        user=citizen, kind="x.y", title="Neighbour", url=neighbour.get_absolute_url()
    )
    about_gone = Notification.objects.create(
        user=citizen, kind="x.y", title="Gone", url=gone.get_absolute_url() + "?from=mail"
    )

    apply_retention(now=NOW)

    assert exists(about_neighbour)
    assert not exists(about_gone)


def test_zero_months_keeps_everything(old, settings):
    settings.RETENTION_MONTHS = 0
    old_notification = Notification.objects.create(
        user=old["thread"].responder, kind="x.y", title="Old", created_at=ago(months=40)
    )

    result = apply_retention(now=NOW)
    out = StringIO()
    call_command("apply_retention", stdout=out)

    assert result.cutoff is None
    assert result.posts == 0
    assert result.old_notifications == 0
    assert "Retention is off (RETENTION_MONTHS=0)" in out.getvalue()
    assert exists(old["thread"].post)
    assert exists(old_notification)
    assert old["thread"].photo.image.storage.exists(old["thread"].photo.image.name)


def test_a_period_that_cannot_be_meant_is_refused(settings):
    settings.RETENTION_MONTHS = -1

    with pytest.raises(ValueError, match="RETENTION_MONTHS"):
        apply_retention()
    with pytest.raises(CommandError, match="from 0 \\(keep everything\\)"):
        call_command("apply_retention", stdout=StringIO())


def test_a_dry_run_counts_but_changes_nothing(old, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    thread: Thread = old["thread"]
    held_report = old["held_report"]

    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)

    output = out.getvalue()
    assert "batch 1 (posts): would delete posts=1 conversations=1 messages=3 photos=1" in output
    assert "Dry run: would delete what ended before 2024-06-15 12:00 (12 months):" in output
    assert "posts=1 conversations=1 messages=3" in output
    assert exists(thread.post)
    assert exists(thread.conversation)
    assert exists(thread.photo)
    assert Message._base_manager.filter(conversation=thread.conversation).count() == 3
    assert thread.photo.image.storage.exists(thread.photo.image.name)
    assert all(exists(report) for report in old["reports"])
    assert all(exists(notification) for notification in old["told"])
    held_report.refresh_from_db()
    assert held_report.reporter_id is None
    assert held_report.target_user_id is not None
    assert held_report.status == Report.Status.OPEN
    assert held_report.remark


def test_a_dry_run_counts_exactly_what_a_run_deletes(old):
    # Old and about the deleted post: one notification, counted once.
    Notification.objects.create(
        user=old["thread"].responder,
        kind="exchange.response",
        title="Fatima answered",
        url=old["thread"].conversation.get_absolute_url(),
        created_at=ago(months=13),
    )

    counted = apply_retention(now=NOW, dry_run=True)
    done = apply_retention(now=NOW)

    assert counted.dry_run
    assert counted.summary() == done.summary()
    assert (done.notifications, done.old_notifications) == (2, 1)


def test_the_command_prints_a_line_per_batch_and_a_summary(monkeypatch, citizen):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    posts = [ended_post(months=13) for _ in range(3)]
    Notification.objects.create(user=citizen, kind="x.y", title="Old", created_at=ago(months=13))

    out = StringIO()
    call_command("apply_retention", "--batch-size", "2", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines == [
        "batch 1 (posts): deleted posts=2 conversations=0 messages=0 photos=0 reports=0",
        "batch 2 (posts): deleted posts=1 conversations=0 messages=0 photos=0 reports=0",
        "batch 3 (notifications): deleted old_notifications=1",
        "deleted what ended before 2024-06-15 12:00 (12 months): batches=3 posts=3 "
        "conversations=0 messages=0 responses=0 matches=0 photos=0 files=0 reports=0 "
        "reports_anonymised=0 notifications=0 old_notifications=1",
    ]
    assert not any(exists(post) for post in posts)


def test_running_twice_is_harmless(old):
    first = apply_retention(now=NOW)
    report = Report.objects.get(pk=old["held_report"].pk)

    second = apply_retention(now=NOW)

    assert first.posts == 1
    assert second.summary() == RetentionResult(months=12).summary()
    assert Report.objects.get(pk=report.pk).closed_at == report.closed_at


def test_the_daily_job_applies_retention(old, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)

    out = StringIO()
    call_command("expire_posts", stdout=out)

    assert "retention: batches=1 posts=1 conversations=1 messages=3" in out.getvalue()
    assert not exists(old["thread"].post)


def test_the_daily_job_says_when_retention_is_off(old, settings):
    settings.RETENTION_MONTHS = 0

    out = StringIO()
    call_command("expire_posts", stdout=out)

    assert "retention: off (RETENTION_MONTHS=0)" in out.getvalue()
    assert exists(old["thread"].post)


def _queries_for_one_run() -> int:
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        result = apply_retention(now=NOW)
    assert result.batches == 1
    return len(captured)


def test_queries_grow_per_batch_not_per_post(stranger):
    def populate(count: int) -> None:
        for _ in range(count):
            post = ended_post(months=13)
            thread = thread_on(post, when=ago(months=13, days=3))
            report_on(post, reporter=stranger, answerable=post.author)
            report_on(thread.messages[0], reporter=stranger, answerable=thread.responder)
            Notification.objects.create(
                user=post.author, kind="x.y", title="t", url=post.get_absolute_url()
            )

    populate(1)
    one = _queries_for_one_run()
    populate(6)
    six = _queries_for_one_run()

    assert six == one
    assert one <= 40
