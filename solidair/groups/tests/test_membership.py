"""The membership state machine, its invariants in the database, and bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.groups import services
from solidair.groups.models import Group, GroupInvitation, GroupMembership

from .factories import GroupFactory, member

pytestmark = pytest.mark.django_db


def state_of(group, user) -> str:
    return GroupMembership.objects.get(group=group, user=user).state


# --- creating ---------------------------------------------------------------------------


def test_the_creator_becomes_the_active_owner_who_hears_every_message(citizen):
    group = services.create_group(
        creator=citizen,
        data={"name": "Buren van Rabot", "description": "Samen", "visibility": "closed"},
    )
    owner = GroupMembership.objects.get(group=group)
    assert (owner.user, owner.role, owner.state, owner.notify) == (
        citizen,
        "owner",
        "active",
        "every",
    )
    assert group.slug == "buren-van-rabot"


def test_a_second_group_of_the_same_name_gets_its_own_slug(citizen):
    data = {"name": "Taalcafé", "description": "x", "visibility": "open"}
    first = services.create_group(creator=citizen, data=data)
    second = services.create_group(creator=citizen, data=data)
    assert (first.slug, second.slug) == ("taalcafe", "taalcafe-2")


def test_a_reserved_slug_is_never_used(citizen):
    group = services.create_group(
        creator=citizen, data={"name": "New", "description": "x", "visibility": "open"}
    )
    assert group.slug == "new-2"


def test_an_unverified_person_cannot_start_a_group():
    user = UserFactory.create(verified=False)
    with pytest.raises(PermissionDenied):
        services.create_group(
            creator=user, data={"name": "X", "description": "x", "visibility": "open"}
        )
    assert not Group.objects.exists()


def test_a_group_links_only_to_an_organisation_the_creator_belongs_to(citizen, organisation):
    with pytest.raises(ValidationError) as exc:
        services.create_group(
            creator=citizen,
            data={
                "name": "X",
                "description": "x",
                "visibility": "open",
                "organisation": organisation,
            },
        )
    assert "organisation" in exc.value.message_dict
    assert not Group.objects.exists()


def test_an_unknown_visibility_is_refused(citizen):
    with pytest.raises(ValidationError):
        services.create_group(
            creator=citizen, data={"name": "X", "description": "x", "visibility": "secret"}
        )
    assert not Group.objects.exists()


# --- joining an open group ----------------------------------------------------------------


def test_joining_an_open_group_makes_an_active_member_at_once(open_group, citizen):
    membership = services.join_group(group=open_group, user=citizen)
    assert (membership.state, membership.role) == ("active", "member")
    assert membership.joined_at is not None


def test_joining_twice_is_refused_and_changes_nothing(open_group, citizen):
    services.join_group(group=open_group, user=citizen)
    with pytest.raises(ValidationError, match="already a member"):
        services.join_group(group=open_group, user=citizen)
    assert GroupMembership.objects.filter(group=open_group, user=citizen).count() == 1


def test_a_member_who_left_may_join_an_open_group_again(open_group, citizen):
    services.join_group(group=open_group, user=citizen)
    services.leave_group(group=open_group, user=citizen)
    assert state_of(open_group, citizen) == "left"
    services.join_group(group=open_group, user=citizen)
    assert state_of(open_group, citizen) == "active"


# --- asking to join a closed group -----------------------------------------------------------


def test_asking_to_join_a_closed_group_waits_for_an_admin_who_is_told(closed_group, citizen):
    membership = services.join_group(
        group=closed_group, user=citizen, motivation="Ik zorg voor mijn vader."
    )
    assert membership.state == "requested"
    assert membership.joined_at is None
    assert [m.subject for m in mail.outbox] == [
        f"{citizen.display_name} asks to join Mantelzorgers Gentbrugge"
    ]
    assert "Ik zorg voor mijn vader." in mail.outbox[0].body


def test_a_closed_group_needs_a_motivation(closed_group, citizen):
    with pytest.raises(ValidationError) as exc:
        services.join_group(group=closed_group, user=citizen, motivation="   ")
    assert "motivation" in exc.value.message_dict
    assert not GroupMembership.objects.filter(user=citizen).exists()


def test_a_too_long_motivation_is_refused(closed_group, citizen):
    with pytest.raises(ValidationError):
        services.join_group(group=closed_group, user=citizen, motivation="x" * 501)
    assert not GroupMembership.objects.filter(user=citizen).exists()


def test_asking_twice_is_refused(closed_group, citizen):
    services.join_group(group=closed_group, user=citizen, motivation="Graag")
    with pytest.raises(ValidationError, match="already asked"):
        services.join_group(group=closed_group, user=citizen, motivation="Nog eens")
    assert GroupMembership.objects.get(user=citizen).motivation == "Graag"


def test_an_admin_accepts_and_the_asker_is_told(closed_group, citizen, org_admin):
    request = services.join_group(group=closed_group, user=citizen, motivation="Graag")
    mail.outbox.clear()
    services.accept_request(membership=request, by=org_admin)
    request.refresh_from_db()
    assert (request.state, request.decided_by) == ("active", org_admin)
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    assert "accepted" in mail.outbox[0].body


def test_an_admin_refuses_and_the_asker_is_told(closed_group, citizen, org_admin):
    request = services.join_group(group=closed_group, user=citizen, motivation="Graag")
    mail.outbox.clear()
    services.refuse_request(membership=request, by=org_admin)
    assert state_of(closed_group, citizen) == "refused"
    assert "did not accept" in mail.outbox[0].body


def test_a_refused_person_may_ask_again(closed_group, citizen, org_admin):
    request = services.join_group(group=closed_group, user=citizen, motivation="Graag")
    services.refuse_request(membership=request, by=org_admin)
    services.join_group(group=closed_group, user=citizen, motivation="Tweede kans")
    assert state_of(closed_group, citizen) == "requested"


def test_a_plain_member_cannot_approve_a_request(closed_group, citizen, volunteer):
    request = services.join_group(group=closed_group, user=citizen, motivation="Graag")
    with pytest.raises(PermissionDenied):
        services.accept_request(membership=request, by=volunteer)
    assert state_of(closed_group, citizen) == "requested"


def test_an_outsider_cannot_approve_a_request(closed_group, citizen, stranger):
    request = services.join_group(group=closed_group, user=citizen, motivation="Graag")
    with pytest.raises(PermissionDenied):
        services.refuse_request(membership=request, by=stranger)
    assert state_of(closed_group, citizen) == "requested"


def test_a_request_is_answered_once(closed_group, citizen, org_admin):
    request = services.join_group(group=closed_group, user=citizen, motivation="Graag")
    services.accept_request(membership=request, by=org_admin)
    with pytest.raises(ValidationError, match="already answered"):
        services.refuse_request(membership=request, by=org_admin)
    assert state_of(closed_group, citizen) == "active"


def test_the_asker_may_withdraw_a_request(closed_group, citizen, org_admin):
    request = services.join_group(group=closed_group, user=citizen, motivation="Graag")
    services.leave_group(group=closed_group, user=citizen)
    assert state_of(closed_group, citizen) == "left"
    with pytest.raises(ValidationError):
        services.accept_request(membership=request, by=org_admin)


# --- leaving, removing, roles, ownership -------------------------------------------------------


def test_the_last_owner_cannot_leave_without_handing_over(closed_group, org_admin):
    with pytest.raises(ValidationError, match="hand the group over"):
        services.leave_group(group=closed_group, user=org_admin)
    assert state_of(closed_group, org_admin) == "active"


def test_after_handing_over_the_old_owner_may_leave(closed_group, org_admin, volunteer):
    target = GroupMembership.objects.get(group=closed_group, user=volunteer)
    services.transfer_ownership(group=closed_group, from_user=org_admin, to_membership=target)
    roles = dict(GroupMembership.objects.filter(group=closed_group).values_list("user", "role"))
    assert roles == {org_admin.pk: "admin", volunteer.pk: "owner"}
    services.leave_group(group=closed_group, user=org_admin)
    assert state_of(closed_group, org_admin) == "left"
    assert GroupMembership.objects.get(group=closed_group, user=org_admin).role == "member"


def test_only_the_owner_hands_over(closed_group, volunteer, citizen):
    other = member(closed_group, citizen, role="admin")
    with pytest.raises(PermissionDenied):
        services.transfer_ownership(group=closed_group, from_user=citizen, to_membership=other)


def test_ownership_goes_only_to_an_active_member(closed_group, org_admin, citizen):
    applicant = services.join_group(group=closed_group, user=citizen, motivation="Graag")
    with pytest.raises(ValidationError):
        services.transfer_ownership(
            group=closed_group, from_user=org_admin, to_membership=applicant
        )


def test_an_admin_removes_a_member_who_cannot_come_back_alone(closed_group, org_admin, volunteer):
    target = GroupMembership.objects.get(group=closed_group, user=volunteer)
    services.remove_member(membership=target, by=org_admin)
    assert state_of(closed_group, volunteer) == "removed"
    with pytest.raises(ValidationError, match="removed you"):
        services.join_group(group=closed_group, user=volunteer, motivation="Sorry")
    assert state_of(closed_group, volunteer) == "removed"


def test_a_removed_member_of_an_open_group_cannot_rejoin_either(open_group, org_admin, citizen):
    membership = services.join_group(group=open_group, user=citizen)
    services.remove_member(membership=membership, by=org_admin)
    with pytest.raises(ValidationError):
        services.join_group(group=open_group, user=citizen)


def test_the_owner_cannot_be_removed(closed_group, org_admin, volunteer):
    owner = GroupMembership.objects.get(group=closed_group, user=org_admin)
    services.change_role(
        membership=GroupMembership.objects.get(user=volunteer, group=closed_group),
        by=org_admin,
        role="admin",
    )
    with pytest.raises(ValidationError, match="owner cannot be removed"):
        services.remove_member(membership=owner, by=volunteer)
    assert state_of(closed_group, org_admin) == "active"


def test_an_admin_cannot_remove_themselves(closed_group, org_admin, volunteer):
    target = GroupMembership.objects.get(group=closed_group, user=volunteer)
    services.change_role(membership=target, by=org_admin, role="admin")
    with pytest.raises(ValidationError, match="leave the group instead"):
        services.remove_member(membership=target, by=volunteer)
    assert state_of(closed_group, volunteer) == "active"


def test_a_plain_member_cannot_remove_anyone(closed_group, citizen, volunteer):
    other = member(closed_group, citizen)
    with pytest.raises(PermissionDenied):
        services.remove_member(membership=other, by=volunteer)
    assert state_of(closed_group, citizen) == "active"


def test_admins_appoint_admins_but_never_owners(closed_group, org_admin, volunteer):
    target = GroupMembership.objects.get(group=closed_group, user=volunteer)
    services.change_role(membership=target, by=org_admin, role="admin")
    assert GroupMembership.objects.get(pk=target.pk).role == "admin"
    with pytest.raises(ValidationError):
        services.change_role(membership=target, by=org_admin, role="owner")
    with pytest.raises(ValidationError):
        services.change_role(membership=target, by=org_admin, role="emperor")
    assert GroupMembership.objects.get(pk=target.pk).role == "admin"


def test_an_admin_who_leaves_is_no_longer_an_admin(closed_group, org_admin, volunteer):
    target = GroupMembership.objects.get(group=closed_group, user=volunteer)
    services.change_role(membership=target, by=org_admin, role="admin")
    services.leave_group(group=closed_group, user=volunteer)
    target.refresh_from_db()
    assert (target.state, target.role) == ("left", "member")


# --- invitations ------------------------------------------------------------------------


def test_an_invitation_is_emailed_and_works_once(closed_group, org_admin, citizen):
    invitation = services.invite(group=closed_group, by=org_admin, email=citizen.email.upper())
    assert mail.outbox[-1].to == [citizen.email]
    assert invitation.token in mail.outbox[-1].body
    services.accept_invitation(invitation=invitation, user=citizen)
    assert state_of(closed_group, citizen) == "active"
    with pytest.raises(ValidationError, match="already been used"):
        services.accept_invitation(invitation=invitation, user=UserFactory.create())


def test_an_invitation_brings_back_a_removed_member(closed_group, org_admin, volunteer):
    services.remove_member(
        membership=GroupMembership.objects.get(group=closed_group, user=volunteer), by=org_admin
    )
    invitation = services.invite(group=closed_group, by=org_admin, email=volunteer.email)
    services.accept_invitation(invitation=invitation, user=volunteer)
    assert state_of(closed_group, volunteer) == "active"


def test_an_expired_invitation_is_refused(closed_group, org_admin, citizen):
    invitation = services.invite(group=closed_group, by=org_admin, email="new@example.org")
    GroupInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    invitation.refresh_from_db()
    with pytest.raises(ValidationError, match="expired"):
        services.accept_invitation(invitation=invitation, user=citizen)
    assert not GroupMembership.objects.filter(user=citizen).exists()


def test_inviting_a_member_or_twice_or_as_a_member_is_refused(closed_group, org_admin, volunteer):
    with pytest.raises(ValidationError):
        services.invite(group=closed_group, by=org_admin, email=volunteer.email)
    services.invite(group=closed_group, by=org_admin, email="new@example.org")
    with pytest.raises(ValidationError, match="still open"):
        services.invite(group=closed_group, by=org_admin, email="NEW@example.org")
    with pytest.raises(PermissionDenied):
        services.invite(group=closed_group, by=volunteer, email="other@example.org")
    with pytest.raises(ValidationError):
        services.invite(group=closed_group, by=org_admin, email="not an address")
    assert GroupInvitation.objects.count() == 1


def test_a_revoked_invitation_no_longer_works(closed_group, org_admin, citizen):
    invitation = services.invite(group=closed_group, by=org_admin, email=citizen.email)
    services.revoke_invitation(invitation=invitation, by=org_admin)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.accept_invitation(invitation=invitation, user=citizen)


# --- the database keeps the invariants even when code does not --------------------------------


def test_the_database_allows_one_row_per_person_per_group(closed_group, volunteer):
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.create(
            group=closed_group, user=volunteer, state="left", role="member"
        )


def test_the_database_allows_one_owner(closed_group, volunteer):
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.filter(group=closed_group, user=volunteer).update(role="owner")


def test_the_database_refuses_an_owner_who_is_not_active(closed_group, org_admin):
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.filter(group=closed_group, user=org_admin).update(state="left")


def test_the_database_refuses_unknown_states(closed_group, volunteer):
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembership.objects.filter(group=closed_group, user=volunteer).update(state="vip")
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.filter(pk=closed_group.pk).update(visibility="secret")


def test_an_unrelated_group_is_untouched(closed_group, org_admin, citizen):
    other = GroupFactory.create(visibility="closed")
    member(other, citizen, role="owner")
    services.remove_member(membership=member(closed_group, UserFactory.create()), by=org_admin)
    assert state_of(other, citizen) == "active"
