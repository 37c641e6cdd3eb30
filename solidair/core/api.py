"""Reference data in the JSON API: categories, neighbourhoods, target groups, sectors and
languages. Slugs (codes for languages) are the stable identifiers; names follow the
request's language (`?lang=` or Accept-Language)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import ValidationError

from solidair.core.models import Category, Language, Neighbourhood, Sector, TargetGroup

router = Router(tags=["reference data"])


class ReferenceOut(Schema):
    slug: str
    name: str


class CategoryOut(ReferenceOut):
    nature: Literal["goods", "volunteering"]


class NeighbourhoodOut(ReferenceOut):
    latitude: float
    longitude: float


class LanguageOut(Schema):
    code: str
    name: str
    native_name: str


@contextmanager
def names_in(lang: str | None) -> Iterator[None]:
    """Translate names into `lang` when given (one of settings.LANGUAGES), else keep the
    language LocaleMiddleware chose from Accept-Language."""
    if lang is None:
        yield
        return
    if lang not in dict(settings.LANGUAGES):
        raise ValidationError(
            [
                {
                    "loc": ["query", "lang"],
                    "msg": gettext("Choose one of: %(codes)s.")
                    % {"codes": ", ".join(code for code, _name in settings.LANGUAGES)},
                    "type": "enum",
                }
            ]
        )
    with translation.override(lang):
        yield


@router.get("/categories", response=list[CategoryOut], summary="Categories of requests and offers")
def list_categories(
    request: HttpRequest,
    nature: Literal["goods", "volunteering"] | None = None,
    lang: str | None = None,
) -> list[dict[str, object]]:
    """Categories of goods and of volunteering, optionally filtered by `nature`."""
    categories = Category.objects.order_by("position", "slug")
    if nature is not None:
        categories = categories.filter(nature=nature)
    with names_in(lang):
        return [{"slug": c.slug, "name": c.label, "nature": c.nature} for c in categories]


@router.get("/neighbourhoods", response=list[NeighbourhoodOut], summary="Neighbourhoods (wijken)")
def list_neighbourhoods(request: HttpRequest, lang: str | None = None) -> list[dict[str, object]]:
    """The city's neighbourhoods with the approximate centroid of each."""
    with names_in(lang):
        return [
            {"slug": n.slug, "name": n.label, "latitude": n.latitude, "longitude": n.longitude}
            for n in Neighbourhood.objects.order_by("position", "slug")
        ]


@router.get("/target-groups", response=list[ReferenceOut], summary="Target groups")
def list_target_groups(request: HttpRequest, lang: str | None = None) -> list[dict[str, object]]:
    """The groups of people the platform's helpers work with."""
    with names_in(lang):
        return [
            {"slug": t.slug, "name": t.label}
            for t in TargetGroup.objects.order_by("position", "slug")
        ]


@router.get("/sectors", response=list[ReferenceOut], summary="Sectors of organisations")
def list_sectors(request: HttpRequest, lang: str | None = None) -> list[dict[str, object]]:
    """The sectors organisations work in."""
    with names_in(lang):
        return [
            {"slug": s.slug, "name": s.label} for s in Sector.objects.order_by("position", "slug")
        ]


@router.get("/languages", response=list[LanguageOut], summary="Languages people speak")
def list_languages(request: HttpRequest, lang: str | None = None) -> list[dict[str, object]]:
    """Languages (ISO 639-1 codes) with their translated and native names."""
    with names_in(lang):
        return [
            {"code": lg.code, "name": lg.label, "native_name": lg.native_name}
            for lg in Language.objects.order_by("position", "code")
        ]
