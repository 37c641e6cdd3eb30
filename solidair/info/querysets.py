"""Reads: information pages (as a tree) and the allowance ceilings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeAlias

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    from .models import AllowanceCeilings, InfoPage

    AnyUser: TypeAlias = User | AnonymousUser

# A page not reviewed for this many days is flagged on the editors' overview.
REVIEW_AFTER_DAYS = 365


@dataclass
class Node:
    page: InfoPage
    children: list[Node] = field(default_factory=list)


class InfoPageQuerySet(models.QuerySet["InfoPage"]):
    def published(self) -> InfoPageQuerySet:
        """Published pages whose ancestors are published too (a hidden section hides
        everything under it)."""
        return (
            self.filter(is_published=True)
            .exclude(parent__isnull=False, parent__is_published=False)
            .exclude(parent__parent__isnull=False, parent__parent__is_published=False)
        )

    def visible_to(self, user: AnyUser) -> InfoPageQuerySet:
        """Published pages for everyone; every page for city editors."""
        from .permissions import is_info_editor

        return self.all() if is_info_editor(user) else self.published()

    def in_order(self) -> InfoPageQuerySet:
        return self.order_by("position", "title", "pk")

    def needing_review(self, today: date | None = None) -> InfoPageQuerySet:
        today = today or timezone.localdate()
        return self.filter(last_reviewed_on__lt=today - timedelta(days=REVIEW_AFTER_DAYS))


def build_tree(pages: list[InfoPage]) -> list[Node]:
    """The roots of the tree of `pages` (one list, loaded in one query), each with its
    children in order. Pages whose parent is not in the list are left out."""
    nodes = {page.pk: Node(page) for page in pages}
    roots: list[Node] = []
    for page in pages:
        node = nodes[page.pk]
        if page.parent_id is None:
            roots.append(node)
        elif page.parent_id in nodes:
            nodes[page.parent_id].children.append(node)
    return roots


class AllowanceCeilingsQuerySet(models.QuerySet["AllowanceCeilings"]):
    def current(self, today: date | None = None) -> AllowanceCeilings | None:
        """The ceilings of this year, or of the newest earlier year when this year's are
        not entered yet (the pages then say which year they quote)."""
        year = (today or timezone.localdate()).year
        return self.filter(year__lte=year).order_by("-year").first()
