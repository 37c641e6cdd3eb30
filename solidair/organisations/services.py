"""Every write to organisations, memberships and invitations.

Callers (views, the admin site, the API, commands) pass already-parsed values; the
services check permissions and invariants again, because a POST can be forged. Errors
are `ValidationError` (bad input or a state that does not allow the action; the message
is for the user) or `PermissionDenied`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from solidair.core.emails import absolute_url, send_templated_email
from solidair.core.images import clean_image_upload
from solidair.moderation.sanctions import require_can_contribute

from . import permissions
from .models import Invitation, Membership, Organisation

if TYPE_CHECKING:
    from solidair.accounts.models import User

ACTING_SESSION_KEY = "acting_organisation"

# Slugs that would shadow a fixed URL under /organisations/.
RESERVED_SLUGS = frozenset({"new", "mine", "invitations", "act-as"})
SLUG_MAX_LENGTH = 80

# The fields a form may set directly; sectors/target groups and the logo are handled apart.
EDITABLE_FIELDS = (
    "name",
    "description",
    "neighbourhood",
    "address",
    "website",
    "contact_email",
    "contact_phone",
)
INVITABLE_ROLES = (Membership.Role.ADMIN, Membership.Role.MEMBER)


# --- organisations ----------------------------------------------------------------------------


def unique_slug(name: str) -> str:
    """A free slug for `name`: the slugified name, with -2, -3 … appended on a clash."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 6].strip("-") or "organisation"
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _assign_fields(organisation: Organisation, data: Mapping[str, Any]) -> None:
    for field in EDITABLE_FIELDS:
        if field in data:
            value = data[field]
            setattr(
                organisation, field, "" if value is None and field != "neighbourhood" else value
            )


def _set_relations(organisation: Organisation, data: Mapping[str, Any]) -> None:
    if "sectors" in data:
        organisation.sectors.set(data["sectors"] or [])
    if "target_groups" in data:
        organisation.target_groups.set(data["target_groups"] or [])


def _clean_logo(upload: Any) -> Any:
    try:
        return clean_image_upload(upload, max_side=512, output_format="PNG")
    except ValidationError as exc:
        # Attach the message to the form's `logo` field.
        raise ValidationError({"logo": exc.messages}) from exc


@transaction.atomic
def create_organisation(*, creator: User, data: Mapping[str, Any]) -> Organisation:
    """Register an organisation. It starts as pending (waiting for verification by the
    city) and `creator` becomes its owner. The slug is derived from the name and made
    unique. `data` holds the form's cleaned data (name, description, sectors,
    target_groups, neighbourhood, address, website, contact_email, contact_phone and
    optionally logo)."""
    require_can_contribute(creator)
    if not permissions.can_create_organisation(creator):
        raise PermissionDenied(_("Confirm your email address before you register an organisation."))
    # Validate the logo before anything is written, so a bad image changes nothing.
    logo = _clean_logo(data["logo"]) if data.get("logo") else None
    organisation = Organisation(status=Organisation.Status.PENDING)
    _assign_fields(organisation, data)
    organisation.full_clean(exclude=["slug", "logo"])
    for _attempt in range(5):
        organisation.slug = unique_slug(organisation.name)
        try:
            # A savepoint: two people registering the same name at once get different slugs.
            with transaction.atomic():
                organisation.save()
            break
        except IntegrityError:
            continue
    else:
        raise ValidationError(_("Could not choose an address for this organisation; try again."))
    _set_relations(organisation, data)
    Membership.objects.create(organisation=organisation, user=creator, role=Membership.Role.OWNER)
    if logo is not None:
        organisation.logo.save(logo.name or "logo.png", logo, save=True)
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, by: User, data: Mapping[str, Any]
) -> Organisation:
    """Change the organisation's page (owner and administrators). The slug stays: links
    to the organisation keep working after a rename. `data["logo"]` is a new upload,
    False to remove the logo, or absent/None to keep it."""
    require_can_contribute(by)
    if not permissions.can_edit_organisation(by, organisation):
        raise PermissionDenied
    logo_upload = data.get("logo")
    logo = _clean_logo(logo_upload) if logo_upload else None
    _assign_fields(organisation, data)
    organisation.full_clean(exclude=["logo"])
    organisation.save()
    _set_relations(organisation, data)
    if logo is not None:
        _replace_logo(organisation, logo)
    elif logo_upload is False and organisation.logo:
        organisation.logo.delete(save=True)
    return organisation


def _replace_logo(organisation: Organisation, logo: Any) -> None:
    old_name = organisation.logo.name if organisation.logo else ""
    organisation.logo.save(logo.name or "logo.png", logo, save=True)
    if old_name:
        # Delete the old file only once the new one is saved.
        organisation.logo.storage.delete(old_name)


@transaction.atomic
def set_logo(*, organisation: Organisation, by: User, upload: Any) -> Organisation:
    """Validate an uploaded image, re-encode it as a PNG of at most 512 by 512 pixels without
    metadata and make it the organisation's logo (owner and administrators)."""
    require_can_contribute(by)
    if not permissions.can_edit_organisation(by, organisation):
        raise PermissionDenied
    _replace_logo(organisation, _clean_logo(upload))
    return organisation


# --- verification by the city ----------------------------------------------------------------


def _notify_owner(organisation: Organisation, template: str) -> None:
    owner_membership = (
        Membership.objects.owners()
        .filter(organisation=organisation)
        .select_related("user", "user__profile")
        .first()
    )
    if owner_membership is None:
        return
    owner = owner_membership.user
    profile = getattr(owner, "profile", None)
    if profile is not None and not profile.email_organisation_news:
        return
    send_templated_email(
        to=owner,
        template=template,
        context={
            "organisation_name": organisation.name,
            "remark": organisation.status_remark,
            "organisation_url": absolute_url(
                reverse("organisations:detail", kwargs={"slug": organisation.slug})
            ),
            "edit_url": absolute_url(
                reverse("organisations:edit", kwargs={"slug": organisation.slug})
            ),
        },
    )


@transaction.atomic
def verify_organisation(*, organisation: Organisation, by: User, remark: str = "") -> Organisation:
    """Mark the organisation as verified by city staff and tell its owner by email
    (unless they turned organisation emails off). Verifying it again changes nothing."""
    if not permissions.can_verify_organisations(by):
        raise PermissionDenied
    if organisation.status == Organisation.Status.VERIFIED:
        return organisation
    organisation.status = Organisation.Status.VERIFIED
    organisation.verified_at = timezone.now()
    organisation.verified_by = by
    organisation.status_remark = remark[:500]
    organisation.save(
        update_fields=["status", "verified_at", "verified_by", "status_remark", "updated_at"]
    )
    _notify_owner(organisation, "organisation_verified")
    return organisation


@transaction.atomic
def reject_organisation(*, organisation: Organisation, by: User, remark: str) -> Organisation:
    """City staff refuse to verify the organisation: it disappears from the directory
    and the API (its members still see it, with `remark` explaining why) and the owner
    is told by email."""
    if not permissions.can_verify_organisations(by):
        raise PermissionDenied
    changed = organisation.status != Organisation.Status.REJECTED
    organisation.status = Organisation.Status.REJECTED
    organisation.verified_at = None
    organisation.verified_by = by
    organisation.status_remark = remark.strip()[:500]
    organisation.save(
        update_fields=["status", "verified_at", "verified_by", "status_remark", "updated_at"]
    )
    if changed:
        _notify_owner(organisation, "organisation_rejected")
    return organisation


# --- invitations ---------------------------------------------------------------------------


def _normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid email address.")}) from exc
    return email


@transaction.atomic
def invite_member(
    *, organisation: Organisation, invited_by: User, email: str, role: str
) -> Invitation:
    """Invite someone by email to join with `role` (admin or member; never owner). Only
    the owner and administrators invite. Refuses an address that already belongs to a
    member or has an open invitation. The emailed link works once and expires after
    settings.INVITATION_VALID_DAYS days."""
    if not permissions.can_manage_members(invited_by, organisation):
        raise PermissionDenied
    if role not in INVITABLE_ROLES:
        raise ValidationError({"role": _("Choose administrator or member.")})
    email = _normalise_email(email)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of the organisation.")})
    unanswered = Invitation.objects.unanswered().filter(
        organisation=organisation, email__iexact=email
    )
    if unanswered.filter(expires_at__gt=timezone.now()).exists():
        raise ValidationError(
            {"email": _("An invitation for this address is still open. Revoke it first.")}
        )
    # An expired invitation still holds the one-open-invitation slot: close it.
    now = timezone.now()
    unanswered.update(revoked_at=now)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    send_templated_email(
        to=email,
        template="organisation_invitation",
        # The invitee may have no account yet: write in the inviter's current language.
        language=translation.get_language(),
        context={
            "organisation_name": organisation.name,
            "inviter_name": invited_by.display_name,
            "role": role,
            "valid_days": settings.INVITATION_VALID_DAYS,
            "accept_url": absolute_url(
                reverse("organisations:invitation", kwargs={"token": invitation.token})
            ),
        },
    )
    return invitation


def _lock_invitation(invitation: Invitation) -> Invitation:
    # select_for_update: two clicks on the same link must not both create a membership.
    return (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    )


def _check_open(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn."), code="revoked")
    if invitation.declined_at is not None:
        raise ValidationError(_("This invitation was declined."), code="declined")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation has expired. Ask the organisation for a new one."), code="expired"
        )


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Join the organisation with the invitation's role. Whoever holds the link may accept
    it (their email address need not match: the token is the proof), once. Refused when
    the invitation is used, revoked, declined or expired, or when `user` is already a
    member; nothing changes then."""
    invitation = _lock_invitation(invitation)
    _check_open(invitation)
    if Membership.objects.filter(organisation=invitation.organisation, user=user).exists():
        raise ValidationError(
            _("You are already a member of this organisation."), code="already_member"
        )
    membership = Membership.objects.create(
        organisation=invitation.organisation, user=user, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def decline_invitation(*, invitation: Invitation, user: User) -> Invitation:
    """Say no to an open invitation; its link stops working."""
    invitation = _lock_invitation(invitation)
    _check_open(invitation)
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw an invitation that was not accepted yet (owner and administrators)."""
    if not permissions.can_manage_members(by, invitation.organisation):
        raise PermissionDenied
    invitation = _lock_invitation(invitation)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."), code="used")
    if invitation.revoked_at is None and invitation.declined_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


# --- memberships -----------------------------------------------------------------------------


def _lock_membership(membership: Membership) -> Membership:
    locked = (
        Membership.objects.select_for_update()
        .select_related("organisation")
        .filter(pk=membership.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(_("This person is no longer a member."), code="gone")
    return locked


@transaction.atomic
def change_member_role(*, membership: Membership, by: User, role: str) -> Membership:
    """Make a member an administrator or an administrator a member (owner and
    administrators). Nobody becomes owner this way (ownership moves only by transfer) and
    the owner's role cannot be changed. An unknown role is refused; nothing changes."""
    membership = _lock_membership(membership)
    if not permissions.can_manage_members(by, membership.organisation):
        raise PermissionDenied
    if role == Membership.Role.OWNER:
        raise ValidationError(
            _("Ownership can only be handed over by the owner, with a transfer."), code="owner"
        )
    if role not in INVITABLE_ROLES:
        raise ValidationError(_("Choose administrator or member."), code="invalid_role")
    if membership.role == Membership.Role.OWNER:
        raise ValidationError(_("The owner's role cannot be changed."), code="is_owner")
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by: User) -> None:
    """Remove someone from the organisation (owner and administrators). The owner cannot
    be removed."""
    membership = _lock_membership(membership)
    if not permissions.can_manage_members(by, membership.organisation):
        raise PermissionDenied
    if membership.role == Membership.Role.OWNER:
        raise ValidationError(_("The owner cannot be removed."), code="is_owner")
    membership.delete()


@transaction.atomic
def leave_organisation(*, organisation: Organisation, user: User) -> None:
    """Stop being a member. The owner must transfer ownership first."""
    membership = (
        Membership.objects.select_for_update().filter(organisation=organisation, user=user).first()
    )
    if membership is None:
        raise ValidationError(_("You are not a member of this organisation."), code="not_member")
    if membership.role == Membership.Role.OWNER:
        raise ValidationError(
            _("As the owner you cannot leave: first transfer ownership to another member."),
            code="is_owner",
        )
    membership.delete()


@transaction.atomic
def transfer_ownership(
    *, organisation: Organisation, from_user: User, to_membership: Membership
) -> Membership:
    """Hand ownership to another member; the old owner stays as administrator. The
    database allows one owner per organisation, so the owner is demoted first and the
    new owner promoted after, in one transaction."""
    locked = {
        m.pk: m for m in Membership.objects.select_for_update().filter(organisation=organisation)
    }
    owner = next(
        (
            m
            for m in locked.values()
            if m.role == Membership.Role.OWNER and m.user_id == from_user.pk
        ),
        None,
    )
    if owner is None:
        raise PermissionDenied
    target = locked.get(to_membership.pk)
    if target is None:
        raise ValidationError(_("Choose a member of this organisation."), code="not_member")
    if target.pk == owner.pk:
        raise ValidationError(_("You are already the owner."), code="same")
    owner.role = Membership.Role.ADMIN
    owner.save(update_fields=["role"])
    target.role = Membership.Role.OWNER
    target.save(update_fields=["role"])
    return target


# --- acting on behalf of an organisation ------------------------------------------------------


def set_acting_organisation(
    *, session: SessionBase, user: User, organisation: Organisation | None
) -> None:
    """Choose whom `user` acts as: themselves (None) or an organisation they belong to.
    The choice lives in the session; solidair.organisations.acting reads it back."""
    if organisation is None:
        session.pop(ACTING_SESSION_KEY, None)
        return
    if not permissions.can_act_for(user, organisation):
        raise PermissionDenied
    session[ACTING_SESSION_KEY] = organisation.slug
