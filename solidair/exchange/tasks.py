"""Background work of the exchange app (run by `manage.py db_worker`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from django_tasks import task


@task()
def expire_posts_task() -> dict[str, Any]:
    """The daily housekeeping (services.run_daily_jobs): expiry reminders, expiring posts,
    asking matched parties whether the help happened and the daily message digests, then
    the data retention (retention.apply_retention), as the `expire_posts` command does.
    Enqueue it from a daily timer or run the command instead."""
    from . import services
    from .retention import apply_retention

    result = dataclasses.asdict(services.run_daily_jobs())
    result["retention"] = apply_retention().summary()
    return result
