"""Writes for the volunteer information point: editors create, move, change and review
information pages and enter the yearly allowance ceilings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import MAX_DEPTH, AllowanceCeilings, InfoPage
from .permissions import require_info_editor

if TYPE_CHECKING:
    from solidair.accounts.models import User

# First path segments that are pages of their own under /volunteering/.
RESERVED_ROOT_SLUGS = frozenset({"trainings", "vacancies", "manage", "preview", "allowances"})


@dataclass
class PageData:
    title: str
    slug: str
    summary: str
    body: str
    parent: InfoPage | None = None
    position: int = 0
    is_published: bool = True


@dataclass
class CeilingsData:
    daily_flat_rate: Decimal
    yearly_flat_rate: Decimal
    yearly_flat_rate_specific: Decimal
    kilometre_rate: Decimal
    kilometre_rate_period: str = ""
    max_kilometres: int = 2000
    source_url: str = ""


def _ancestors(page: InfoPage | None) -> list[InfoPage]:
    chain: list[InfoPage] = []
    while page is not None:
        chain.append(page)
        page = page.parent
    return chain


def _subtree_depth(page: InfoPage) -> int:
    """Levels below `page` (0 for a leaf). The tree is at most MAX_DEPTH deep."""
    deepest = InfoPage.objects.filter(path__startswith=page.path + "/").values_list(
        "path", flat=True
    )
    base = page.path.count("/")
    return max((path.count("/") - base for path in deepest), default=0)


def _place(page: InfoPage, data: PageData) -> None:
    slug = slugify(data.slug or data.title)[:80].strip("-")
    if not slug:
        raise ValidationError({"slug": _("Give the page an address of letters and digits.")})
    if data.parent is None and slug in RESERVED_ROOT_SLUGS:
        raise ValidationError({"slug": _("This address is taken by another page of the site.")})
    ancestors = _ancestors(data.parent)
    if page.pk is not None and any(a.pk == page.pk for a in ancestors):
        raise ValidationError({"parent": _("A page cannot be placed under itself.")})
    levels_below = _subtree_depth(page) if page.pk is not None else 0
    if len(ancestors) + 1 + levels_below > MAX_DEPTH:
        raise ValidationError(
            {"parent": _("Pages go at most %(depth)s levels deep.") % {"depth": MAX_DEPTH}}
        )
    siblings = InfoPage.objects.filter(parent=data.parent, slug=slug)
    if page.pk is not None:
        siblings = siblings.exclude(pk=page.pk)
    if siblings.exists():
        raise ValidationError({"slug": _("A page with this address exists at this place.")})
    page.slug = slug
    page.parent = data.parent
    page.path = f"{data.parent.path}/{slug}" if data.parent is not None else slug


def _validate(data: PageData) -> None:
    errors = {}
    if not data.title.strip():
        errors["title"] = _("Give the page a title.")
    if not data.summary.strip():
        errors["summary"] = _("Write a one-sentence summary.")
    if not data.body.strip():
        errors["body"] = _("Write the text of the page.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_page(*, by: User, data: PageData) -> InfoPage:
    """An editor adds an information page (under `data.parent`, or at the top)."""
    require_info_editor(by)
    _validate(data)
    page = InfoPage(
        title=data.title.strip(),
        summary=" ".join(data.summary.split()),
        body=data.body.strip(),
        position=data.position,
        is_published=data.is_published,
        reviewed_by=by,
        last_reviewed_on=timezone.localdate(),
    )
    _place(page, data)
    page.save()
    return page


@transaction.atomic
def update_page(*, page: InfoPage, by: User, data: PageData) -> InfoPage:
    """An editor changes a page; moving it or changing its address moves the addresses
    of every page under it too."""
    require_info_editor(by)
    _validate(data)
    old_path = page.path
    page.title = data.title.strip()
    page.summary = " ".join(data.summary.split())
    page.body = data.body.strip()
    page.position = data.position
    page.is_published = data.is_published
    _place(page, data)
    page.save()
    if page.path != old_path:
        descendants = InfoPage.objects.filter(path__startswith=old_path + "/").order_by("path")
        for child in descendants:
            child.path = page.path + child.path[len(old_path) :]
            child.save(update_fields=["path", "updated_at"])
    return page


@transaction.atomic
def mark_page_reviewed(*, page: InfoPage, by: User, on: date | None = None) -> InfoPage:
    """An editor confirms the page's content is still correct."""
    require_info_editor(by)
    page.last_reviewed_on = on or timezone.localdate()
    page.reviewed_by = by
    page.save(update_fields=["last_reviewed_on", "reviewed_by", "updated_at"])
    return page


@transaction.atomic
def save_allowance_ceilings(*, by: User, year: int, data: CeilingsData) -> AllowanceCeilings:
    """An editor enters (or corrects) the ceilings of one calendar year."""
    require_info_editor(by)
    errors = {}
    if not 2005 <= year <= 2100:
        errors["year"] = _("Give a year between 2005 and 2100.")
    for name in (
        "daily_flat_rate",
        "yearly_flat_rate",
        "yearly_flat_rate_specific",
        "kilometre_rate",
    ):
        if getattr(data, name) <= 0:
            errors[name] = _("Give an amount above zero.")
    if not errors and data.yearly_flat_rate < data.daily_flat_rate:
        errors["yearly_flat_rate"] = _("The yearly maximum cannot be lower than the daily one.")
    if not errors and data.yearly_flat_rate_specific < data.yearly_flat_rate:
        errors["yearly_flat_rate_specific"] = _(
            "The higher maximum cannot be lower than the general yearly maximum."
        )
    if errors:
        raise ValidationError(errors)
    ceilings, _created = AllowanceCeilings.objects.update_or_create(
        year=year,
        defaults={
            "daily_flat_rate": data.daily_flat_rate,
            "yearly_flat_rate": data.yearly_flat_rate,
            "yearly_flat_rate_specific": data.yearly_flat_rate_specific,
            "kilometre_rate": data.kilometre_rate,
            "kilometre_rate_period": data.kilometre_rate_period.strip(),
            "max_kilometres": data.max_kilometres,
            "source_url": data.source_url.strip(),
            "updated_by": by,
        },
    )
    return ceilings
