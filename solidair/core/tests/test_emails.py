from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from solidair.core.emails import send_templated_email


@pytest.fixture
def email_templates(settings, tmp_path):
    """A throw-away email template (emails/demo/) that uses the shared base templates."""
    folder = tmp_path / "templates" / "emails" / "demo"
    folder.mkdir(parents=True)
    (folder / "subject.txt").write_text(
        '{% get_current_language as lang %}[{{ lang }}] {% translate "Welcome" %} {{ thing }}\n',
        encoding="utf-8",
    )
    (folder / "body.txt").write_text(
        '{% extends "emails/base.txt" %}{% block content %}{% translate "Log in" %}: '
        "{{ thing }} {{ site_url }}{% endblock %}",
        encoding="utf-8",
    )
    (folder / "body.html").write_text(
        '{% extends "emails/base.html" %}{% block content %}<p>{% translate "Log in" %}: '
        "{{ thing }}</p>{% endblock %}",
        encoding="utf-8",
    )
    templates = [dict(t) for t in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path / "templates"]
    settings.TEMPLATES = templates
    return folder


def test_it_sends_a_multipart_email_to_an_address(db, email_templates, settings):
    send_templated_email(to="someone@example.org", template="demo", context={"thing": "<b>x</b>"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.to == ["someone@example.org"]
    assert message.subject == "[nl] Welcome <b>x</b>"  # Dutch by default; not escaped
    assert "<b>x</b>" in message.body  # the text part is not HTML-escaped
    assert settings.SITE_URL in message.body
    html, mimetype = message.alternatives[0]
    html = str(html)
    assert mimetype == "text/html"
    assert "&lt;b&gt;x&lt;/b&gt;" in html  # the HTML part is escaped
    assert "List-Unsubscribe" not in message.extra_headers


def test_it_uses_the_given_language_for_a_bare_address(db, email_templates):
    send_templated_email(to="someone@example.org", template="demo", context={}, language="en")
    assert mail.outbox[0].subject.startswith("[en]")


def test_it_writes_in_the_recipients_preferred_language(citizen, email_templates):
    citizen.profile.preferred_language = "en"
    citizen.profile.save()
    send_templated_email(to=citizen, template="demo", context={"thing": "t"}, language="nl")
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    assert message.to == [citizen.email]
    assert message.subject.startswith("[en]")
    assert 'lang="en"' in str(message.alternatives[0][0])


def test_it_adds_an_unsubscribe_link_and_header_for_a_user(citizen, email_templates, settings):
    send_templated_email(to=citizen, template="demo", context={})
    message = mail.outbox[0]
    assert isinstance(message, EmailMultiAlternatives)
    url = settings.SITE_URL + reverse(
        "accounts:unsubscribe", kwargs={"token": citizen.profile.unsubscribe_token}
    )
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    assert url in str(message.alternatives[0][0])
    assert citizen.display_name in message.body


def test_it_sends_nothing_to_an_inactive_user(citizen, email_templates):
    citizen.is_active = False
    citizen.save()
    send_templated_email(to=citizen, template="demo", context={})
    assert mail.outbox == []


def test_it_refuses_a_context_that_cannot_travel_through_the_queue(citizen, email_templates):
    with pytest.raises(TypeError):
        send_templated_email(to=citizen, template="demo", context={"user": citizen})
