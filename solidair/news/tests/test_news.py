"""News: publication rules, permissions, the editor and submission flows, feeds, the API
and bounded queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import feedparser  # type: ignore[import-untyped]
import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from solidair.core.markdown import render_markdown
from solidair.news import services
from solidair.news.models import Article
from solidair.news.permissions import is_city_editor
from solidair.news.tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db


def data(**overrides: Any) -> services.ArticleData:
    values: dict[str, Any] = {
        "title": "Soepbar in Ledeberg",
        "lead": "Elke vrijdag soep.",
        "body": "Kom **proeven**.",
    }
    values.update(overrides)
    return services.ArticleData(**values)


# --- publication rules ------------------------------------------------------------------------


def test_a_scheduled_article_is_invisible_until_its_moment(client):
    article = ArticleFactory.create(scheduled=True, title="Later nieuws")
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Later nieuws" not in client.get(reverse("news:list")).content.decode()
    assert client.get(reverse("api:get_news", args=[article.slug])).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    cache.clear()  # the anonymous page cache may hold the list for a few seconds
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Later nieuws" in client.get(reverse("news:list")).content.decode()


@pytest.mark.parametrize("trait", ["draft", "unpublished"])
def test_drafts_and_unpublished_articles_answer_404(client, trait):
    article = ArticleFactory.create(**{trait: True})
    assert client.get(article.get_absolute_url()).status_code == 404


def test_unpublishing_takes_an_article_offline(client, editor):
    article = ArticleFactory.create()
    assert client.get(article.get_absolute_url()).status_code == 200
    services.unpublish_article(article=article, by=editor)
    cache.clear()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_submitted_article_is_invisible_until_approved(client, org_admin, organisation, editor):
    article = services.submit_article(by=org_admin, organisation=organisation, data=data())
    assert article.status == Article.Status.SUBMITTED
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(org_admin)  # the organisation sees its own submission
    assert client.get(article.get_absolute_url()).status_code == 200
    client.logout()
    services.approve_article(article=article, by=editor, remark="Mooi!")
    assert client.get(article.get_absolute_url()).status_code == 200


# --- permissions ----------------------------------------------------------------------------


def test_only_city_editors_publish(citizen, org_admin, editor, moderator):
    assert is_city_editor(editor)
    for person in (citizen, org_admin, moderator):
        assert not is_city_editor(person)
        with pytest.raises(PermissionDenied):
            services.create_article(by=person, data=data(), publish=True)
    assert services.create_article(by=editor, data=data(), publish=True).is_live


def test_organisations_only_submit(org_admin, org_member, organisation, citizen):
    with pytest.raises(PermissionDenied):
        services.submit_article(by=org_member, organisation=organisation, data=data())
    with pytest.raises(PermissionDenied):
        services.submit_article(by=citizen, organisation=organisation, data=data())
    article = services.submit_article(by=org_admin, organisation=organisation, data=data())
    with pytest.raises(PermissionDenied):
        services.approve_article(article=article, by=org_admin)


def test_a_pending_organisation_cannot_submit(org_admin, organisation):
    organisation.status = "pending"
    organisation.save()
    with pytest.raises(PermissionDenied):
        services.submit_article(by=org_admin, organisation=organisation, data=data())


def test_editor_pages_refuse_others(client, citizen, org_admin):
    for person in (citizen, org_admin):
        client.force_login(person)
        assert client.get(reverse("news:manage")).status_code == 403
        assert client.get(reverse("news:create")).status_code == 403


# --- review and emails ------------------------------------------------------------------------


def test_approval_emails_the_organisation_admins_with_the_remark(
    org_admin,
    org_second_admin,
    org_member,
    organisation,
    editor,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        article = services.submit_article(by=org_admin, organisation=organisation, data=data())
    editor_mail = [m for m in mail.outbox if editor.email in m.to]
    assert editor_mail
    assert "Soepbar in Ledeberg" in editor_mail[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_article(article=article, by=editor, remark="Goed geschreven.")
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([org_admin.email, org_second_admin.email])
    assert "Goed geschreven." in mail.outbox[0].body
    assert "accepted" in mail.outbox[0].subject


def test_rejection_needs_a_remark_and_is_emailed_in_the_admins_language(
    org_admin, organisation, editor, django_capture_on_commit_callbacks
):
    org_admin.profile.preferred_language = "nl"
    org_admin.profile.save()
    article = services.submit_article(by=org_admin, organisation=organisation, data=data())
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        services.reject_article(article=article, by=editor, remark="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_article(article=article, by=editor, remark="Te commercieel.")
    assert Article.objects.get(pk=article.pk).status == Article.Status.REJECTED
    (message,) = mail.outbox
    assert "Te commercieel." in message.body
    # Written in the admin's language (the Dutch strings arrive with the translations).
    assert isinstance(message, EmailMultiAlternatives)
    assert 'lang="nl"' in str(message.alternatives[0][0])


def test_the_review_page_approves_with_a_remark(client, org_admin, organisation, editor):
    article = services.submit_article(by=org_admin, organisation=organisation, data=data())
    client.force_login(editor)
    response = client.post(
        reverse("news:review", args=[article.pk]), {"decision": "approve", "remark": "Top"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_live
    assert article.review_remark == "Top"


def test_refusing_without_a_remark_shows_an_error(client, org_admin, organisation, editor):
    article = services.submit_article(by=org_admin, organisation=organisation, data=data())
    client.force_login(editor)
    response = client.post(reverse("news:review", args=[article.pk]), {"decision": "reject"})
    assert response.status_code == 400
    assert Article.objects.get(pk=article.pk).status == Article.Status.SUBMITTED


# --- the editor's form ------------------------------------------------------------------------


def test_an_editor_schedules_an_article_in_the_site(client, editor):
    client.force_login(editor)
    moment = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("news:create"),
        {
            "title": "Nieuwe vormingen",
            "lead": "In januari starten nieuwe vormingen.",
            "body": "Schrijf je **nu** in.",
            "tags": "vorming, vrijwilligerswerk",
            "publication": "schedule",
            "published_at": moment,
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title="Nieuwe vormingen")
    assert article.is_scheduled
    assert sorted(t.slug for t in article.tags.all()) == ["vorming", "vrijwilligerswerk"]


def test_scheduling_in_the_past_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("news:create"),
        {
            "title": "T",
            "lead": "L",
            "body": "B",
            "publication": "schedule",
            "published_at": "2020-01-01T10:00",
        },
    )
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_the_preview_button_renders_without_saving(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("news:create"),
        {
            "title": "T",
            "lead": "L",
            "body": "**vet** <script>alert(1)</script>",
            "publication": "now",
            "preview": "1",
        },
    )
    html = response.content.decode()
    assert "<strong>vet</strong>" in html
    assert "<script>alert(1)" not in html
    assert not Article.objects.exists()


def test_the_htmx_preview_uses_the_sanitiser(client, editor, citizen):
    client.force_login(editor)
    response = client.post(
        reverse("news:preview"), {"body": '[x](https://example.org) <img src=x onerror="alert(1)">'}
    )
    html = response.content.decode()
    assert 'rel="nofollow noopener"' in html
    assert "onerror" not in html
    client.force_login(citizen)
    assert client.post(reverse("news:preview"), {"body": "x"}).status_code == 403


def test_an_image_needs_a_description(client, editor):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    client.force_login(editor)
    upload = SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")
    response = client.post(
        reverse("news:create"),
        {"title": "T", "lead": "L", "body": "B", "publication": "now", "image": upload},
    )
    assert response.status_code == 400
    assert not Article.objects.exists()


# --- sanitising -------------------------------------------------------------------------------


def test_script_and_event_handlers_are_stripped_and_links_get_rel(client):
    article = ArticleFactory.create(
        body='Hallo <script>alert("x")</script> '
        '<a href="https://example.org" onclick="steal()">link</a>'
        " [md](javascript:alert(1)) [ok](https://gent.be)"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('class="prose article__body">', 1)[1].split("</div>", 1)[0]
    assert "<script" not in body
    assert "onclick" not in body
    assert "javascript:" not in body
    assert 'href="https://gent.be" rel="nofollow noopener"' in body
    assert render_markdown("<b onmouseover=x>hi</b>") == "<p><b>hi</b></p>"


# --- list, filters, feeds ---------------------------------------------------------------------


def test_the_list_filters_by_tag_and_search(client):
    winter = TagFactory.create(name="winter", slug="winter")
    warm = ArticleFactory.create(title="Warme soep")
    warm.tags.add(winter)
    ArticleFactory.create(title="Zomerfeest")
    html = client.get(reverse("news:list") + "?tag=winter").content.decode()
    assert "Warme soep" in html
    assert "Zomerfeest" not in html
    html = client.get(reverse("news:list") + "?q=zomer").content.decode()
    assert "Zomerfeest" in html
    assert "Warme soep" not in html
    assert (
        reverse("news:tag_feed_rss", args=["winter"])
        in client.get(reverse("news:list") + "?tag=winter").content.decode()
    )


def test_news_and_home_pages_announce_the_feeds(client):
    for url in (reverse("news:list"), reverse("core:home")):
        html = client.get(url).content.decode()
        assert 'rel="alternate" type="application/rss+xml"' in html
        assert reverse("news:feed_atom") in html


@pytest.mark.parametrize("name", ["news:feed_rss", "news:feed_atom"])
def test_feeds_are_valid_and_only_show_published_news(client, name):
    tag = TagFactory.create(name="taal", slug="taal")
    live = ArticleFactory.create(title="Taalcafé opent")
    live.tags.add(tag)
    ArticleFactory.create(title="Nog geheim", scheduled=True)
    ArticleFactory.create(title="Ontwerp", draft=True)
    feed = feedparser.parse(client.get(reverse(name)).content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Taalcafé opent"]
    assert feed.entries[0].link.endswith(live.get_absolute_url())
    tag_feed = feedparser.parse(
        client.get(reverse(name.replace("news:", "news:tag_"), args=["taal"])).content
    )
    assert not tag_feed.bozo
    assert [entry.title for entry in tag_feed.entries] == ["Taalcafé opent"]


def test_an_unknown_tag_feed_is_404(client):
    assert client.get(reverse("news:tag_feed_rss", args=["bestaat-niet"])).status_code == 404


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    tags = [TagFactory.create() for _ in range(3)]
    for _ in range(30):
        ArticleFactory.create().tags.set(tags)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("news:list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("news:feed_rss")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("api:list_news")).status_code == 200


# --- API --------------------------------------------------------------------------------------


def test_the_api_lists_published_news_with_filters(client):
    tag = TagFactory.create(name="fiets", slug="fiets")
    ArticleFactory.create(title="Fietsatelier").tags.add(tag)
    ArticleFactory.create(title="Soep")
    ArticleFactory.create(title="Verborgen", draft=True)
    items = client.get(reverse("api:list_news")).json()["items"]
    assert sorted(item["title"] for item in items) == ["Fietsatelier", "Soep"]
    items = client.get(reverse("api:list_news") + "?tag=fiets").json()["items"]
    assert [item["title"] for item in items] == ["Fietsatelier"]
    assert "@" not in str(items)  # never an email address
    one = client.get(reverse("api:get_news", args=[items[0]["slug"]])).json()
    assert one["body_html"] == render_markdown(one["body"])


def test_the_api_answers_json_404_for_unknown_articles(client):
    response = client.get(reverse("api:get_news", args=["nope"]))
    assert response.status_code == 404
    assert "detail" in response.json()


def test_slugs_never_take_a_page_name(editor):
    article = services.create_article(by=editor, data=data(title="Manage"))
    assert article.slug != "manage"


def test_the_submission_form_starts_with_the_organisation_one_acts_for(
    client, org_admin, organisation
):
    from solidair.organisations.tests.factories import MembershipFactory, OrganisationFactory

    other = OrganisationFactory.create(name="Aaa Eerst Alfabetisch", verified=True)
    MembershipFactory.create(organisation=other, user=org_admin, role="owner")
    client.force_login(org_admin)
    session = client.session
    session["acting_organisation"] = organisation.slug
    session.save()
    html = client.get(reverse("news:submit")).content.decode()
    assert f'<option value="{organisation.slug}" selected>' in html


def test_people_who_cannot_submit_get_an_explanation(client, org_member):
    client.force_login(org_member)
    response = client.get(reverse("news:submit"))
    assert response.status_code == 403
    assert "verified the organisation" in response.content.decode()


def test_the_demo_news_is_idempotent(editor, organisation):
    from solidair.core.demo import DemoContext
    from solidair.news.demo import ARTICLES, news

    def run() -> None:
        ctx = DemoContext(size="small", progress=lambda kind: None, password_hash="x")
        ctx.people["admin"] = editor
        ctx.organisations = {
            item.organisation: organisation for item in ARTICLES if item.organisation
        }
        news(ctx)

    run()
    run()
    assert Article.objects.count() == len(ARTICLES)
    assert Article.objects.published().count() == 4  # one scheduled, one waiting for review
    assert Article.objects.submitted().count() == 1
