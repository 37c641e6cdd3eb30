"""Data retention: delete the requests and offers that ended more than RETENTION_MONTHS
(default 12) ago, with their conversations, photos and reports, and the in-app
notifications older than that (solidair.exchange.retention gives the exact rule).

The daily `expire_posts` job runs it too; this command is for running it by hand, with a
line per batch, or for a look first:

    .venv/bin/python manage.py apply_retention --dry-run

Running it twice, or on two servers at once, deletes nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from solidair.exchange.retention import RetentionResult, apply_retention


class Command(BaseCommand):
    help = (
        "Delete requests and offers that ended more than RETENTION_MONTHS ago, with their "
        "conversations, photos and reports, and older in-app notifications."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be deleted without changing anything.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Posts (or notifications) per transaction (default 500).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        verb = "would delete" if dry_run else "deleted"
        batches = 0

        def progress(step: str, batch: RetentionResult) -> None:
            nonlocal batches
            batches += 1
            if step == "posts":
                counts = (
                    f"posts={batch.posts} conversations={batch.conversations} "
                    f"messages={batch.messages} photos={batch.photos} reports={batch.reports}"
                )
            else:
                counts = f"old_notifications={batch.old_notifications}"
            self.stdout.write(f"batch {batches} ({step}): {verb} {counts}")

        try:
            result = apply_retention(
                dry_run=dry_run, batch_size=options["batch_size"], on_batch=progress
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if result.cutoff is None:
            self.stdout.write("Retention is off (RETENTION_MONTHS=0): nothing deleted.")
            return
        cutoff = timezone.localtime(result.cutoff).strftime("%Y-%m-%d %H:%M")
        self.stdout.write(
            f"{'Dry run: ' if dry_run else ''}{verb} what ended before {cutoff} "
            f"({result.months} months): {result.summary()}"
        )
