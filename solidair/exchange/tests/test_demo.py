"""The demo requests and offers of `manage.py seed_demo` (solidair/exchange/demo/)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from solidair.accounts.models import User
from solidair.exchange.demo.conversations import CONVERSATIONS
from solidair.exchange.demo.posts import POSTS
from solidair.exchange.models import Conversation, Match, Message, Post, Response
from solidair.exchange.querysets import unread_total

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "posts": Post.objects.count(),
        "responses": Response.objects.count(),
        "conversations": Conversation.objects.count(),
        # The moderation demo adds one message held for review; the exchange's are the rest.
        "messages": Message.objects.filter(held_reason="").count(),
        "matches": Match.objects.count(),
        "post_languages": Post.languages.through.objects.count(),
        "post_target_groups": Post.target_groups.through.objects.count(),
    }


@pytest.fixture
def seeded() -> str:
    return seed()


def test_running_seed_demo_twice_creates_the_posts_once(seeded):
    first = counts()
    out = seed()

    assert counts() == first
    assert f"{len(POSTS)} posts (0 new)" in out
    assert f"{len(CONVERSATIONS)} conversations (0 new)" in out
    # Every demo post and conversation was really made (a wrong slug would skip one).
    assert first["posts"] == len(POSTS) >= 60
    assert first["conversations"] == len(CONVERSATIONS)
    assert first["messages"] == sum(len(c.messages) for c in CONVERSATIONS)
    assert f"{len(POSTS)} posts ({len(POSTS)} new)" in seeded


def test_posts_are_searchable_with_flemish_words(seeded):
    found = list(Post.objects.public().filter_list(q="velo"))
    assert any("fiets" in post.title.lower() for post in found)
    frigo = Post.objects.public().filter_list(q="koelkast")
    assert [post.title for post in frigo] == ["Frigo in goede staat te geef"]


def test_some_responses_were_accepted_as_matches(seeded):
    accepted = [c for c in CONVERSATIONS if c.accept]
    assert Match.objects.count() == len(accepted) >= 3
    for match in Match.objects.select_related("response", "post"):
        assert match.response.accepted_at is not None
        assert match.counterpart_id == match.response.responder_id
        assert match.post.published_at is not None
        assert match.created_at >= match.post.published_at


def test_the_demo_user_has_a_request_an_offer_and_an_unread_message(seeded):
    demo = User.objects.get(email="demo@example.org")
    own = Post.objects.for_owner(demo)

    assert own.requests().filter(author=demo).exists()
    assert own.offers().filter(author=demo).exists()
    assert unread_total(demo) > 0
    inbox = Conversation.objects.for_participant(demo)
    assert inbox.with_unread().exists()
    # And conversations that were read, so the inbox shows both states.
    assert inbox.count() > inbox.with_unread().count()


def test_no_notification_email_is_sent_or_queued(seeded):
    # The test settings run tasks at once: a queued email would be in the outbox.
    assert mail.outbox == []


def test_posts_are_spread_over_the_last_weeks_and_none_has_expired(seeded):
    now = timezone.now()
    published = [m for m in Post.objects.values_list("published_at", flat=True) if m]
    assert len(published) == Post.objects.count()
    assert all(moment < now for moment in published)
    assert max(published) - min(published) > timedelta(weeks=4)
    assert Post.objects.filter(status=Post.Status.OPEN, expires_at__lte=now).count() == 0
    assert Post.objects.public().count() > 50
    for message in Message.objects.select_related("conversation__post"):
        post_published = message.conversation.post.published_at
        assert post_published is not None
        assert post_published < message.created_at < now


def test_the_demo_covers_the_city_and_the_kinds_of_help(seeded):
    posts = Post.objects.all()
    assert posts.values("neighbourhood").distinct().count() == 25
    assert posts.values("category").distinct().count() >= 20
    assert set(posts.values_list("kind", "nature").distinct()) == {
        ("request", "goods"),
        ("request", "volunteering"),
        ("offer", "goods"),
        ("offer", "volunteering"),
    }
    assert posts.filter(organisation__isnull=False).count() >= 15
    assert posts.filter(status=Post.Status.FULFILLED).exists()
    assert posts.filter(status=Post.Status.CLOSED).exists()
    assert posts.filter(status=Post.Status.OPEN, quantity_open__lt=F("quantity")).exists()
    languages = set(Post.languages.through.objects.values_list("language__code", flat=True))
    assert {"ar", "fa", "ti", "uk"} <= languages
    assert not posts.filter(search_document="").exists()
    assert posts.filter(starts_on__isnull=False).exists()
    assert posts.filter(nature="goods", quantity__isnull=False).count() >= 20
