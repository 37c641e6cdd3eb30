"""Background work of the groups app (run by `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_message_notifications_task(*, topic_id: int, reply_id: int | None) -> int:
    """Tell the group's members about a new topic or reply (services.notify)."""
    from .services import send_message_notifications

    return send_message_notifications(topic_id=topic_id, reply_id=reply_id)


@task()
def send_group_digests_task() -> int:
    """The daily group digests; enqueue it from a daily timer or run the
    `send_group_digests` command instead."""
    from .services import send_group_digests

    return send_group_digests()
