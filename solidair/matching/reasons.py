"""The engine's reasons (codes with parameters) as short sentences in the active language:
"Zelfde wijk", "1,2 km", "Spreekt Arabisch", "40 beschikbaar, jij vraagt er 30"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from solidair.core.models import Category, Language

from .engine import Reason


@lru_cache(maxsize=1)
def _language_sources() -> dict[str, str]:
    # Reference data, synced on migrate: read once per process, translated per call.
    return dict(Language.objects.values_list("code", "name"))


def _language_names(codes: Iterable[str]) -> str:
    names = _language_sources()
    return ", ".join(gettext(names[code]) if code in names else code for code in codes)


def _category_name(slug: str, labels: Mapping[str, str]) -> str:
    return labels.get(slug, slug)


def reason_text(
    reason: Reason | Mapping[str, Any], *, source_kind: str, categories: Mapping[str, str]
) -> str:
    """One reason as a sentence; `source_kind` is the kind of the post the reasons are for
    (the reader's own post)."""
    params: dict[str, Any]
    if isinstance(reason, Reason):
        code, params = reason.code, dict(reason.params)
    else:
        code, params = str(reason.get("code", "")), dict(reason.get("params", {}))
    if code == "same_neighbourhood":
        return gettext("Same neighbourhood")
    if code == "distance":
        return gettext("%(km)s km away") % {"km": number_format(params["km"], 1)}
    if code == "speaks":
        return gettext("Speaks %(languages)s") % {"languages": _language_names(params["languages"])}
    if code == "period":
        if source_kind == "request":
            return gettext("Available in the period you asked for")
        return gettext("Needed in the period you offer")
    if code == "quantity":
        values = {"offered": params["offered"], "asked": params["asked"]}
        if source_kind == "request":
            return gettext("%(offered)s available, you ask for %(asked)s") % values
        return gettext("Asks for %(asked)s, you offer %(offered)s") % values
    if code == "same_category":
        return gettext("Same category: %(category)s") % {
            "category": _category_name(str(params["category"]), categories)
        }
    if code == "related_category":
        return gettext("Related category: %(category)s") % {
            "category": _category_name(str(params["category"]), categories)
        }
    if code == "shared_words":
        return gettext("About %(words)s") % {"words": ", ".join(str(w) for w in params["words"])}
    if code == "skills":
        count = int(params["count"])
        return ngettext("%(count)s skill in common", "%(count)s skills in common", count) % {
            "count": count
        }
    return ""


def category_labels() -> dict[str, str]:
    return {c.slug: c.label for c in Category.objects.all()}


def reason_texts(
    reasons: Iterable[Reason | Mapping[str, Any]],
    *,
    source_kind: str,
    categories: Mapping[str, str] | None = None,
) -> list[str]:
    """All reasons as sentences, in the engine's order, without empty ones."""
    labels = categories if categories is not None else category_labels()
    texts = [reason_text(r, source_kind=source_kind, categories=labels) for r in reasons]
    return [t for t in texts if t]


def reasons_as_data(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """Reasons as JSON values (stored on a Notice, sent through the task queue)."""
    return [{"code": r.code, "params": dict(r.params)} for r in reasons]
