"""Who may do what with an organisation, and the access helpers views call first.

Roles grant named permissions (solidair.core.permissions.Permissions). Staff (city
employees) may see every organisation and verify them; managing an organisation's
members stays with its own owner and administrators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.http import Http404

from solidair.core.permissions import Permissions
from solidair.moderation.permissions import is_moderator

from .models import Membership, Organisation
from .querysets import is_staff_user

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    AnyUser: TypeAlias = User | AnonymousUser

ROLE_PERMISSIONS: dict[str, frozenset[Permissions]] = {
    Membership.Role.OWNER: frozenset(
        {
            Permissions.ORGANISATION_VIEW,
            Permissions.ORGANISATION_EDIT,
            Permissions.ORGANISATION_MANAGE_MEMBERS,
            Permissions.ORGANISATION_TRANSFER_OWNERSHIP,
            Permissions.ORGANISATION_ACT_FOR,
        }
    ),
    Membership.Role.ADMIN: frozenset(
        {
            Permissions.ORGANISATION_VIEW,
            Permissions.ORGANISATION_EDIT,
            Permissions.ORGANISATION_MANAGE_MEMBERS,
            Permissions.ORGANISATION_ACT_FOR,
        }
    ),
    Membership.Role.MEMBER: frozenset(
        {Permissions.ORGANISATION_VIEW, Permissions.ORGANISATION_ACT_FOR}
    ),
}


def get_membership(user: AnyUser, organisation: Organisation) -> Membership | None:
    """The membership of `user` in `organisation`, or None (also for anonymous users)."""
    if not user.is_authenticated or not user.is_active:
        return None
    return Membership.objects.filter(organisation=organisation, user=user).first()


def role_permissions(membership: Membership | None) -> frozenset[Permissions]:
    """The permissions a membership grants (none without one)."""
    if membership is None:
        return frozenset()
    return ROLE_PERMISSIONS.get(membership.role, frozenset())


def has_organisation_permission(
    user: AnyUser,
    organisation: Organisation,
    permission: Permissions,
    *,
    membership: Membership | None = None,
) -> bool:
    """Whether `user` holds `permission` on `organisation` through their role. Pass
    `membership` when the caller already has it, to save a query."""
    if permission == Permissions.ORGANISATION_VIEW and can_view_organisation(user, organisation):
        return True
    if permission == Permissions.ORGANISATION_VERIFY:
        return can_verify_organisations(user)
    if membership is None:
        membership = get_membership(user, organisation)
    elif membership.organisation_id != organisation.pk or membership.user_id != user.pk:
        return False
    if permission == Permissions.ORGANISATION_ACT_FOR and organisation.status == "rejected":
        # Nobody posts in the name of an organisation the city refused to verify.
        return False
    return permission in role_permissions(membership)


def can_view_organisation(user: AnyUser, organisation: Organisation) -> bool:
    """Verified and pending organisations are public; a rejected one is visible to its
    members and to staff only; one the moderators hid to its members and the moderators
    only."""
    if organisation.hidden_at is not None:
        return is_moderator(user) or get_membership(user, organisation) is not None
    if organisation.status != Organisation.Status.REJECTED or is_staff_user(user):
        return True
    return get_membership(user, organisation) is not None


def has_verified_email(user: AnyUser) -> bool:
    """Whether the user confirmed at least one email address (allauth)."""
    if not user.is_authenticated:
        return False
    return bool(EmailAddress.objects.filter(user=user, verified=True).exists())


def can_create_organisation(user: AnyUser) -> bool:
    """Any active user with a verified email address may register an organisation; it
    then waits for verification by the city."""
    return bool(user.is_authenticated and user.is_active and has_verified_email(user))


def can_edit_organisation(
    user: AnyUser, organisation: Organisation, *, membership: Membership | None = None
) -> bool:
    """Owner and administrators edit the organisation's page."""
    return has_organisation_permission(
        user, organisation, Permissions.ORGANISATION_EDIT, membership=membership
    )


def can_manage_members(
    user: AnyUser, organisation: Organisation, *, membership: Membership | None = None
) -> bool:
    """Owner and administrators invite, remove and change the role of members."""
    return has_organisation_permission(
        user, organisation, Permissions.ORGANISATION_MANAGE_MEMBERS, membership=membership
    )


def can_transfer_ownership(
    user: AnyUser, organisation: Organisation, *, membership: Membership | None = None
) -> bool:
    """Only the owner hands over ownership."""
    return has_organisation_permission(
        user, organisation, Permissions.ORGANISATION_TRANSFER_OWNERSHIP, membership=membership
    )


def can_act_for(
    user: AnyUser, organisation: Organisation, *, membership: Membership | None = None
) -> bool:
    """Every member may post and react in the organisation's name (unless it was rejected)."""
    return has_organisation_permission(
        user, organisation, Permissions.ORGANISATION_ACT_FOR, membership=membership
    )


def can_verify_organisations(user: AnyUser) -> bool:
    """City staff verify or reject organisations."""
    return is_staff_user(user)


# --- access helpers: the first line of a view ------------------------------------------------


def get_organisation_for_viewer_or_404(user: AnyUser, slug: str) -> Organisation:
    """The organisation with its sectors, target groups, neighbourhood and member count,
    if `user` may see it; otherwise 404 (a rejected organisation's existence is not
    confirmed to outsiders)."""
    organisation = (
        Organisation.objects.visible_to(user)
        .with_related()
        .with_member_count()
        .filter(slug=slug)
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def _get_membership_or_404(user: AnyUser, slug: str) -> Membership:
    if user.is_authenticated and user.is_active:
        membership = (
            Membership.objects.select_related("organisation")
            .filter(organisation__slug=slug, user=user)
            .first()
        )
        if membership is not None:
            return membership
        if is_staff_user(user) and Organisation.objects.filter(slug=slug).exists():
            # Staff may know the organisation exists; they manage it in the admin site.
            raise PermissionDenied
    # Non-members get a 404 whatever the organisation's status: the answer must not
    # tell them whether a (rejected) organisation with this slug exists.
    raise Http404


def get_membership_for_admin_or_404(user: AnyUser, slug: str) -> Membership:
    """The owner's or an administrator's own membership (its `.organisation` loaded).
    404 for non-members, 403 for plain members."""
    membership = _get_membership_or_404(user, slug)
    if not can_manage_members(user, membership.organisation, membership=membership):
        raise PermissionDenied
    return membership


def get_organisation_for_admin_or_404(user: AnyUser, slug: str) -> Organisation:
    """The organisation if `user` is its owner or an administrator. 404 for non-members,
    403 for plain members."""
    return get_membership_for_admin_or_404(user, slug).organisation


def get_organisation_for_owner_or_404(user: AnyUser, slug: str) -> Organisation:
    """The organisation if `user` is its owner. 404 for non-members, 403 for others."""
    membership = _get_membership_or_404(user, slug)
    if not can_transfer_ownership(user, membership.organisation, membership=membership):
        raise PermissionDenied
    return membership.organisation


def get_membership_for_member_or_404(user: AnyUser, slug: str) -> Membership:
    """The user's own membership in the organisation; 404 when they have none."""
    return _get_membership_or_404(user, slug)
