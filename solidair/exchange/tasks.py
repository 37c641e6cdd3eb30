"""Background work of the exchange app (run by `manage.py db_worker`)."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def expire_posts_task() -> dict[str, Any]:
    """The daily housekeeping: expiry reminders, expiring posts and asking matched
    parties whether the help happened. Enqueue it from a daily timer or run the
    `expire_posts` management command instead."""
    from . import services

    result = services.expire_posts()
    asked = services.ask_match_outcomes()
    return {"reminded": result.reminded, "expired": result.expired, "asked": asked}
