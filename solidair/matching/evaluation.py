"""Measure the engine on the labelled development set (data/devset.json).

`run_evaluation` loads the set into the database inside a transaction that is always
rolled back, ranks every post through the real selectors (database candidates + engine)
restricted to the set's own posts, and computes P@1, MRR and nDCG@5 in both directions,
next to the naive baseline (the other kind in the same category, newest first).

Queries without any relevant post ("no match at all") are left out of P@1, MRR and nDCG
(they have no right answer to rank) and measured on their own: the share of them for which
the engine stays silent.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

DEVSET = Path(__file__).resolve().parent / "data" / "devset.json"
K = 5


def load_devset(path: Path = DEVSET) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def relevance_both_ways(labels: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    """request → {offer: grade} plus the transposed offer → {request: grade}."""
    result: dict[str, dict[str, int]] = {}
    for request, offers in labels.items():
        result.setdefault(request, {})
        for offer, grade in offers.items():
            if grade > 0:
                result[request][offer] = grade
                result.setdefault(offer, {})[request] = grade
    return result


def dcg(grades: Sequence[int]) -> float:
    return float(sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades)))


@dataclass
class Metrics:
    queries: int = 0
    p_at_1: float = 0.0
    mrr: float = 0.0
    ndcg_at_5: float = 0.0
    no_match_queries: int = 0
    silent_on_no_match: float = 0.0
    details: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "queries": self.queries,
            "p_at_1": round(self.p_at_1, 3),
            "mrr": round(self.mrr, 3),
            "ndcg_at_5": round(self.ndcg_at_5, 3),
            "no_match_queries": self.no_match_queries,
            "silent_on_no_match": round(self.silent_on_no_match, 3),
        }


def metrics(
    rankings: Mapping[str, Sequence[str]], relevance: Mapping[str, Mapping[str, int]]
) -> Metrics:
    """P@1 (a relevant post, acceptable or best, on top), MRR and nDCG@5 (gain 2^grade - 1)
    over queries with at least one relevant post; silence on the others."""
    result = Metrics()
    silent = 0
    for query, ranking in rankings.items():
        grades_by_key = relevance.get(query, {})
        if not grades_by_key:
            result.no_match_queries += 1
            silent += not ranking
            continue
        result.queries += 1
        grades = [grades_by_key.get(key, 0) for key in ranking]
        result.p_at_1 += 1.0 if grades and grades[0] > 0 else 0.0
        first = next((i for i, g in enumerate(grades) if g > 0), None)
        result.mrr += 0.0 if first is None else 1.0 / (first + 1)
        ideal = dcg(sorted(grades_by_key.values(), reverse=True)[:K])
        result.ndcg_at_5 += dcg(grades[:K]) / ideal if ideal else 0.0
        result.details.append({"query": query, "ranking": list(ranking[:K]), "grades": grades[:K]})
    if result.queries:
        result.p_at_1 /= result.queries
        result.mrr /= result.queries
        result.ndcg_at_5 /= result.queries
    if result.no_match_queries:
        result.silent_on_no_match = silent / result.no_match_queries
    return result


class _Rollback(Exception):
    pass


def _day(offset: int | None, today: date) -> date | None:
    return None if offset is None else today + timedelta(days=offset)


def _load(data: Mapping[str, Any]) -> dict[str, Any]:
    """Create the set's posts (one author each) and return {key: Post}."""
    from solidair.accounts.models import Profile, User
    from solidair.core.models import Category, Language, Neighbourhood
    from solidair.exchange.models import Post
    from solidair.exchange.services import search_document_for

    now = timezone.now()
    today = now.date()
    categories = {c.slug: c for c in Category.objects.all()}
    wijken = {n.slug: n for n in Neighbourhood.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    posts: dict[str, Any] = {}
    for item in data["posts"]:
        user = User.objects.create_user(f"devset-{item['key']}@example.invalid")
        Profile.objects.create(user=user, display_name=f"Devset {item['key']}")
        published = now - timedelta(days=item.get("days_ago", 0), minutes=len(posts))
        quantity = item.get("quantity")
        post = Post(
            kind=item["kind"],
            nature=item["nature"],
            category=categories[item["category"]],
            title=item["title"],
            body=item["body"],
            author=user,
            neighbourhood=wijken[item["neighbourhood"]],
            quantity=quantity,
            quantity_open=quantity,
            starts_on=_day(item.get("starts_on"), today),
            ends_on=_day(item.get("ends_on"), today),
            skills=item.get("skills", []),
            time_commitment=item.get("time_commitment", ""),
            status=Post.Status.OPEN,
            created_at=published,
            published_at=published,
            expires_at=now + timedelta(weeks=8),
        )
        post.search_document = search_document_for(post)
        post.save()
        post.languages.set([languages[c] for c in item.get("languages", []) if c in languages])
        posts[item["key"]] = post
    return posts


def _rank_all(posts: Mapping[str, Any]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    from solidair.exchange.models import Post

    from . import engine
    from .selectors import features_for, rank_for

    key_of = {post.pk: key for key, post in posts.items()}
    base = Post.objects.filter(pk__in=list(key_of))
    everything = features_for(base)
    by_id = {f.id: f for f in everything}
    engine_rankings: dict[str, list[str]] = {}
    baseline_rankings: dict[str, list[str]] = {}
    for key, post in posts.items():
        scored = rank_for(post, limit=10, base=base)
        engine_rankings[key] = [key_of[s.id] for s in scored]
        naive = engine.baseline(by_id[post.pk], everything, limit=10)
        baseline_rankings[key] = [key_of[s.id] for s in naive]
    return engine_rankings, baseline_rankings


@dataclass
class Evaluation:
    engine: dict[str, Metrics]
    baseline: dict[str, Metrics]
    requests: int
    offers: int


def run_evaluation(path: Path = DEVSET) -> Evaluation:
    """Load the development set in a rolled-back transaction and measure both rankings in
    both directions (requests → offers, offers → requests)."""
    data = load_devset(path)
    relevance = relevance_both_ways(data["labels"])
    kinds = {item["key"]: item["kind"] for item in data["posts"]}
    captured: dict[str, Any] = {}
    try:
        with transaction.atomic():
            posts = _load(data)
            captured["rankings"] = _rank_all(posts)
            raise _Rollback
    except _Rollback:
        pass
    engine_rankings, baseline_rankings = captured["rankings"]
    result: dict[str, dict[str, Metrics]] = {"engine": {}, "baseline": {}}
    for name, rankings in (("engine", engine_rankings), ("baseline", baseline_rankings)):
        for direction, kind in (("requests", "request"), ("offers", "offer")):
            subset = {k: v for k, v in rankings.items() if kinds[k] == kind}
            result[name][direction] = metrics(subset, relevance)
    return Evaluation(
        engine=result["engine"],
        baseline=result["baseline"],
        requests=sum(1 for k in kinds.values() if k == "request"),
        offers=sum(1 for k in kinds.values() if k == "offer"),
    )
