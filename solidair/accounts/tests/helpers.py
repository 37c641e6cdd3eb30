from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives


def html_part(message: Any) -> str:
    """The HTML alternative of a sent email (fails the test when there is none)."""
    assert isinstance(message, EmailMultiAlternatives)
    html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert html, "the email has an HTML part"
    return str(html[0])
