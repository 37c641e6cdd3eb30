"""Daily housekeeping of requests and offers.

Run it once a day from cron or a systemd timer, for example:

    15 3 * * *  cd /srv/solidair && .venv/bin/python manage.py expire_posts

It reminds owners a week before their post expires (once), closes posts past their expiry
date and asks both parties of week-old matches whether the help happened (once). Running
it twice, or on two servers at once, sends nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from solidair.exchange import services


class Command(BaseCommand):
    help = "Remind about, then expire, old posts; ask matched parties about the outcome."

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.expire_posts()
        asked = services.ask_match_outcomes()
        self.stdout.write(
            f"reminded={result.reminded} expired={result.expired} outcome_questions={asked}"
        )
