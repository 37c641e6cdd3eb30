"""Background tasks of the core app (run by `manage.py db_worker`)."""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_templated_email_task(
    *,
    user_id: int | None,
    email: str | None,
    template: str,
    context: dict[str, Any],
    language: str | None,
    about: list[Any] | None = None,
) -> None:
    """Render and send one email of ``solidair.core.emails.send_templated_email``."""
    from solidair.accounts.models import User
    from solidair.core.emails import build_templated_email
    from solidair.moderation.registry import is_hidden

    if about and is_hidden(str(about[0]), int(about[1])):
        # The moderators hid (or held) what the email is about after it was queued.
        logger.info("Email %s skipped: %s %s is hidden", template, about[0], about[1])
        return

    to: User | str
    if user_id is not None:
        user = (
            User.objects.select_related("profile")
            .filter(pk=user_id, deleted_at__isnull=True)
            .first()
        )
        if user is None:
            # The account was deleted between enqueueing and sending: nothing to do.
            logger.info("Email %s skipped: user %s no longer exists", template, user_id)
            return
        to = user
    elif email:
        to = email
    else:
        raise ValueError("send_templated_email_task needs a user_id or an email")
    message = build_templated_email(to=to, template=template, context=context, language=language)
    if message is not None:
        message.send()
