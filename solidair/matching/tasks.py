"""Background work of matching (run by `manage.py db_worker`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from django_tasks import task


@task()
def announce_post_task(*, post_id: int) -> dict[str, Any]:
    """Tell the owners of fitting posts and matching saved searches about a newly
    published post (services.announce_post). Enqueued by the exchange's publish services."""
    from . import services

    return dataclasses.asdict(services.announce_post(post_id=post_id))


def enqueue_announcement(post_id: int) -> None:
    """Announce the post once the surrounding transaction commits (the worker must see it)."""
    from django.db import transaction

    transaction.on_commit(lambda: announce_post_task.enqueue(post_id=post_id))
