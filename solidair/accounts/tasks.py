"""Background tasks of the accounts app (run by `manage.py db_worker`)."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

from django.conf import settings
from django.utils import translation
from django_tasks import task


class _Site:
    """What allauth's email templates read of ``current_site`` (no request in a worker)."""

    def __init__(self) -> None:
        self.name = settings.SITE_NAME
        self.domain = settings.SITE_URL.split("://", 1)[-1]

    def __str__(self) -> str:
        return self.name


@task()
def send_allauth_email_task(
    *, template_prefix: str, email: str, context: dict[str, Any], language: str
) -> None:
    """Render one of allauth's emails in `language` and send it."""
    from allauth.account.adapter import get_adapter

    from solidair.accounts.models import User

    ctx: dict[str, Any] = dict(context)
    ctx["email"] = email
    ctx["current_site"] = _Site()
    ctx["site_url"] = settings.SITE_URL
    ctx["SITE_NAME"] = settings.SITE_NAME
    user_id = ctx.pop("user_id", None)
    if user_id is not None:
        user = User.objects.select_related("profile").filter(pk=user_id).first()
        if user is not None:
            ctx["user"] = user
            ctx["recipient_name"] = user.display_name
    timestamp = ctx.get("timestamp")
    if isinstance(timestamp, str):
        with contextlib.suppress(ValueError):
            ctx["timestamp"] = datetime.datetime.fromisoformat(timestamp)
    with translation.override(language):
        ctx["LANGUAGE_CODE"] = language
        ctx["LANGUAGE_BIDI"] = translation.get_language_bidi()
        message = get_adapter().render_mail(template_prefix, email, ctx)
    message.send()
