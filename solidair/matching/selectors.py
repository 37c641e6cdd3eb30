"""Reads for matching: pick candidates in the database, turn posts into engine features,
rank them (solidair.matching.engine) and cache the result.

Candidates for a post P (owner O), all in SQL on indexed columns:
- open and public (status, expiry) — a public post is visible to everyone, so to O;
- the other kind, the same nature, a category of P's family (engine.related_categories);
- not written by O, not on behalf of P's organisation;
- a period that overlaps P's (posts without a period always overlap);
- two bounded pools, newest first: the same category (index post_filter_idx), and the
  family's posts sharing one of P's telling title words (GIN index on PostgreSQL).
At most 2 x CANDIDATE_POOL rows are scored in Python, whatever the size of the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.cache import cache
from django.db import connections, models
from django.utils import timezone, translation
from django.utils.translation import gettext

from solidair.core.models import Category
from solidair.exchange.models import Post
from solidair.exchange.search import build_document

from . import engine

if TYPE_CHECKING:
    from solidair.accounts.models import User
    from solidair.exchange.querysets import PostQuerySet

# Newest candidates per pool: enough for a city; the best fits are usually recent.
CANDIDATE_POOL = 100
# Title words sent to the database for the shared-words pool.
MAX_QUERY_TOKENS = 6
MAX_LIMIT = 50
_FIELDS = (
    "id",
    "kind",
    "nature",
    "category__slug",
    "title",
    "body",
    "skills",
    "neighbourhood__slug",
    "neighbourhood__latitude",
    "neighbourhood__longitude",
    "starts_on",
    "ends_on",
    "quantity_open",
    "time_commitment",
    "published_at",
    "author_id",
    "organisation_id",
    "search_document",
)
# Features of a post, per process, keyed by (id, updated_at): a post's text is tokenised
# once, not on every ranking it takes part in.
_FEATURE_CACHE: dict[tuple[int, Any], engine.Features] = {}
_FEATURE_CACHE_MAX = 50_000
_CATEGORY_TOKENS: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Suggestion:
    """A post that fits, with its score and the engine's reasons."""

    post: Post
    score: float
    reasons: tuple[engine.Reason, ...]


def _categories_by_nature() -> dict[str, dict[str, int]]:
    """{nature: {slug: id}} of the reference categories (cached: they change on deploy)."""
    key = "matching:categories:v1"
    found: dict[str, dict[str, int]] | None = cache.get(key)
    if found is None:
        found = {"goods": {}, "volunteering": {}}
        for pk, slug, nature in Category.objects.values_list("pk", "slug", "nature"):
            found.setdefault(nature, {})[slug] = pk
        cache.set(key, found, 3600)
    return found


def family_of(category: str, nature: str) -> set[str]:
    return engine.related_categories(category, nature, _categories_by_nature().get(nature, {}))


def _category_tokens(slug: str) -> frozenset[str]:
    """The tokens the category's names add to a search document (services index the
    source name and the Dutch label): the category is a feature of its own, not text."""
    found = _CATEGORY_TOKENS.get(slug)
    if found is None:
        category = Category.objects.filter(slug=slug).first()
        if category is None:
            return frozenset()
        with translation.override("nl"):
            dutch = gettext(category.name)
        found = frozenset(build_document([category.name, dutch]).split())
        _CATEGORY_TOKENS[slug] = found
    return found


def _features_from_row(row: dict[str, Any], languages: Iterable[str]) -> engine.Features:
    cache_key = (row["id"], row.get("updated_at"))
    built = engine.features(
        id=row["id"],
        kind=row["kind"],
        nature=row["nature"],
        category=row["category__slug"],
        title=row["title"],
        body=row["body"],
        document=row["search_document"],
        ignore=_category_tokens(row["category__slug"]),
        skills=[str(s) for s in row["skills"] or []],
        neighbourhood=row["neighbourhood__slug"] or "",
        latitude=row["neighbourhood__latitude"],
        longitude=row["neighbourhood__longitude"],
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        languages=frozenset(languages),
        quantity=row["quantity_open"],
        time_commitment=row["time_commitment"] or "",
        published_at=row["published_at"],
        owner=row["author_id"],
        organisation=row["organisation_id"],
    )
    if row.get("updated_at"):
        if len(_FEATURE_CACHE) >= _FEATURE_CACHE_MAX:
            _FEATURE_CACHE.clear()
        _FEATURE_CACHE[cache_key] = built
    return built


def _languages_of(ids: Sequence[int], using: str) -> dict[int, list[str]]:
    through = Post.languages.through
    result: dict[int, list[str]] = {}
    rows = (
        through.objects.using(using)
        .filter(post_id__in=list(ids))
        .values_list("post_id", "language__code")
    )
    for post_id, code in rows:
        result.setdefault(post_id, []).append(code)
    return result


def features_for(posts: models.QuerySet[Post]) -> list[engine.Features]:
    """Engine features of the posts of a queryset: two queries."""
    rows = list(posts.values(*_FIELDS, "updated_at"))
    languages = _languages_of([r["id"] for r in rows], posts.db)
    return [_features_from_row(r, languages.get(r["id"], [])) for r in rows]


def features_by_stamp(
    stamps: Mapping[int, Any], *, using: str = "default"
) -> list[engine.Features]:
    """Features of the posts {id: updated_at}: from this process's cache when the post has
    not changed since (every write of a post bumps updated_at), the others loaded in two
    queries. A worker that ranked before loads little more than ids."""
    found: list[engine.Features] = []
    missing: list[int] = []
    for pk, stamp in stamps.items():
        cached = _FEATURE_CACHE.get((pk, stamp))
        if cached is None:
            missing.append(pk)
        else:
            found.append(cached)
    if missing:
        found.extend(features_for(Post.objects.using(using).filter(pk__in=missing)))
    return found


def _telling_tokens(source: engine.Features) -> list[str]:
    weighted = sorted(
        (
            (weight, token)
            for token, weight in source.text.weights.items()
            if weight >= engine.BODY_WEIGHT and token not in engine.GENERIC_STEMS
        ),
        reverse=True,
    )
    return [token for _, token in weighted[:MAX_QUERY_TOKENS]]


class AnyTokenMatch(models.Expression):
    """PostgreSQL: the post's search vector holds at least one of the tokens (GIN index)."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, tokens: Sequence[str]) -> None:
        super().__init__()
        self.tokens = list(tokens)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        from solidair.exchange.querysets import _search_vector_sql

        vector, params = _search_vector_sql(compiler, connection)
        # Tokens are normalised words ([a-z0-9]+): safe inside a tsquery.
        query = " | ".join(self.tokens)
        return f"{vector} @@ to_tsquery('simple'::regconfig, %s)", [*params, query]


def candidates(
    source: engine.Features,
    *,
    base: models.QuerySet[Post] | None = None,
    pool: int = CANDIDATE_POOL,
) -> dict[int, Any]:
    """The posts worth scoring for `source` (see the module docstring), as {id:
    updated_at}: two queries on indexes. `base` narrows the posts considered
    (evaluate_matching passes only its scratch posts)."""
    other = "offer" if source.kind == "request" else "request"
    qs = cast("PostQuerySet", base if base is not None else Post.objects.all()).public()
    ids_by_slug = _categories_by_nature().get(source.nature, {})
    family = sorted(
        ids_by_slug[s] for s in family_of(source.category, source.nature) if s in ids_by_slug
    )
    qs = qs.filter(kind=other, nature=source.nature, category_id__in=family).exclude(pk=source.id)
    if source.owner is not None:
        qs = qs.exclude(author_id=source.owner)
    if source.organisation is not None:
        qs = qs.exclude(organisation_id=source.organisation)
    qs = qs.overlapping(source.starts_on, source.ends_on)
    stamps: dict[int, Any] = {}
    own_category = ids_by_slug.get(source.category)
    if own_category is not None:
        # Ordered like post_filter_idx (no tie-break on id): the index yields the newest
        # rows in order and the scan stops after `pool` of them.
        same = qs.filter(category_id=own_category).order_by("-published_at")
        stamps.update(same.values_list("pk", "updated_at")[:pool])
    tokens = _telling_tokens(source)
    if tokens:
        if connections[qs.db].vendor == "postgresql":
            sharing = qs.filter(AnyTokenMatch(tokens))
        else:
            condition = models.Q()
            for token in tokens:
                condition |= models.Q(search_document__contains=f" {token} ")
            sharing = qs.filter(condition)
        stamps.update(
            sharing.order_by("-published_at", "-pk").values_list("pk", "updated_at")[:pool]
        )
    return stamps


def source_features(post: Post) -> engine.Features:
    using = post._state.db or "default"
    if post.updated_at is not None:
        return features_by_stamp({post.pk: post.updated_at}, using=using)[0]
    return features_for(Post.objects.using(using).filter(pk=post.pk))[0]


def rank_for(
    post: Post,
    *,
    limit: int = 10,
    base: models.QuerySet[Post] | None = None,
    now: datetime | None = None,
) -> list[engine.Scored]:
    """The engine's ranking for `post` over its candidates (no cache)."""
    source = source_features(post)
    using = base.db if base is not None else (post._state.db or "default")
    found = features_by_stamp(candidates(source, base=base), using=using)
    return engine.rank(source, found, limit=limit, now=now or timezone.now())


def _cache_key(post: Post, limit: int) -> str:
    stamp = post.updated_at.timestamp() if post.updated_at else 0
    return f"matching:v1:{post.pk}:{stamp}:{limit}"


def cache_seconds() -> int:
    return int(getattr(settings, "MATCHING_CACHE_SECONDS", 120))


def ranked(post: Post, *, limit: int = 10) -> list[engine.Scored]:
    """rank_for with a short cache (MATCHING_CACHE_SECONDS): the panel, the API and the
    "all suggestions" page ask for the same post again and again, and a new post only
    changes the answer when it fits. Editing the post changes its key."""
    limit = max(1, min(limit, MAX_LIMIT))
    seconds = cache_seconds()
    key = _cache_key(post, limit)
    if seconds > 0:
        found: list[engine.Scored] | None = cache.get(key)
        if found is not None:
            return found
    result = rank_for(post, limit=limit)
    if seconds > 0:
        cache.set(key, result, seconds)
    return result


def suggestions_for(post: Post, *, limit: int = 10) -> list[Suggestion]:
    """The open posts that fit `post` best, loaded for display (cards, API), best first.
    A post closed since the ranking was cached drops out."""
    if post.status != Post.Status.OPEN:
        return []
    from .models import Dismissal

    dismissed = set(Dismissal.objects.filter(post=post).values_list("suggested_id", flat=True))
    # Ranked a little further than asked, so that dismissed ones leave no gap (the extra
    # is bounded: MAX_LIMIT).
    scored = [
        s
        for s in ranked(post, limit=min(MAX_LIMIT, limit + len(dismissed)))
        if s.id not in dismissed
    ][:limit]
    posts = Post.objects.public().with_related().in_bulk([s.id for s in scored])
    return [
        Suggestion(post=posts[s.id], score=s.score, reasons=s.reasons)
        for s in scored
        if s.id in posts
    ]


def responded_post_ids(user: User, posts: Iterable[Post]) -> set[int]:
    """Which of these posts `user` already responded to (one query)."""
    from solidair.exchange.models import Conversation

    ids = [p.pk for p in posts]
    if not ids or not user.is_authenticated:
        return set()
    return set(
        Conversation.objects.filter(responder=user, post_id__in=ids).values_list(
            "post_id", flat=True
        )
    )
