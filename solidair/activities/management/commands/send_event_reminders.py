"""Reminder emails the day before an event.

Run it from cron or a systemd timer, hourly or at least daily, for example:

    5 * * * *  cd /srv/solidair && .venv/bin/python manage.py send_event_reminders

Everyone with a place for a date that starts tomorrow (Brussels time), or later today,
gets one reminder (with the online link, for online events). Each registration is marked
before its email is queued: running the command again, or on two servers at once, never
sends a reminder twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from solidair.activities import services


class Command(BaseCommand):
    help = "Email a reminder to the people registered for tomorrow's events (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.send_event_reminders()
        self.stdout.write(f"reminders={sent}")
