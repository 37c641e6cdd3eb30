"""The inbox, conversations, accepting responses, the dashboard and closing the loop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from solidair.exchange import services
from solidair.exchange.models import ConversationRead, Match, Message
from solidair.exchange.querysets import unread_total
from solidair.exchange.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    # The pages answer in the browser's language; assertions read the English source strings.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def response(offer, volunteer):
    """`volunteer` responded to `citizen`'s offer."""
    return services.respond_to_post(post=offer, responder=volunteer, message="Ik kom ze halen.")


# --- inbox ----------------------------------------------------------------------------------


def test_the_inbox_lists_conversations_with_the_other_party_and_unread_count(
    client, response, citizen, volunteer
):
    client.force_login(citizen)
    page = client.get(reverse("exchange:inbox")).content.decode()
    assert "Jan Vrijwilliger" in page
    assert "Houten tafel" in page
    assert "1 unread" in page
    assert volunteer.email not in page

    client.force_login(volunteer)
    page = client.get(reverse("exchange:inbox")).content.decode()
    assert "Fatima" in page
    assert "unread" not in page.split("<main")[1].split("</main>")[0]


def test_the_inbox_needs_a_login(client):
    response = client.get(reverse("exchange:inbox"))
    assert response.status_code == 302


def test_the_inbox_lists_newest_activity_first(client, citizen):
    from solidair.accounts.tests.factories import UserFactory

    older = PostFactory.create(author=citizen, title="Oude kast")
    newer = PostFactory.create(author=citizen, title="Nieuwe stoel")
    services.respond_to_post(post=newer, responder=UserFactory.create(), message="Eerst")
    conversation = services.respond_to_post(
        post=older, responder=UserFactory.create(), message="Later"
    ).conversation
    services.send_message(conversation=conversation, sender=citizen, body="Nog later")
    client.force_login(citizen)
    page = client.get(reverse("exchange:inbox")).content.decode()
    assert page.index("Oude kast") < page.index("Nieuwe stoel")


def test_the_inbox_runs_a_bounded_number_of_queries(client, citizen, django_assert_max_num_queries):
    from solidair.accounts.tests.factories import UserFactory

    for post in PostFactory.create_batch(30, author=citizen):
        services.respond_to_post(post=post, responder=UserFactory.create(), message="Graag")
    client.force_login(citizen)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("exchange:inbox")).status_code == 200


def test_the_header_shows_the_unread_badge(client, response, citizen):
    client.force_login(citizen)
    page = client.get(reverse("exchange:list")).content.decode()
    header = page.split("</header>")[0]
    assert reverse("exchange:inbox") in header
    assert '1<span class="visually-hidden"> unread</span>' in header


# --- a conversation ------------------------------------------------------------------------------


def test_both_parties_read_the_conversation_and_it_is_marked_read(client, response, citizen):
    client.force_login(citizen)
    assert unread_total(citizen) == 1
    page = client.get(response.conversation.get_absolute_url()).content.decode()
    assert "Ik kom ze halen." in page
    assert "Jan Vrijwilliger" in page
    assert unread_total(citizen) == 0


def test_a_stranger_gets_a_404_on_someone_elses_conversation(client, response, stranger):
    client.force_login(stranger)
    url = response.conversation.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Ik lees mee"}).status_code == 404
    assert (
        client.get(
            reverse("exchange:conversation_new", args=[response.conversation_id])
        ).status_code
        == 404
    )
    assert not Message.objects.filter(body="Ik lees mee").exists()


def test_an_organisation_admin_takes_part_in_the_conversation(
    client, org_post, volunteer, org_second_admin, org_member
):
    reply = services.respond_to_post(post=org_post, responder=volunteer, message="Ik help graag")
    client.force_login(org_second_admin)
    assert client.get(reply.conversation.get_absolute_url()).status_code == 200
    # A plain member of the organisation does not.
    client.force_login(org_member)
    assert client.get(reply.conversation.get_absolute_url()).status_code == 404


def test_sending_a_message(client, response, citizen):
    client.force_login(citizen)
    reply = client.post(response.conversation.get_absolute_url(), {"body": "Morgen om 10 uur?"})
    message = Message.objects.get(body="Morgen om 10 uur?")
    assert reply.status_code == 302
    assert reply["Location"].endswith(f"#message-{message.pk}")
    assert message.sender == citizen


def test_an_empty_message_is_refused(client, response, citizen):
    client.force_login(citizen)
    reply = client.post(response.conversation.get_absolute_url(), {"body": "   "})
    assert reply.status_code == 400
    assert Message.objects.count() == 1


def test_polling_returns_only_newer_messages_and_a_fresh_poller(
    client, response, citizen, volunteer
):
    first = Message.objects.get()
    later = services.send_message(
        conversation=response.conversation, sender=volunteer, body="Ben je thuis?"
    )
    client.force_login(citizen)
    url = reverse("exchange:conversation_new", args=[response.conversation_id])
    reply = client.get(url, {"after": first.created_at.isoformat()}, headers={"HX-Request": "true"})
    page = reply.content.decode()
    assert reply.status_code == 200
    assert "Ben je thuis?" in page
    assert "Ik kom ze halen." not in page
    assert 'hx-swap-oob="true"' in page
    assert "<html" not in page
    # The new poller asks from the newest message on.
    from urllib.parse import quote

    assert quote(later.created_at.isoformat(), safe="") in page.replace("&amp;", "&")
    assert ConversationRead.objects.get(user=citizen).last_read_at >= later.created_at


def test_polling_with_a_bad_timestamp_is_a_400(client, response, citizen):
    client.force_login(citizen)
    url = reverse("exchange:conversation_new", args=[response.conversation_id])
    assert client.get(url, {"after": "gisteren"}).status_code == 400


def test_the_conversation_runs_a_bounded_number_of_queries(
    client, response, citizen, volunteer, django_assert_max_num_queries
):
    for number in range(30):
        services.send_message(
            conversation=response.conversation, sender=volunteer, body=f"Bericht {number}"
        )
    client.force_login(citizen)
    with django_assert_max_num_queries(20):
        assert client.get(response.conversation.get_absolute_url()).status_code == 200


# --- accepting and the outcome ------------------------------------------------------------------


def test_the_owner_accepts_a_response(client, response, citizen):
    client.force_login(citizen)
    page = client.get(response.conversation.get_absolute_url()).content.decode()
    assert reverse("exchange:accept", args=[response.pk]) in page
    reply = client.post(reverse("exchange:accept", args=[response.pk]))
    assert reply.status_code == 302
    match = Match.objects.get()
    assert match.counterpart == response.responder


def test_the_responder_cannot_accept_their_own_response(client, response, volunteer):
    client.force_login(volunteer)
    assert client.post(reverse("exchange:accept", args=[response.pk])).status_code == 404
    assert not Match.objects.exists()


def test_both_parties_answer_the_outcome_question_once(client, response, citizen, volunteer):
    match = services.accept_response(response=response, by=citizen)
    url = reverse("exchange:match_outcome", args=[match.pk])
    client.force_login(volunteer)
    assert client.get(url).status_code == 200
    client.post(url, {"answer": "partly"})
    client.post(url, {"answer": "no"})
    client.force_login(citizen)
    client.post(url, {"answer": "yes"})
    match.refresh_from_db()
    assert (match.responder_answer, match.poster_answer) == ("partly", "yes")


def test_an_invalid_outcome_answer_is_refused(client, response, citizen):
    match = services.accept_response(response=response, by=citizen)
    client.force_login(citizen)
    reply = client.post(reverse("exchange:match_outcome", args=[match.pk]), {"answer": "misschien"})
    assert reply.status_code == 400
    match.refresh_from_db()
    assert match.poster_answer == ""


def test_a_stranger_cannot_answer_for_a_match(client, response, citizen, stranger):
    match = services.accept_response(response=response, by=citizen)
    client.force_login(stranger)
    assert (
        client.post(
            reverse("exchange:match_outcome", args=[match.pk]), {"answer": "no"}
        ).status_code
        == 404
    )


# --- the dashboard ------------------------------------------------------------------------------


def test_the_dashboard_shows_my_posts_waiting_responses_and_matches(client, response, citizen):
    services.create_post(
        author=citizen,
        data={
            "kind": "request",
            "nature": "goods",
            "category": "clothing",
            "title": "Winterjas gezocht",
            "body": "Maat 122.",
            "neighbourhood": "ledeberg",
        },
    )
    client.force_login(citizen)
    page = client.get(reverse("exchange:dashboard")).content.decode()
    assert "Winterjas gezocht" in page
    assert "Houten tafel" in page
    assert "Responses waiting for you" in page
    assert reverse("exchange:accept", args=[response.pk]) in page

    services.accept_response(response=response, by=citizen)
    page = client.get(reverse("exchange:dashboard")).content.decode()
    assert "Did the help happen?" in page
    assert "Responses waiting for you" not in page


def test_the_dashboard_runs_a_bounded_number_of_queries(
    client, citizen, django_assert_max_num_queries
):
    from solidair.accounts.tests.factories import UserFactory

    posts = PostFactory.create_batch(20, author=citizen) + PostFactory.create_batch(
        15, author=citizen, request=True
    )
    for post in posts[:12]:
        reply = services.respond_to_post(post=post, responder=UserFactory.create(), message="Graag")
        if post.pk % 2:
            services.accept_response(response=reply, by=citizen)
    client.force_login(citizen)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("exchange:dashboard")).status_code == 200


def test_an_expired_match_question_is_still_shown_until_answered(client, response, citizen):
    match = services.accept_response(response=response, by=citizen)
    Match.objects.filter(pk=match.pk).update(asked_at=timezone.now() - timedelta(days=3))
    client.force_login(citizen)
    page = client.get(reverse("exchange:dashboard")).content.decode()
    assert reverse("exchange:match_outcome", args=[match.pk]) in page


def test_the_unread_badge_costs_one_query_and_none_for_visitors(client, response, citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def badge_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("core:home"))
        return sum("exchange_conversationread" in q["sql"] for q in queries.captured_queries)

    assert badge_queries() == 0
    client.force_login(citizen)
    assert badge_queries() == 1


def test_messaging_is_rate_limited(client, response, citizen, settings):
    settings.RATELIMIT_ENABLE = True
    settings.MESSAGE_RATE = "2/h"
    client.force_login(citizen)
    url = response.conversation.get_absolute_url()
    statuses = [client.post(url, {"body": f"Bericht {n}"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert Message.objects.filter(sender=citizen).count() == 2
