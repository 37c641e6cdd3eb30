"""Daily housekeeping of requests and offers.

Run it once a day from cron or a systemd timer, for example:

    15 3 * * *  cd /srv/solidair && .venv/bin/python manage.py expire_posts

It reminds owners a week before their post expires (once), closes posts past their expiry
date, asks both parties of week-old matches whether the help happened (once) and sends
the daily digest of unread messages to people who chose "Once a day" for message emails
(services.run_daily_jobs). Running it twice, or on two servers at once, sends nothing
twice. The name is historical: it is the one daily job.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from solidair.exchange import services


class Command(BaseCommand):
    help = (
        "The daily job: remind about, then expire, old posts; ask matched parties about the "
        "outcome; send the daily message digests."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.run_daily_jobs()
        self.stdout.write(
            f"reminded={result.reminded} expired={result.expired} "
            f"outcome_questions={result.outcome_questions} digests={result.digests} "
            f"matching_digests={result.matching_digests}"
        )
