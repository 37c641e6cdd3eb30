"""The daily digest of unread messages (services.send_message_digests)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import cast

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.utils import timezone

from solidair.accounts.models import Profile
from solidair.accounts.tests.factories import UserFactory
from solidair.exchange import services
from solidair.exchange.models import ConversationRead
from solidair.exchange.querysets import unread_total
from solidair.exchange.tasks import expire_posts_task

from .conftest import post_data


def _set_frequency(user, frequency):
    Profile.objects.filter(user=user).update(email_messages=frequency)
    user.profile.refresh_from_db()


def _html(email):
    email = cast(EmailMultiAlternatives, email)
    (content, mimetype) = email.alternatives[0]
    assert mimetype == "text/html"
    return str(content)


def _digests_to(user):
    return [
        email
        for email in mail.outbox
        if email.to == [user.email] and "new message" in email.subject
    ]


@pytest.fixture
def two_conversations(citizen, volunteer, stranger, offer):
    """`citizen` (daily digest) has two conversations with unread messages of others:
    volunteer responded to citizen's offer, and stranger answered citizen's response to
    stranger's post."""
    _set_frequency(citizen, Profile.EmailFrequency.DAILY)
    first = services.respond_to_post(post=offer, responder=volunteer, message="Ik kan helpen!")
    services.send_message(
        conversation=first.conversation, sender=volunteer, body="Wanneer past het?"
    )
    bike = services.create_post(author=stranger, data=post_data(title="Kinderfiets"))
    second = services.respond_to_post(post=bike, responder=citizen, message="Graag!")
    services.send_message(
        conversation=second.conversation, sender=stranger, body="Kom morgen maar langs."
    )
    mail.outbox.clear()
    return first.conversation, second.conversation


def test_a_daily_user_gets_one_email_listing_every_conversation_with_unread_messages(
    citizen, volunteer, stranger, two_conversations
):
    first, second = two_conversations

    assert services.send_message_digests() == 1

    assert len(mail.outbox) == 1
    email = cast(EmailMultiAlternatives, mail.outbox[0])
    assert email.to == [citizen.email]
    html = _html(email)
    for part in (email.body, html):
        assert "Houten tafel" in part
        assert "Kinderfiets" in part
        assert "Jan Vrijwilliger" in part
        assert "Onbekende" in part
        assert f"{settings.SITE_URL}/messages/{first.pk}/" in part
        assert f"{settings.SITE_URL}/messages/{second.pk}/" in part
        assert "Wanneer past het?" in part
        assert "Kom morgen maar langs." in part
        assert "2 new messages" in part  # volunteer's response + message
        assert "1 new message" in part
        for address in (volunteer.email, stranger.email, citizen.email):
            assert address not in part
        assert "@" not in part
    assert "3 new messages" in email.subject


def test_the_digest_has_a_text_and_html_part_and_an_unsubscribe_link(citizen, two_conversations):
    services.send_message_digests()

    email = cast(EmailMultiAlternatives, mail.outbox[0])
    token = citizen.profile.unsubscribe_token
    assert email.body.strip()
    assert f"/unsubscribe/{token}/" in email.body
    assert f"/unsubscribe/{token}/" in _html(email)
    assert email.extra_headers["List-Unsubscribe"].endswith(f"/unsubscribe/{token}/>")


def test_a_second_run_sends_nothing(two_conversations):
    assert services.send_message_digests() == 1
    mail.outbox.clear()

    assert services.send_message_digests() == 0
    assert services.send_message_digests(now=timezone.now() + timedelta(days=1)) == 0
    assert mail.outbox == []


def test_a_new_message_after_a_digest_is_in_the_next_one_alone(
    citizen, volunteer, two_conversations
):
    first, second = two_conversations
    services.send_message_digests()
    mail.outbox.clear()

    services.send_message(conversation=first, sender=volunteer, body="Nog een vraag")

    assert services.send_message_digests() == 1
    email = mail.outbox[0]
    assert "Nog een vraag" in email.body
    assert "1 new message" in email.body
    assert "Wanneer past het?" not in email.body
    assert f"/messages/{second.pk}/" not in email.body


def test_a_digest_run_with_a_future_now_does_not_hide_later_messages(
    citizen, volunteer, two_conversations
):
    first, _ = two_conversations
    assert services.send_message_digests(now=timezone.now() + timedelta(hours=1)) == 1

    services.send_message(conversation=first, sender=volunteer, body="Nog een vraag")

    assert services.send_message_digests() == 1


def test_read_messages_are_not_in_the_digest(citizen, two_conversations):
    first, second = two_conversations
    services.mark_conversation_read(conversation=first, user=citizen)

    assert services.send_message_digests() == 1
    email = mail.outbox[0]
    assert f"/messages/{second.pk}/" in email.body
    assert f"/messages/{first.pk}/" not in email.body
    assert "Houten tafel" not in email.body


def test_nothing_is_sent_when_everything_is_read(citizen, two_conversations):
    for conversation in two_conversations:
        services.mark_conversation_read(conversation=conversation, user=citizen)

    assert services.send_message_digests() == 0
    assert mail.outbox == []


def test_own_messages_are_not_in_the_digest(citizen, volunteer, offer):
    _set_frequency(citizen, Profile.EmailFrequency.DAILY)
    response = services.respond_to_post(post=offer, responder=volunteer, message="Hallo")
    services.send_message(conversation=response.conversation, sender=citizen, body="Eigen tekst")
    mail.outbox.clear()

    # citizen wrote last, so the conversation counts as read: nothing to tell.
    assert services.send_message_digests() == 0

    services.send_message(conversation=response.conversation, sender=volunteer, body="Nog iets")
    # citizen's read marker before everything: their own message is still not news.
    ConversationRead.objects.filter(user=citizen).update(
        last_read_at=timezone.now() - timedelta(days=1)
    )
    assert services.send_message_digests() == 1
    body = mail.outbox[0].body
    assert "2 new messages" in body
    assert "Nog iets" in body
    assert "Eigen tekst" not in body


@pytest.mark.parametrize(
    "frequency", [Profile.EmailFrequency.IMMEDIATELY, Profile.EmailFrequency.NEVER]
)
def test_people_who_did_not_choose_the_digest_get_none(citizen, two_conversations, frequency):
    _set_frequency(citizen, frequency)

    assert services.send_message_digests() == 0
    assert _digests_to(citizen) == []


def test_an_inactive_account_gets_no_digest(citizen, two_conversations):
    citizen.is_active = False
    citizen.save(update_fields=["is_active"])

    assert services.send_message_digests() == 0
    assert mail.outbox == []


def test_the_digest_leaves_unread_counts_alone(citizen, two_conversations):
    before = unread_total(citizen)
    assert before == 3

    services.send_message_digests()

    assert unread_total(citizen) == before


def test_the_responder_sees_the_organisation_name_and_the_admins_the_responder(
    org_post, org_admin, org_second_admin, organisation, volunteer
):
    _set_frequency(volunteer, Profile.EmailFrequency.DAILY)
    _set_frequency(org_second_admin, Profile.EmailFrequency.DAILY)
    response = services.respond_to_post(post=org_post, responder=volunteer, message="Ik help")
    services.send_message(conversation=response.conversation, sender=org_admin, body="Welkom!")
    mail.outbox.clear()

    assert services.send_message_digests() == 2
    (to_volunteer,) = _digests_to(volunteer)
    assert organisation.name in to_volunteer.body
    assert "Welkom!" in to_volunteer.body
    assert "1 new message" in to_volunteer.body
    (to_admin,) = _digests_to(org_second_admin)
    assert "Jan Vrijwilliger" in to_admin.body
    assert "2 new messages" in to_admin.body  # the response and the other admin's message


def _daily_recipient_with_conversations(index, *, conversations, messages):
    recipient = UserFactory.create(
        profile__display_name=f"Ontvanger {index}",
        profile__email_messages=Profile.EmailFrequency.DAILY,
    )
    for number in range(conversations):
        post = services.create_post(
            author=recipient, data=post_data(title=f"Post {index}-{number}")
        )
        helper = UserFactory.create(profile__display_name=f"Helper {index}-{number}")
        response = services.respond_to_post(post=post, responder=helper, message="Hallo")
        for n in range(messages):
            services.send_message(conversation=response.conversation, sender=helper, body=f"{n}")
    return recipient


@pytest.mark.parametrize("recipients", [1, 4])
def test_the_digest_run_does_a_bounded_number_of_queries_per_recipient(
    db, django_assert_max_num_queries, recipients
):
    for index in range(recipients):
        _daily_recipient_with_conversations(index, conversations=3, messages=4)
    # Someone with nothing new costs one query.
    UserFactory.create(profile__email_messages=Profile.EmailFrequency.DAILY)
    mail.outbox.clear()

    # Per recipient (8 today): conversations, marker rows, lock, messages, marker update,
    # plus what the (immediate, in tests) email task reads. A query per conversation (3
    # each) or per message (12 each) would break the bound.
    with django_assert_max_num_queries(2 + 9 * recipients):
        sent = services.send_message_digests()

    assert sent == recipients
    assert len(mail.outbox) == recipients
    assert all("13 new messages" not in email.body for email in mail.outbox)
    assert all("5 new messages" in email.body for email in mail.outbox)


def test_the_daily_command_and_task_send_the_digests(citizen, two_conversations):
    out = StringIO()
    call_command("expire_posts", stdout=out)
    assert "digests=1" in out.getvalue()
    assert len(_digests_to(citizen)) == 1

    result = expire_posts_task.enqueue().return_value
    assert result is not None
    assert result["digests"] == 0
    assert set(result) == {
        "reminded",
        "expired",
        "outcome_questions",
        "digests",
        "matching_digests",
        "retention",
    }
