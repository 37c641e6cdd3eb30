"""List filters and bounded queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.core.models import Category, Language, Neighbourhood, TargetGroup
from solidair.exchange import services
from solidair.exchange.models import Conversation, Post

from .factories import PostFactory

pytestmark = pytest.mark.django_db


def test_open_excludes_drafts_closed_and_past_expiry():
    open_post = PostFactory.create()
    PostFactory.create(draft=True)
    PostFactory.create(closed=True)
    PostFactory.create(expired=True)
    assert list(Post.objects.open()) == [open_post]


def test_filters_by_kind_nature_category_neighbourhood_group_and_language():
    dampoort = Neighbourhood.objects.get(slug="dampoort")
    arabic = Language.objects.get(code="ar")
    elderly = TargetGroup.objects.get(slug="elderly")
    match = PostFactory.create(
        request=True,
        volunteering=True,
        neighbourhood=dampoort,
        languages=[arabic],
        target_groups=[elderly],
    )
    PostFactory.create(volunteering=True, neighbourhood=dampoort, languages=[arabic])  # offer
    PostFactory.create(request=True, neighbourhood=dampoort)  # goods
    PostFactory.create(request=True, volunteering=True, languages=[arabic], target_groups=[elderly])
    PostFactory.create(
        request=True, volunteering=True, neighbourhood=dampoort, target_groups=[elderly]
    )
    result = Post.objects.public().filter_list(
        kind="request",
        nature="volunteering",
        category="language-coaching",
        neighbourhood="dampoort",
        target_group="elderly",
        language="ar",
    )
    assert list(result) == [match]


def test_filters_accept_instances_and_ignore_empty_values():
    post = PostFactory.create()
    category = Category.objects.get(slug="furniture")
    assert list(Post.objects.filter_list(category=category, kind="", q="")) == [post]


def test_period_filter_keeps_overlapping_and_periodless_posts():
    always = PostFactory.create(title="always")
    inside = PostFactory.create(
        title="inside", starts_on=date(2030, 3, 1), ends_on=date(2030, 3, 31)
    )
    open_end = PostFactory.create(title="open end", starts_on=date(2030, 2, 1))
    PostFactory.create(title="before", starts_on=date(2030, 1, 1), ends_on=date(2030, 1, 31))
    PostFactory.create(title="after", starts_on=date(2030, 5, 1))
    result = Post.objects.filter_list(period_from=date(2030, 3, 15), period_to=date(2030, 4, 15))
    assert set(result) == {always, inside, open_end}


def test_the_list_is_newest_first():
    old = PostFactory.create(published_at=timezone.now() - timedelta(days=3))
    new = PostFactory.create()
    assert list(Post.objects.public().filter_list()) == [new, old]


def test_the_list_runs_a_bounded_number_of_queries(django_assert_max_num_queries):
    for _ in range(15):
        post = PostFactory.create(languages=[Language.objects.get(code="nl")])
        post.target_groups.set(TargetGroup.objects.all()[:2])
    with django_assert_max_num_queries(5):
        posts = list(Post.objects.public().filter_list(q="tafel").with_related()[:20])
        for post in posts:
            _ = (post.category.label, post.neighbourhood.label, post.author.display_name)
            _ = [lang.code for lang in post.languages.all()]
            _ = [group.slug for group in post.target_groups.all()]
            _ = [photo.image for photo in post.photos.all()]
    assert len(posts) == 15


def test_the_inbox_is_one_query(citizen, django_assert_num_queries):
    for _ in range(10):
        post = PostFactory.create(author=citizen)
        services.respond_to_post(post=post, responder=UserFactory.create(), message="Hallo")
    with django_assert_num_queries(1):
        inbox = list(Conversation.objects.for_participant(citizen))
        for conversation in inbox:
            _ = (
                vars(conversation)["unread_count"],
                conversation.post.title,
                conversation.responder.display_name,
                conversation.post.author.display_name,
            )
    assert len(inbox) == 10
    assert all(vars(conversation)["unread_count"] == 1 for conversation in inbox)


def test_unread_total(citizen, volunteer):
    from solidair.exchange.querysets import unread_total

    post = PostFactory.create(author=citizen)
    response = services.respond_to_post(post=post, responder=volunteer, message="Een")
    services.send_message(conversation=response.conversation, sender=volunteer, body="Twee")
    assert unread_total(citizen) == 2
    assert unread_total(volunteer) == 0
