"""The daily digest of group discussions.

Run it once a day from cron or a systemd timer, for example:

    30 6 * * *  cd /srv/solidair && .venv/bin/python manage.py send_group_digests

It emails every member who chose "a daily digest" in a group the new topics and replies of
others since their last digest. Running it twice, or on two servers at once, sends
nothing twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from solidair.groups import services


class Command(BaseCommand):
    help = "Send the daily digest of new topics and replies to members who chose it."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.send_group_digests()
        self.stdout.write(f"digests={sent}")
