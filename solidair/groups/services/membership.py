"""The membership state machine (see solidair/groups/models.py) and invitations.

Every transition locks the membership row, checks the current state and the actor's
permission again (a POST can be forged), and raises `ValidationError` with a message for
the person when the state does not allow it; nothing changes then.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import Group, GroupInvitation, GroupMembership
from . import notify

if TYPE_CHECKING:
    from solidair.accounts.models import User

State = GroupMembership.State
Role = GroupMembership.Role
MOTIVATION_MAX_LENGTH = 500


def _lock(group: Group, user: User) -> GroupMembership | None:
    # select_for_update: two clicks (or two tabs) must not both change the row.
    return GroupMembership.objects.select_for_update().filter(group=group, user=user).first()


def _lock_row(membership: GroupMembership) -> GroupMembership:
    locked = (
        GroupMembership.objects.select_for_update()
        .select_related("group", "user")
        .filter(pk=membership.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(_("This person is no longer in the group."), code="gone")
    return locked


def _activate(membership: GroupMembership, *, by: User | None = None) -> GroupMembership:
    now = timezone.now()
    membership.state = State.ACTIVE
    membership.role = Role.MEMBER
    membership.joined_at = now
    # A returning member's digest starts now: what was written while away is not news.
    membership.digested_until = now
    if by is not None:
        membership.decided_by = by
        membership.decided_at = now
    membership.save()
    return membership


@transaction.atomic
def join_group(*, group: Group, user: User, motivation: str = "") -> GroupMembership:
    """Join an open group (active at once) or ask to join a closed one (`motivation`
    required; the group's administrators are told). Refused: joining twice, asking twice,
    and coming back after being removed (only an invitation brings a removed person back).
    A departed member may join again; a refused applicant may ask again."""
    if not user.is_active:
        raise PermissionDenied
    membership = _lock(group, user)
    if membership is not None:
        if membership.state == State.ACTIVE:
            raise ValidationError(_("You are already a member of this group."), code="member")
        if membership.state == State.REQUESTED:
            raise ValidationError(
                _("You already asked to join; an administrator will answer soon."),
                code="requested",
            )
        if membership.state == State.REMOVED:
            raise ValidationError(
                _("An administrator removed you from this group. Ask them for an invitation."),
                code="removed",
            )
    if group.is_open:
        if membership is None:
            membership = GroupMembership(group=group, user=user)
        return _activate(membership)
    motivation = (motivation or "").strip()
    if not motivation:
        raise ValidationError(
            {"motivation": _("Tell the administrators in a few words why you want to join.")}
        )
    if len(motivation) > MOTIVATION_MAX_LENGTH:
        raise ValidationError(
            {"motivation": _("Keep it short: at most 500 characters.")}, code="too_long"
        )
    if membership is None:
        membership = GroupMembership(group=group, user=user)
    membership.state = State.REQUESTED
    membership.role = Role.MEMBER
    membership.motivation = motivation
    membership.decided_at = None
    membership.decided_by = None
    membership.save()
    notify.join_request(membership)
    return membership


def _decide(membership: GroupMembership, by: User) -> GroupMembership:
    membership = _lock_row(membership)
    if not permissions.can_manage_members(by, membership.group):
        raise PermissionDenied
    if membership.state != State.REQUESTED:
        raise ValidationError(_("This request was already answered or withdrawn."), code="state")
    return membership


@transaction.atomic
def accept_request(*, membership: GroupMembership, by: User) -> GroupMembership:
    """An administrator accepts a request to join; the asker becomes a member and is told."""
    membership = _decide(membership, by)
    _activate(membership, by=by)
    notify.request_decided(membership, accepted=True)
    return membership


@transaction.atomic
def refuse_request(*, membership: GroupMembership, by: User) -> GroupMembership:
    """An administrator refuses a request to join; the asker is told (without a reason
    shown to anyone else)."""
    membership = _decide(membership, by)
    membership.state = State.REFUSED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["state", "decided_by", "decided_at"])
    notify.request_decided(membership, accepted=False)
    return membership


@transaction.atomic
def leave_group(*, group: Group, user: User) -> GroupMembership:
    """Leave the group, or withdraw a pending request. The owner cannot leave before
    handing the group over to another member: a group always has its owner."""
    membership = _lock(group, user)
    if membership is None or membership.state not in (State.ACTIVE, State.REQUESTED):
        raise ValidationError(_("You are not a member of this group."), code="not_member")
    if membership.role == Role.OWNER:
        raise ValidationError(
            _("As the owner you cannot leave: first hand the group over to another member."),
            code="owner",
        )
    membership.state = State.LEFT
    membership.role = Role.MEMBER
    membership.save(update_fields=["state", "role"])
    return membership


@transaction.atomic
def remove_member(*, membership: GroupMembership, by: User) -> GroupMembership:
    """An administrator removes someone; they lose access to a closed group's content at
    once and cannot join again by themselves. The owner cannot be removed."""
    membership = _lock_row(membership)
    if not permissions.can_manage_members(by, membership.group):
        raise PermissionDenied
    if membership.state != State.ACTIVE:
        raise ValidationError(_("This person is not a member."), code="not_member")
    if membership.role == Role.OWNER:
        raise ValidationError(_("The owner cannot be removed."), code="owner")
    if membership.user_id == by.pk:
        # Removing oneself would lock one out for good; leaving keeps the way back open.
        raise ValidationError(_("To go, leave the group instead."), code="self")
    membership.state = State.REMOVED
    membership.role = Role.MEMBER
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["state", "role", "decided_by", "decided_at"])
    return membership


@transaction.atomic
def change_role(*, membership: GroupMembership, by: User, role: str) -> GroupMembership:
    """An administrator makes a member an administrator, or an administrator a member.
    Nobody becomes owner this way (only by a transfer) and the owner's role stays."""
    membership = _lock_row(membership)
    if not permissions.can_manage_members(by, membership.group):
        raise PermissionDenied
    if role not in (Role.ADMIN, Role.MEMBER):
        raise ValidationError(_("Choose administrator or member."), code="invalid_role")
    if membership.state != State.ACTIVE:
        raise ValidationError(_("This person is not a member."), code="not_member")
    if membership.role == Role.OWNER:
        raise ValidationError(_("The owner's role cannot be changed."), code="owner")
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def transfer_ownership(
    *, group: Group, from_user: User, to_membership: GroupMembership
) -> GroupMembership:
    """The owner hands the group to another active member and stays an administrator. The
    database allows one owner per group, so the owner is demoted first, in one transaction."""
    locked = {m.pk: m for m in GroupMembership.objects.select_for_update().filter(group=group)}
    owner = next(
        (m for m in locked.values() if m.role == Role.OWNER and m.user_id == from_user.pk), None
    )
    if owner is None:
        raise PermissionDenied
    target = locked.get(to_membership.pk)
    if target is None or target.state != State.ACTIVE:
        raise ValidationError(_("Choose a member of this group."), code="not_member")
    if target.pk == owner.pk:
        raise ValidationError(_("You are already the owner."), code="same")
    owner.role = Role.ADMIN
    owner.save(update_fields=["role"])
    target.role = Role.OWNER
    target.save(update_fields=["role"])
    return target


@transaction.atomic
def set_notification_preference(*, membership: GroupMembership, by: User, notify: str) -> None:
    """Choose how `by` hears of new topics and replies in this group: every message by
    email, a daily digest, or off."""
    if membership.user_id != by.pk or membership.state != State.ACTIVE:
        raise PermissionDenied
    if notify not in GroupMembership.Notify.values:
        raise ValidationError(_("Choose every message, a daily digest or off."), code="invalid")
    GroupMembership.objects.filter(pk=membership.pk).update(notify=notify)
    membership.notify = notify


def unsubscribe_by_token(*, token: str) -> GroupMembership | None:
    """Turn emails of one group off from the link in such an email (no login needed: the
    signed token is the credential). None for a bad token."""
    pk = notify.membership_for_unsubscribe_token(token)
    if pk is None:
        return None
    membership = GroupMembership.objects.select_related("group").filter(pk=pk).first()
    if membership is None:
        return None
    GroupMembership.objects.filter(pk=pk).update(notify=GroupMembership.Notify.OFF)
    membership.notify = GroupMembership.Notify.OFF
    return membership


# --- invitations -------------------------------------------------------------------------


@transaction.atomic
def invite(*, group: Group, by: User, email: str) -> GroupInvitation:
    """Invite someone by email (owner and administrators). Refuses an address of an active
    member or one with an open invitation. The link works once and expires after
    settings.INVITATION_VALID_DAYS days."""
    if not permissions.can_manage_members(by, group):
        raise PermissionDenied
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid email address.")}) from exc
    if GroupMembership.objects.filter(
        group=group, user__email__iexact=email, state=State.ACTIVE
    ).exists():
        raise ValidationError({"email": _("This person is already a member of the group.")})
    unanswered = GroupInvitation.objects.unanswered().filter(group=group, email__iexact=email)
    now = timezone.now()
    if unanswered.filter(expires_at__gt=now).exists():
        raise ValidationError(
            {"email": _("An invitation for this address is still open. Revoke it first.")}
        )
    # An expired invitation still holds the one-open-invitation slot: close it.
    unanswered.update(revoked_at=now)
    invitation = GroupInvitation.objects.create(
        group=group,
        email=email,
        invited_by=by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    notify.invitation(invitation, language=translation.get_language())
    return invitation


def _lock_invitation(invitation: GroupInvitation) -> GroupInvitation:
    return GroupInvitation.objects.select_for_update().select_related("group").get(pk=invitation.pk)


def _check_open(invitation: GroupInvitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."), code="used")
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn."), code="revoked")
    if invitation.declined_at is not None:
        raise ValidationError(_("This invitation was declined."), code="declined")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation has expired. Ask the group for a new one."), code="expired"
        )


@transaction.atomic
def accept_invitation(*, invitation: GroupInvitation, user: User) -> GroupMembership:
    """Join the group with the invitation (whoever holds the link; the token is the
    proof), once. It also brings back a removed member and answers a pending request."""
    invitation = _lock_invitation(invitation)
    _check_open(invitation)
    membership = _lock(invitation.group, user)
    if membership is not None and membership.state == State.ACTIVE:
        raise ValidationError(_("You are already a member of this group."), code="member")
    if membership is None:
        membership = GroupMembership(group=invitation.group, user=user)
    _activate(membership, by=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def decline_invitation(*, invitation: GroupInvitation, user: User) -> GroupInvitation:
    """Say no to an open invitation; its link stops working."""
    invitation = _lock_invitation(invitation)
    _check_open(invitation)
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: GroupInvitation, by: User) -> GroupInvitation:
    """Withdraw an invitation that was not accepted (owner and administrators)."""
    if not permissions.can_manage_members(by, invitation.group):
        raise PermissionDenied
    invitation = _lock_invitation(invitation)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."), code="used")
    if invitation.revoked_at is None and invitation.declined_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation
