"""Creating and editing groups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from solidair.core.images import clean_image_upload
from solidair.moderation.sanctions import require_can_contribute
from solidair.organisations.models import Membership as OrganisationMembership

from .. import permissions
from ..models import Group, GroupMembership

if TYPE_CHECKING:
    from solidair.accounts.models import User

# Slugs that would shadow a fixed URL under /groups/.
RESERVED_SLUGS = frozenset({"new", "mine", "invitations", "unsubscribe"})
SLUG_MAX_LENGTH = 80
EDITABLE_FIELDS = ("name", "description", "theme", "neighbourhood", "visibility", "organisation")


def unique_slug(name: str) -> str:
    """A free slug for `name`: the slugified name, with -2, -3 … appended on a clash."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 6].strip("-") or "group"
    taken = set(Group.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _clean_image(upload: Any) -> Any:
    try:
        return clean_image_upload(upload, max_side=1200)
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from exc


def _check_organisation(user: User, data: Mapping[str, Any]) -> None:
    organisation = data.get("organisation")
    if organisation is None:
        return
    # Linking a group to an organisation speaks in its name: its members only.
    if not OrganisationMembership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(
            {"organisation": _("Choose an organisation you are a member of.")}, code="not_member"
        )


def _assign(group: Group, data: Mapping[str, Any]) -> None:
    for field in EDITABLE_FIELDS:
        if field in data:
            value = data[field]
            if field in ("name", "description"):
                value = (value or "").strip()
            setattr(group, field, value)


@transaction.atomic
def create_group(*, creator: User, data: Mapping[str, Any]) -> Group:
    """Start a group; `creator` becomes its owner (an active member who gets an email for
    every message). `data`: name, description, visibility, and optionally theme,
    neighbourhood, organisation (one the creator belongs to) and image. The slug comes
    from the name and is made unique."""
    require_can_contribute(creator)
    if not permissions.can_create_group(creator):
        raise PermissionDenied(_("Confirm your email address before you start a group."))
    _check_organisation(creator, data)
    image = _clean_image(data["image"]) if data.get("image") else None
    group = Group(created_by=creator)
    _assign(group, data)
    group.full_clean(exclude=["slug", "image"])
    for _attempt in range(5):
        group.slug = unique_slug(group.name)
        try:
            # A savepoint: two people starting a group of the same name get different slugs.
            with transaction.atomic():
                group.save()
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - five collisions in a row
        raise ValidationError(_("Could not choose an address for this group; try again."))
    GroupMembership.objects.create(
        group=group,
        user=creator,
        role=GroupMembership.Role.OWNER,
        state=GroupMembership.State.ACTIVE,
        notify=GroupMembership.Notify.EVERY,
        joined_at=timezone.now(),
    )
    if image is not None:
        group.image.save(image.name or "group.jpg", image, save=True)
    return group


@transaction.atomic
def update_group(*, group: Group, by: User, data: Mapping[str, Any]) -> Group:
    """Change the group's page (owner and administrators). The slug stays, so links keep
    working. `data["image"]`: a new upload, False to remove the image, absent to keep it.
    Making an open group closed hides its content from non-members at once."""
    require_can_contribute(by)
    if not permissions.can_edit_group(by, group):
        raise PermissionDenied
    if "organisation" in data and data["organisation"] != group.organisation:
        _check_organisation(by, data)
    upload = data.get("image")
    image = _clean_image(upload) if upload else None
    _assign(group, data)
    group.full_clean(exclude=["image"])
    group.save()
    if image is not None:
        old = group.image.name if group.image else ""
        group.image.save(image.name or "group.jpg", image, save=True)
        if old:
            group.image.storage.delete(old)
    elif upload is False and group.image:
        group.image.delete(save=True)
    return group
