"""Organisations, as the moderators see them (solidair.moderation.registry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from solidair.core.pagecache import clear_page_cache
from solidair.moderation.registry import ContentKind, register

from .models import Membership, Organisation

if TYPE_CHECKING:
    from solidair.accounts.models import User

EXCERPT_LENGTH = 500


def organisation_author(organisation: Organisation) -> User | None:
    """Who answers for an organisation: its owner."""
    owner = (
        Membership.objects.owners().filter(organisation=organisation).select_related("user").first()
    )
    return owner.user if owner is not None else None


def can_see_organisation(user: User, organisation: Organisation) -> bool:
    """The directory's own rule (OrganisationQuerySet.visible_to): a rejected organisation
    cannot be reported (nor probed) by outsiders."""
    return Organisation.objects.visible_to(user).filter(pk=organisation.pk).exists()


def _forget_cached_pages(organisation: Organisation) -> None:
    # The home page lists newly verified organisations to visitors from the page cache.
    clear_page_cache()


register(
    ContentKind(
        key="organisation",
        model="organisations.Organisation",
        label=_("Organisation"),
        author=organisation_author,
        can_see=can_see_organisation,
        describe=lambda organisation: organisation.name,
        excerpt=lambda organisation: Truncator(organisation.description).chars(EXCERPT_LENGTH),
        url=lambda organisation: reverse(
            "organisations:detail", kwargs={"slug": organisation.slug}
        ),
        after_hide=_forget_cached_pages,
        after_restore=_forget_cached_pages,
    )
)
