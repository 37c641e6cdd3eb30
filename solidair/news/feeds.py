"""RSS 2.0 and Atom feeds of the published news, all of it or one tag's (Django's
syndication framework). Only published articles whose moment has passed appear."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from solidair.core.markdown import render_markdown

from .models import Article, Tag

FEED_SIZE = 30


class LatestNewsFeed(Feed[Article, Tag | None]):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Tag | None:
        slug = kwargs.get("slug")
        if slug is None:
            return None
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj: Tag | None) -> str:
        if obj is None:
            return _("News from %(site)s") % {"site": settings.SITE_NAME}
        return _("News about %(tag)s from %(site)s") % {"tag": obj.name, "site": settings.SITE_NAME}

    def link(self, obj: Tag | None) -> str:
        return obj.get_absolute_url() if obj is not None else reverse("news:list")

    def description(self, obj: Tag | None) -> str:
        return _("News from the city and its organisations.")

    def items(self, obj: Tag | None) -> list[Article]:
        articles = Article.objects.published().with_related()
        if obj is not None:
            articles = articles.tagged(obj)
        return list(articles.newest_first()[:FEED_SIZE])

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # The lead and the sanitised text: readers get the same HTML as the page.
        return f"<p>{_escape(item.lead)}</p>{render_markdown(item.body)}"

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime | None:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.byline

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_guid(self, item: Article) -> str:
        # Stable even if the site moves: the article's id, not its address.
        return f"tag:{settings.SITE_NAME.replace(' ', '-').lower()},news:{item.pk}"

    item_guid_is_permalink = False


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Tag | None) -> str:
        return self.description(obj)


def _escape(text: str) -> str:
    from django.utils.html import escape

    return str(escape(text))
