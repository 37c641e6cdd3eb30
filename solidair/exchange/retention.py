"""Data retention for requests and offers: what ended long enough ago is deleted for good.

The rule (RETENTION_MONTHS, default 12; 0 switches retention off)
-------------------------------------------------------------------
A post has *ended* when its status is closed, fulfilled or expired. Its end is:

- for an expired post, its expiry date (`expires_at`): the moment it stopped being open,
  whichever day the daily job noticed it;
- for a closed or fulfilled post, `closed_at`; a row without one (older data) falls back
  to the later of `updated_at` and `published_at`, since it was closed at the latest at
  its last write.

A post is deleted once its end is more than RETENTION_MONTHS calendar months ago, it was
published that long ago too (true of every consistent row; it keeps the selection on the
status index), and none of its conversations had a message in that period: a
conversation that people still use after the post ended keeps the post until it has been
quiet for the whole period. Draft and open posts are never deleted here, however old:
they are live content their author controls, and an open post expires by itself
(POST_EXPIRY_WEEKS) and then counts from its expiry.

Deleted with the post, so that nothing identifies a person or what they wrote:

- the post row itself (title, description, skills, period, quantity, category,
  neighbourhood, languages, target groups, author, organisation, group); no stripped row
  and no aggregate figures are kept;
- its photos, both the rows and the image files in storage (the media folder or object
  storage);
- every conversation about it with all its messages from both sides (held and hidden ones
  too), the responses, the read and digest markers, and the matches with their outcome
  answers;
- matching's notices about it or for it and the dismissed suggestions of or for it
  (their foreign keys cascade);
- moderation reports about the post or about one of its messages. A report that the
  moderation audit log refers to cannot be deleted (the log is append-only and protects
  its reports): it is kept without its reporter, the person answerable and both remarks,
  so only its reason, status and dates remain, and it is closed as "no action needed" if
  it was still open (there is nothing left to judge);
- in-app notifications whose link points at the post or at one of its conversations.

Separately, every in-app notification older than RETENTION_MONTHS is deleted, read or not
(a notification about a post is almost always written while the post is open, so this
also removes the ones whose text quotes a post's title).

Kept: the moderation audit log (`AuditEntry`) is append-only by design and is not
touched: its entries keep what a moderator did, to whom, and how the content was called
at the time (a post's title, the first 60 characters of a message). Accounts and all
other content are not affected: retention is about posts, not about people.

How it runs
-----------
Posts go in batches of `batch_size`, each batch in its own transaction. The batch's rows
are taken with SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL; SQLite has one writer at a
time anyway), so two servers running this at once take different posts, and a post that
is reopened meanwhile no longer qualifies (the condition is checked again on the locked
row). Every statement covers the whole batch, so the number of queries per batch does not
grow with the number of posts, messages or photos in it. Photo files are deleted inside
the transaction, after the rows: if the transaction fails afterwards, the rows stay and
the next run deletes them again (deleting a missing file is harmless), and a file that
cannot be deleted aborts its batch rather than leaving a file without its row. Running it
again finds nothing more to do. A dry run does the same work in transactions that are
rolled back (and deletes no file), so its counts are exactly what a real run would do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from solidair.moderation.models import AuditEntry, Report
from solidair.notifications.models import Notification

from .models import Conversation, Message, Post, PostPhoto, exchange_path

ENDED_STATUSES = (Post.Status.CLOSED, Post.Status.FULFILLED, Post.Status.EXPIRED)
DEFAULT_MONTHS = 12
# A century: beyond it the cutoff leaves the calendar, and it is surely a typo.
MAX_MONTHS = 1200

_T = TypeVar("_T")


@dataclass
class RetentionResult:
    """What a run deleted (or, for a dry run, would delete). `months` is the period
    applied (0: retention is off and nothing was looked at); `cutoff` the moment before
    which things count as old."""

    months: int
    cutoff: datetime | None = None
    dry_run: bool = False
    batches: int = 0
    posts: int = 0
    conversations: int = 0
    messages: int = 0
    responses: int = 0
    matches: int = 0
    photos: int = 0
    files: int = 0
    reports: int = 0
    reports_anonymised: int = 0
    notifications: int = 0
    old_notifications: int = 0

    def add(self, other: RetentionResult) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> str:
        """The counts as `name=value` pairs, for the commands' output."""
        return " ".join(f"{name}={getattr(self, name)}" for name in _COUNTS)


_COUNTS = tuple(
    f.name for f in fields(RetentionResult) if f.name not in {"months", "cutoff", "dry_run"}
)


class _RollBack(Exception):
    """Raised at the end of a dry run's batch so that its transaction is rolled back."""


def retention_months(months: int | None = None) -> int:
    """The period to apply: `months`, or settings.RETENTION_MONTHS. Raises ValueError for
    a value that cannot be meant (negative, or more than a century)."""
    value = getattr(settings, "RETENTION_MONTHS", DEFAULT_MONTHS) if months is None else months
    if not isinstance(value, int) or value < 0 or value > MAX_MONTHS:
        raise ValueError(
            f"RETENTION_MONTHS must be a whole number from 0 (keep everything) to "
            f"{MAX_MONTHS}; it is {value!r}."
        )
    return value


def retention_cutoff(*, now: datetime, months: int) -> datetime:
    """`months` calendar months before `now`, in the site's time zone (31 March minus one
    month is 28 or 29 February)."""
    return timezone.localtime(now) - relativedelta(months=months)


def ended_before(cutoff: datetime) -> models.QuerySet[Post]:
    """Posts that ended before `cutoff` and whose conversations have been quiet since
    (the module doc gives the rule), hidden ones included."""
    ended_at = models.Case(
        models.When(status=Post.Status.EXPIRED, then=models.F("expires_at")),
        default=Coalesce(
            models.F("closed_at"),
            Greatest(models.F("updated_at"), Coalesce(models.F("published_at"), "updated_at")),
        ),
        output_field=models.DateTimeField(),
    )
    recent_talk = Conversation.objects.filter(
        post=models.OuterRef("pk"), last_message_at__gte=cutoff
    )
    return (
        Post._base_manager.filter(status__in=ENDED_STATUSES, published_at__lt=cutoff)
        .alias(ended_at=ended_at)
        .filter(ended_at__lt=cutoff)
        .exclude(models.Exists(recent_talk))
    )


def _in_transaction(work: Callable[..., _T], *args: Any, dry_run: bool) -> _T:
    outcome: list[_T] = []
    try:
        with transaction.atomic():
            outcome.append(work(*args))
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    return outcome[0]


def _links_pattern(post_ids: list[int], conversation_ids: list[int]) -> str:
    """A regular expression for notification links to these posts and conversations
    (their own page and anything below it, never another id that starts the same)."""
    paths = [exchange_path("detail", "/posts/{pk}/", pk=pk) for pk in post_ids]
    paths += [exchange_path("conversation", "/messages/{pk}/", pk=pk) for pk in conversation_ids]
    alternatives = "|".join(re.escape(path.rstrip("/")) for path in paths)
    return rf"^(?:{alternatives})(?:[/?#]|$)"


def _handle_reports(post_ids: list[int], now: datetime, result: RetentionResult) -> None:
    post_type = ContentType.objects.get_for_model(Post)
    message_type = ContentType.objects.get_for_model(Message)
    message_ids = Message._base_manager.filter(conversation__post_id__in=post_ids).values("pk")
    reports = list(
        Report.objects.select_for_update(of=("self",))
        .filter(
            models.Q(target_type=post_type, target_id__in=post_ids)
            | models.Q(target_type=message_type, target_id__in=message_ids)
        )
        .annotate(
            in_audit_log=models.Exists(AuditEntry.objects.filter(report=models.OuterRef("pk")))
        )
        .order_by("pk")
        .values_list("pk", "in_audit_log")
    )
    free = [pk for pk, in_log in reports if not in_log]
    kept = [pk for pk, in_log in reports if in_log]
    if free:
        result.reports = Report.objects.filter(pk__in=free).delete()[0]
    if kept:
        # The audit log protects these rows: keep them, without the people and the words.
        result.reports_anonymised = Report.objects.filter(pk__in=kept).update(
            reporter=None, target_user=None, remark="", closing_remark=""
        )
        Report.objects.filter(pk__in=kept, status=Report.Status.OPEN).update(
            status=Report.Status.DISMISSED, closed_at=now
        )


def _delete_posts(
    post_ids: list[int], *, cutoff: datetime, now: datetime, dry_run: bool
) -> RetentionResult:
    result = RetentionResult(months=0, dry_run=dry_run, batches=1)
    _handle_reports(post_ids, now, result)
    conversation_ids = list(
        Conversation.objects.filter(post_id__in=post_ids).order_by().values_list("pk", flat=True)
    )
    # The older ones go with all old notifications (next step), so none counts twice.
    result.notifications = Notification.objects.filter(
        created_at__gte=cutoff, url__regex=_links_pattern(post_ids, conversation_ids)
    ).delete()[0]
    files = [
        name
        for name in PostPhoto.objects.filter(post_id__in=post_ids)
        .order_by()
        .values_list("image", flat=True)
        if name
    ]
    _total, deleted = Post._base_manager.filter(pk__in=post_ids).only("pk").delete()
    result.posts = deleted.get(Post._meta.label, 0)
    result.conversations = deleted.get(Conversation._meta.label, 0)
    result.messages = deleted.get(Message._meta.label, 0)
    result.responses = deleted.get("exchange.Response", 0)
    result.matches = deleted.get("exchange.Match", 0)
    result.photos = deleted.get(PostPhoto._meta.label, 0)
    result.files = len(files)
    if not dry_run:
        storage = PostPhoto._meta.get_field("image").storage
        for name in files:
            storage.delete(name)
    return result


def _post_batch(
    cutoff: datetime, now: datetime, after: int, batch_size: int, dry_run: bool
) -> tuple[int, RetentionResult]:
    ids = list(
        ended_before(cutoff)
        .select_for_update(skip_locked=True, of=("self",))
        .filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", flat=True)[:batch_size]
    )
    if not ids:
        return after, RetentionResult(months=0, dry_run=dry_run)
    return ids[-1], _delete_posts(ids, cutoff=cutoff, now=now, dry_run=dry_run)


def _notification_batch(
    cutoff: datetime, now: datetime, after: int, batch_size: int, dry_run: bool
) -> tuple[int, RetentionResult]:
    ids = list(
        Notification.objects.filter(created_at__lt=cutoff, pk__gt=after)
        .order_by("pk")
        .values_list("pk", flat=True)[:batch_size]
    )
    result = RetentionResult(months=0, dry_run=dry_run)
    if ids:
        result.batches = 1
        result.old_notifications = Notification.objects.filter(pk__in=ids).delete()[0]
    return (ids[-1] if ids else after), result


def apply_retention(
    *,
    now: datetime | None = None,
    months: int | None = None,
    batch_size: int = 500,
    dry_run: bool = False,
    on_batch: Callable[[str, RetentionResult], Any] | None = None,
) -> RetentionResult:
    """Delete the posts that ended more than `months` (default settings.RETENTION_MONTHS)
    ago with their conversations, messages, responses, matches, photos (and files),
    reports and notifications, then the in-app notifications older than that; the module
    doc gives the exact rule. `dry_run` counts without changing anything. `on_batch` is
    called after each batch with "posts" or "notifications" and that batch's counts.
    Safe to run twice, or on two servers at once. Raises ValueError for a period that
    cannot be meant."""
    months = retention_months(months)
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1.")
    total = RetentionResult(months=months, dry_run=dry_run)
    if months == 0:
        return total
    now = now or timezone.now()
    cutoff = retention_cutoff(now=now, months=months)
    total.cutoff = cutoff

    steps: tuple[tuple[str, Callable[..., tuple[int, RetentionResult]]], ...] = (
        ("posts", _post_batch),
        ("notifications", _notification_batch),
    )
    for step, work in steps:
        # Keyset paging: every batch starts after the last id seen, so the loop ends even
        # when rows are skipped (locked by another server) or survive a dry run.
        last = 0
        while True:
            last, batch = _in_transaction(
                work, cutoff, now, last, batch_size, dry_run, dry_run=dry_run
            )
            if not batch.batches:
                break
            total.add(batch)
            if on_batch is not None:
                on_batch(step, batch)
    return total
