"""Reads: chainable querysets for articles and tags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    from .models import Article, Tag  # noqa: F401

    AnyUser: TypeAlias = User | AnonymousUser

# A query of more words is cut: every word is one more condition.
MAX_QUERY_TERMS = 6


def _published_q() -> models.Q:
    return models.Q(status="published", published_at__lte=timezone.now())


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> ArticleQuerySet:
        """Articles readers see: published, and their publication moment has passed. A
        scheduled article appears by itself when its moment comes (no job needed)."""
        return self.filter(_published_q())

    def scheduled(self) -> ArticleQuerySet:
        return self.filter(status="published", published_at__gt=timezone.now())

    def submitted(self) -> ArticleQuerySet:
        """Submissions of organisations waiting for an editor, oldest first."""
        return self.filter(status="submitted").order_by("created_at", "pk")

    def visible_to(self, user: AnyUser) -> ArticleQuerySet:
        """Published articles for everyone; every article for city editors; an
        organisation's own submissions for its owner and administrators."""
        from .permissions import is_city_editor

        if is_city_editor(user):
            return self.all()
        if not user.is_authenticated:
            return self.published()
        from solidair.organisations.models import Membership

        admin_of = Membership.objects.filter(user_id=user.pk, role__in=["owner", "admin"]).values(
            "organisation_id"
        )
        return self.filter(
            _published_q() | models.Q(submitted_by_organisation=True, organisation__in=admin_of)
        )

    def submitted_by_organisations_of(self, user: AnyUser) -> ArticleQuerySet:
        """The articles the organisations `user` administers submitted, any status,
        newest first (their submissions page)."""
        if not user.is_authenticated:
            return self.none()
        from solidair.organisations.models import Membership

        admin_of = Membership.objects.filter(user_id=user.pk, role__in=["owner", "admin"]).values(
            "organisation_id"
        )
        return self.filter(submitted_by_organisation=True, organisation__in=admin_of).order_by(
            "-created_at", "-pk"
        )

    def with_related(self) -> ArticleQuerySet:
        """Everything a card, the article page or a feed shows, in a bounded number of
        queries."""
        return self.select_related("organisation", "author", "author__profile").prefetch_related(
            "tags"
        )

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-pk")

    def tagged(self, tag: Any) -> ArticleQuerySet:
        """Articles with `tag` (a Tag or its slug). Exists, not a join: no duplicate rows."""
        from .models import Article

        lookup = {"tag": tag} if not isinstance(tag, str) else {"tag__slug": tag}
        through = Article.tags.through.objects.filter(article_id=models.OuterRef("pk"), **lookup)
        return self.filter(models.Exists(through))

    def search(self, q: str | None) -> ArticleQuerySet:
        """Every word of `q` must occur in the title, lead or text (case-insensitive).
        News is a small table (hundreds of articles, not the exchange's 100,000 posts),
        so a plain LIKE is fast enough and behaves the same on SQLite and PostgreSQL."""
        terms = (q or "").split()[:MAX_QUERY_TERMS]
        qs = self
        for term in terms:
            qs = qs.filter(
                models.Q(title__icontains=term)
                | models.Q(lead__icontains=term)
                | models.Q(body__icontains=term)
            )
        return qs

    def filter_list(self, *, tag: Any = None, q: str | None = None) -> ArticleQuerySet:
        """The filters of the list page, the feeds and the API; newest first. Does not
        restrict visibility: chain after published()/visible_to()."""
        qs = self
        if tag:
            qs = qs.tagged(tag)
        if q and q.strip():
            qs = qs.search(q)
        return qs.newest_first()


class TagQuerySet(models.QuerySet["Tag"]):
    def in_use(self) -> TagQuerySet:
        """Tags of at least one published article, with `article_count`, by name."""
        from .models import Article

        published = Article.objects.published().filter(tags=models.OuterRef("pk"))
        return (
            self.filter(models.Exists(published))
            .annotate(
                article_count=models.Count(
                    "articles",
                    filter=models.Q(
                        articles__status="published",
                        articles__published_at__lte=timezone.now(),
                    ),
                )
            )
            .order_by("name", "pk")
        )
