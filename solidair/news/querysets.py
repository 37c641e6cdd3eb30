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


def _shown_q(prefix: str = "") -> models.Q:
    # Not hidden by the moderators.
    return models.Q(**{f"{prefix}hidden_at__isnull": True})


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self, *, with_hidden: bool = False) -> ArticleQuerySet:
        """Articles readers see: published, their publication moment has passed, and not
        hidden by the moderators (`with_hidden` keeps those: the editors' desk). A
        scheduled article appears by itself when its moment comes (no job needed)."""
        if with_hidden:
            return self.filter(_published_q())
        return self.filter(_published_q() & _shown_q())

    def scheduled(self) -> ArticleQuerySet:
        return self.filter(status="published", published_at__gt=timezone.now())

    def submitted(self) -> ArticleQuerySet:
        """Submissions of organisations waiting for an editor, oldest first."""
        return self.filter(status="submitted").order_by("created_at", "pk")

    def visible_to(self, user: AnyUser) -> ArticleQuerySet:
        """Published articles for everyone; every article for city editors; an
        organisation's own submissions for its owner and administrators. An article the
        moderators hid stays visible to those who manage it (editors, its author, the
        organisation's admins for a submission) and to the moderators only."""
        from solidair.moderation.permissions import is_moderator

        from .permissions import is_city_editor

        if is_city_editor(user):
            return self.all()
        if not user.is_authenticated:
            return self.published()
        from solidair.organisations.models import Membership

        admin_of = Membership.objects.filter(user_id=user.pk, role__in=["owner", "admin"]).values(
            "organisation_id"
        )
        live = _published_q()
        if not is_moderator(user):
            live &= _shown_q() | models.Q(author_id=user.pk)
        return self.filter(
            live | models.Q(submitted_by_organisation=True, organisation__in=admin_of)
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
                        articles__hidden_at__isnull=True,
                    ),
                )
            )
            .order_by("name", "pk")
        )
