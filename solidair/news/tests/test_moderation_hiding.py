"""An article the moderators hid: gone for readers (list, search, tags, page, feeds, API,
home page), still seen with a notice by those who manage it and by the moderators. A
suspended person writes, publishes or submits nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from solidair.moderation import services as moderation
from solidair.moderation.registry import get_kind
from solidair.news import services
from solidair.news.models import Article, Tag
from solidair.news.tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db

TITLE = "Gratis zonnepanelen ZWENDEL"
NOTICE = "Hidden by the moderators"


def hide(article: Article) -> Article:
    Article.objects.filter(pk=article.pk).update(hidden_at=timezone.now())
    article.refresh_from_db()
    return article


def suspend(user):
    user.suspended_until = timezone.now() + timedelta(days=3)
    user.save(update_fields=["suspended_until"])
    return user


def data() -> services.ArticleData:
    return services.ArticleData(title="Soepbar", lead="Elke vrijdag soep.", body="Kom proeven.")


@pytest.fixture
def tag():
    return TagFactory.create(name="Energie", slug="energie")


@pytest.fixture
def hidden(tag, organisation, org_admin, editor):
    """An organisation's article, approved and published, then hidden."""
    article = ArticleFactory.create(
        title=TITLE,
        body="Bel nu ZWENDELNUMMER.",
        author=org_admin,
        organisation=organisation,
        submitted_by_organisation=True,
        reviewed_by=editor,
    )
    article.tags.set([tag])
    return hide(article)


def test_a_hidden_article_is_gone_for_readers_everywhere(client, hidden, tag, stranger):
    assert not Article.objects.published().exists()
    assert list(Tag.objects.in_use()) == []
    for person in (None, stranger):
        if person is not None:
            client.force_login(person)
        for url in (
            reverse("news:list"),
            reverse("news:list") + "?q=zonnepanelen",
            reverse("news:list") + f"?tag={tag.slug}",
            reverse("core:home"),
            reverse("news:feed_rss"),
            reverse("news:feed_atom"),
            reverse("news:tag_feed_rss", args=[tag.slug]),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert TITLE not in response.content.decode(), url
        assert client.get(hidden.get_absolute_url()).status_code == 404
        assert client.get(reverse("api:get_news", args=[hidden.slug])).status_code == 404
        assert client.get(reverse("api:list_news")).json()["items"] == []
        assert client.get(reverse("api:list_news") + "?q=zonnepanelen").json()["items"] == []


@pytest.mark.parametrize("persona", ["org_admin", "org_second_admin", "editor", "moderator"])
def test_those_who_manage_it_and_the_moderators_see_it_with_the_notice(
    request, client, hidden, persona
):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(hidden.get_absolute_url())
    assert page.status_code == 200
    assert NOTICE in page.content.decode()
    # The API shows what readers see.
    assert client.get(reverse("api:get_news", args=[hidden.slug])).status_code == 404


def test_the_author_of_a_city_article_sees_it_with_the_notice(client, editor):
    article = hide(ArticleFactory.create(title=TITLE, author=editor))
    client.force_login(editor)
    assert NOTICE in client.get(article.get_absolute_url()).content.decode()


def test_the_editors_desk_still_lists_it_marked_as_hidden(client, hidden, editor):
    client.force_login(editor)
    page = client.get(reverse("news:manage")).content.decode()
    assert TITLE in page
    assert NOTICE in page


def test_a_live_article_has_no_notice(client):
    article = ArticleFactory.create(title="Buurtfeest")
    assert NOTICE not in client.get(article.get_absolute_url()).content.decode()


def test_hiding_retires_the_cached_pages(
    client, citizen, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory.create(title=TITLE)
    assert TITLE in client.get(reverse("news:list")).content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200
    report = moderation.report_content(
        reporter=citizen, kind="article", pk=article.pk, reason="scam"
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation.decide_report(
            moderator=moderator,
            report=report,
            decision=moderation.Decision(content="hide", remark="Oplichting."),
        )
    assert TITLE not in client.get(reverse("news:list")).content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_approval_email_is_dropped_when_the_article_is_hidden_first(
    org_admin, organisation, editor, django_capture_on_commit_callbacks
):
    article = services.submit_article(by=org_admin, organisation=organisation, data=data())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        services.approve_article(article=article, by=editor)
    hide(article)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


# --- the registry's description ---------------------------------------------------------------


def test_the_article_kind_describes_the_article(hidden, org_admin):
    kind = get_kind("article")
    assert kind is not None
    assert kind.author(hidden) == org_admin
    assert kind.describe(hidden) == TITLE
    assert "ZWENDELNUMMER" in kind.excerpt(hidden)
    assert kind.url(hidden) == hidden.get_absolute_url()


def test_nobody_reports_what_they_cannot_see(hidden, stranger, org_second_admin, moderator):
    kind = get_kind("article")
    assert kind is not None
    assert not kind.can_see(stranger, hidden)
    assert kind.can_see(org_second_admin, hidden)
    assert kind.can_see(moderator, hidden)
    draft = ArticleFactory.create(draft=True)
    scheduled = ArticleFactory.create(scheduled=True)
    for article in (draft, scheduled):
        assert not kind.can_see(stranger, article)
        assert not kind.can_see(moderator, article)  # moderators are not editors
        with pytest.raises(PermissionDenied):
            moderation.report_content(
                reporter=stranger, kind="article", pk=article.pk, reason="spam"
            )


def test_the_report_link_is_for_signed_in_readers(client, stranger, editor):
    article = ArticleFactory.create()
    report_url = reverse("moderation:report", args=["article", article.pk])
    assert report_url not in client.get(article.get_absolute_url()).content.decode()
    client.force_login(stranger)
    assert report_url in client.get(article.get_absolute_url()).content.decode()
    client.force_login(editor)
    assert report_url not in client.get(article.get_absolute_url()).content.decode()


# --- suspended people ------------------------------------------------------------------------


def test_a_suspended_editor_writes_and_publishes_nothing(editor):
    article = ArticleFactory.create(draft=True, author=editor)
    suspend(editor)
    with pytest.raises(PermissionDenied, match="suspended"):
        services.create_article(by=editor, data=data(), publish=True)
    with pytest.raises(PermissionDenied, match="suspended"):
        services.update_article(article=article, by=editor, data=data())
    with pytest.raises(PermissionDenied, match="suspended"):
        services.publish_article(article=article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert Article.objects.count() == 1


def test_a_suspended_organisation_admin_submits_nothing(client, org_admin, organisation):
    suspend(org_admin)
    with pytest.raises(PermissionDenied, match="suspended"):
        services.submit_article(by=org_admin, organisation=organisation, data=data())
    client.force_login(org_admin)
    response = client.post(
        reverse("news:submit"),
        {"organisation": organisation.slug, "title": "Soepbar", "lead": "Soep.", "body": "Kom."},
    )
    assert response.status_code == 400
    assert "Your account is suspended until" in response.content.decode()
    assert not Article.objects.exists()


def test_a_suspended_editor_is_told_on_the_form(client, editor):
    suspend(editor)
    client.force_login(editor)
    response = client.post(
        reverse("news:create"),
        {"title": "Soepbar", "lead": "Soep.", "body": "Kom.", "publication": "now"},
    )
    assert response.status_code == 400
    assert "Your account is suspended until" in response.content.decode()
    assert not Article.objects.exists()
