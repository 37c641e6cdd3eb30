"""Email over real SMTP: EMAIL_URL=smtp://… is parsed into Django's settings and a templated
email reaches an SMTP server (aiosmtpd on 127.0.0.1) as a proper multipart message."""

from __future__ import annotations

import email
import email.policy
import logging
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.test import override_settings

from config.settings import email_settings_from_url
from solidair.core.emails import send_templated_email

TEST_TEMPLATES = Path(__file__).parent / "templates"


class CollectingHandler:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[CollectingHandler, int]]:
    handler = CollectingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    # aiosmtpd logs every SMTP line from its own thread, and a traceback when stop() cuts
    # the idle connection, after pytest has closed the stream it captured the log into.
    smtp_log = logging.getLogger("mail.log")
    smtp_log.disabled = True
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
        smtp_log.disabled = False


@pytest.fixture
def email_templates() -> Iterator[None]:
    engine: dict[str, Any] = settings.TEMPLATES[0]
    templates = [{**engine, "DIRS": [TEST_TEMPLATES, *engine["DIRS"]]}]
    with override_settings(TEMPLATES=templates):
        yield


def received(handler: CollectingHandler) -> tuple[Any, EmailMessage]:
    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return envelope, message


def test_a_templated_email_to_a_user_arrives_over_smtp_as_text_and_html(
    smtp_server, email_templates, citizen
):
    handler, port = smtp_server
    citizen.profile.preferred_language = "en"
    citizen.profile.save()

    with override_settings(**email_settings_from_url(f"smtp://127.0.0.1:{port}")):
        send_templated_email(to=citizen, template="smtp_check", context={"place": "Gent"})

    envelope, message = received(handler)
    assert envelope.rcpt_tos == [citizen.email]
    assert message["To"] == citizen.email
    assert message["Subject"] == f"{settings.SITE_NAME}: test — café & co"
    assert message.get_content_type() == "multipart/alternative"
    parts = {part.get_content_type(): part.get_content() for part in message.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}
    # Plain text is not HTML-escaped; the HTML part is.
    assert "Hello Fatima," in parts["text/plain"]
    assert "Tom & Jerry say hello from Gent." in parts["text/plain"]
    assert "Tom &amp; Jerry" in parts["text/html"]
    assert "<strong>Gent</strong>" in parts["text/html"]

    unsubscribe = f"/unsubscribe/{citizen.profile.unsubscribe_token}/"
    # A long header is folded onto a continuation line: whitespace around it is not part
    # of the value.
    assert str(message["List-Unsubscribe"]).strip() == f"<{settings.SITE_URL}{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in parts["text/plain"]
    assert unsubscribe in parts["text/html"]


def test_an_email_to_a_bare_address_has_no_unsubscribe_header(smtp_server, email_templates, db):
    handler, port = smtp_server

    with override_settings(**email_settings_from_url(f"smtp://127.0.0.1:{port}")):
        send_templated_email(
            to="someone@example.org", template="smtp_check", context={"place": "Gent"}
        )

    envelope, message = received(handler)
    assert envelope.rcpt_tos == ["someone@example.org"]
    assert message["List-Unsubscribe"] is None
    plain = message.get_body(("plain",))
    assert plain is not None
    assert "Unsubscribe" not in plain.get_content()


# --- EMAIL_URL parsing ------------------------------------------------------------------------

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_smtp_url_gives_host_port_and_credentials():
    assert email_settings_from_url("smtp://mailer:s3cret@mail.example.org:2525") == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 20,
    }


def test_smtp_url_without_port_uses_25():
    result = email_settings_from_url("smtp://mail.example.org")
    assert result["EMAIL_PORT"] == 25
    assert result["EMAIL_HOST_USER"] == ""


def test_smtp_tls_url_uses_starttls_on_587():
    result = email_settings_from_url("smtp+tls://u:p@mail.example.org")
    assert result["EMAIL_PORT"] == 587
    assert result["EMAIL_USE_TLS"] is True
    assert result["EMAIL_USE_SSL"] is False


def test_smtp_ssl_url_uses_implicit_tls_on_465():
    result = email_settings_from_url("smtp+ssl://u:p@mail.example.org")
    assert result["EMAIL_PORT"] == 465
    assert result["EMAIL_USE_SSL"] is True
    assert result["EMAIL_USE_TLS"] is False


def test_smtp_url_decodes_percent_encoded_credentials():
    result = email_settings_from_url("smtp+tls://me%40example.org:p%2Fw%3Ad@mail.example.org:587")
    assert result["EMAIL_HOST_USER"] == "me@example.org"
    assert result["EMAIL_HOST_PASSWORD"] == "p/w:d"


def test_console_url_prints_emails():
    assert email_settings_from_url("console://") == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"
    }


def test_file_url_writes_emails_to_the_path():
    assert email_settings_from_url("file:///var/mail/solidair") == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/mail/solidair",
    }


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtps//oops", "", "imap://x"])
def test_an_unknown_scheme_is_refused(url):
    with pytest.raises(ValueError, match="unknown scheme"):
        email_settings_from_url(url)
