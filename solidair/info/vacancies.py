"""The bundled volunteer vacancies: open volunteering requests of verified organisations
(solidair.exchange's `Post.objects.volunteer_vacancies()`), with the filters of the
vacancies page: the organisation's sector, the neighbourhood, a skill and search words."""

from __future__ import annotations

import json
from typing import Any

from django.db import connections, models
from django.db.models.functions import Cast

from solidair.exchange.models import Post
from solidair.exchange.querysets import PostQuerySet


def _skill_fragment(skill: str, vendor: str) -> str:
    # Skills are a JSON list. SQLite stores it as Django wrote it (json.dumps, non-ASCII
    # escaped as \\u00e9); PostgreSQL's jsonb prints real characters: search the text the
    # database holds.
    if vendor == "sqlite":
        return json.dumps(skill)[1:-1]
    return skill


def vacancies(
    *,
    sector: Any = None,
    neighbourhood: Any = None,
    skill: str | None = None,
    q: str | None = None,
) -> PostQuerySet:
    """The open vacancies matching the filters, newest first, with what a card shows.
    Reference filters take an instance or a slug; empty values are ignored."""
    qs = Post.objects.volunteer_vacancies()
    if sector:
        from solidair.organisations.models import Organisation

        through = Organisation.sectors.through.objects.filter(
            organisation_id=models.OuterRef("organisation_id"),
            **({"sector": sector} if not isinstance(sector, str) else {"sector__slug": sector}),
        )
        qs = qs.filter(models.Exists(through))
    if neighbourhood:
        if isinstance(neighbourhood, str):
            qs = qs.filter(neighbourhood__slug=neighbourhood)
        else:
            qs = qs.filter(neighbourhood=neighbourhood)
    if skill and skill.strip():
        vendor = connections[qs.db].vendor
        qs = qs.annotate(skills_text=Cast("skills", models.TextField())).filter(
            skills_text__icontains=_skill_fragment(skill.strip(), vendor)
        )
    if q and q.strip():
        qs = qs.search(q)
    return qs.with_related().ordered_for_list()
