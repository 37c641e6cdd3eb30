"""Daily housekeeping of requests and offers.

Run it once a day from cron or a systemd timer, for example:

    15 3 * * *  cd /srv/solidair && .venv/bin/python manage.py expire_posts

It reminds owners a week before their post expires (once), closes posts past their expiry
date, asks both parties of week-old matches whether the help happened (once) and sends
the daily digest of unread messages to people who chose "Once a day" for message emails
(services.run_daily_jobs). Then it applies the data retention: posts that ended more than
RETENTION_MONTHS ago are deleted with their conversations, photos and reports, and so are
older in-app notifications (solidair.exchange.retention; `apply_retention` runs it alone).
Last, finished background jobs older than TASK_RESULTS_KEEP_DAYS are pruned from the
database queue: sent emails are stored there with their text and address.
Running it twice, or on two servers at once, sends nothing twice and deletes nothing
twice. The name is historical: it is the one daily job.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from solidair.exchange import services
from solidair.exchange.retention import apply_retention


class Command(BaseCommand):
    help = (
        "The daily job: remind about, then expire, old posts; ask matched parties about the "
        "outcome; send the daily message digests; apply the data retention (RETENTION_MONTHS)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.run_daily_jobs()
        self.stdout.write(
            f"reminded={result.reminded} expired={result.expired} "
            f"outcome_questions={result.outcome_questions} digests={result.digests} "
            f"matching_digests={result.matching_digests}"
        )
        # After the daily jobs, so a retention problem never holds up reminders or digests.
        try:
            retention = apply_retention()
        except ValueError as error:
            raise CommandError(str(error)) from error
        if retention.cutoff is None:
            self.stdout.write("retention: off (RETENTION_MONTHS=0)")
        else:
            self.stdout.write(f"retention: {retention.summary()}")
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            call_command(
                "prune_db_task_results",
                min_age_days=settings.TASK_RESULTS_KEEP_DAYS,
                queue_name="*",
                verbosity=0,
            )
            self.stdout.write(
                f"task results older than {settings.TASK_RESULTS_KEEP_DAYS} days pruned"
            )
