"""Templated, multipart emails sent in the background, in the recipient's language.

Callers only enqueue: ``send_templated_email`` validates the arguments and hands plain,
JSON-serialisable values to a django-tasks task (``solidair.core.tasks``), which renders
``templates/emails/<template>/subject.txt``, ``body.txt`` and ``body.html`` and sends them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.serializers.json import DjangoJSONEncoder
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation

if TYPE_CHECKING:
    from solidair.accounts.models import User


def _plain(context: dict[str, Any]) -> dict[str, Any]:
    # Round-trip through JSON so what the worker receives is exactly what a database queue
    # would store; lazy strings and dates become strings here, model instances fail loudly.
    result: dict[str, Any] = json.loads(json.dumps(context, cls=DjangoJSONEncoder))
    return result


def send_templated_email(
    *,
    to: User | str,
    template: str,
    context: dict[str, Any],
    language: str | None = None,
    about: tuple[str, int] | None = None,
) -> None:
    """Enqueue an email rendered from ``templates/emails/<template>/``.

    ``to`` is a User (the email then gets an unsubscribe link and a List-Unsubscribe
    header, and is written in their Profile.preferred_language) or a bare address.
    ``context`` must hold plain values (str, numbers, bools, lists, dicts): it travels
    through the task queue. The templates also get ``site_url``, ``SITE_NAME`` and
    ``recipient_name``. ``about`` = (moderation kind, id), e.g. ``("message", 12)``: the
    email is dropped if the moderators hide that content before it is sent.
    """
    from solidair.core.tasks import send_templated_email_task

    if isinstance(to, str):
        user_id: int | None = None
        email: str | None = to
    else:
        user_id = to.pk
        email = None
    send_templated_email_task.enqueue(
        user_id=user_id,
        email=email,
        template=template,
        context=_plain(context),
        language=language,
        about=list(about) if about else None,
    )


def _render_text(template_name: str, context: dict[str, Any]) -> str:
    # Plain-text parts are not HTML: "&" must stay "&", not become "&amp;".
    template = get_template(template_name)
    return str(template.template.render(Context(context, autoescape=False)))  # type: ignore[attr-defined]


def absolute_url(path: str) -> str:
    """``path`` on the public site (settings.SITE_URL), for links in emails."""
    return f"{settings.SITE_URL}{path}"


def build_templated_email(
    *,
    to: User | str,
    template: str,
    context: dict[str, Any],
    language: str | None = None,
) -> EmailMultiAlternatives | None:
    """Render the email (in the worker). Returns None when there is nobody to send it to
    (an inactive user)."""
    headers: dict[str, str] = {}
    ctx: dict[str, Any] = {
        "site_url": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        "recipient_name": "",
        "unsubscribe_url": "",
    }
    if isinstance(to, str):
        address = to
        lang = language or settings.LANGUAGE_CODE
    else:
        if not to.is_active:
            return None
        address = to.email
        profile = getattr(to, "profile", None)
        preferred: str | None = profile.preferred_language if profile else None
        lang = preferred or language or settings.LANGUAGE_CODE
        ctx["recipient_name"] = to.display_name
        if profile is not None:
            url = absolute_url(
                reverse("accounts:unsubscribe", kwargs={"token": profile.unsubscribe_token})
            )
            ctx["unsubscribe_url"] = url
            headers["List-Unsubscribe"] = f"<{url}>"
            # RFC 8058: mail clients may unsubscribe with one POST, without a page visit.
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if lang not in dict(settings.LANGUAGES):
        lang = settings.LANGUAGE_CODE
    ctx.update(context)
    with translation.override(lang):
        ctx["LANGUAGE_CODE"] = lang
        ctx["LANGUAGE_BIDI"] = translation.get_language_bidi()
        subject = " ".join(_render_text(f"emails/{template}/subject.txt", ctx).splitlines())
        subject = subject.strip()
        text = _render_text(f"emails/{template}/body.txt", ctx).strip() + "\n"
        html = render_to_string(f"emails/{template}/body.html", ctx)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message
