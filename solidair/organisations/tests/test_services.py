"""The state machine of organisations, memberships, invitations and ownership."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.core.models import Sector, TargetGroup
from solidair.organisations import services
from solidair.organisations.models import Invitation, Membership, Organisation
from solidair.organisations.tests.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    membership_of,
)

pytestmark = pytest.mark.django_db


def org_data(**overrides):
    data = {
        "name": "Vzw De Kiem",
        "description": "We **helpen** gezinnen.",
        "sectors": [Sector.objects.get(slug="welfare")],
        "target_groups": [TargetGroup.objects.get(slug="families")],
        "neighbourhood": None,
        "address": "",
        "website": "",
        "contact_email": "",
        "contact_phone": "",
    }
    data.update(overrides)
    return data


# --- creating ------------------------------------------------------------------------------


def test_it_creates_a_pending_organisation_owned_by_its_creator(citizen):
    organisation = services.create_organisation(creator=citizen, data=org_data())
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.slug == "vzw-de-kiem"
    assert membership_of(citizen, organisation).role == Membership.Role.OWNER
    assert [s.slug for s in organisation.sectors.all()] == ["welfare"]
    assert [t.slug for t in organisation.target_groups.all()] == ["families"]


def test_it_suffixes_the_slug_when_the_name_is_taken(citizen, volunteer):
    first = services.create_organisation(creator=citizen, data=org_data())
    second = services.create_organisation(creator=volunteer, data=org_data())
    third = services.create_organisation(creator=volunteer, data=org_data())
    assert (first.slug, second.slug, third.slug) == (
        "vzw-de-kiem",
        "vzw-de-kiem-2",
        "vzw-de-kiem-3",
    )


@pytest.mark.parametrize("name", ["New", "Mine", "Invitations", "Act as"])
def test_it_never_gives_a_slug_that_shadows_a_fixed_url(citizen, name):
    organisation = services.create_organisation(creator=citizen, data=org_data(name=name))
    assert organisation.slug.endswith("-2")


def test_it_falls_back_to_a_generic_slug_for_names_without_latin_letters(citizen):
    organisation = services.create_organisation(creator=citizen, data=org_data(name="جمعية"))
    assert organisation.slug == "organisation"


def test_it_refuses_to_create_for_an_unverified_email(db):
    user = UserFactory.create(verified=False)
    with pytest.raises(PermissionDenied):
        services.create_organisation(creator=user, data=org_data())
    assert not Organisation.objects.exists()


def test_it_refuses_a_bad_logo_and_creates_nothing(citizen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'></svg>", "image/svg+xml")
    with pytest.raises(ValidationError) as excinfo:
        services.create_organisation(creator=citizen, data=org_data(logo=svg))
    assert "logo" in excinfo.value.message_dict
    assert not Organisation.objects.exists()


def test_it_stores_the_logo_as_a_png_without_metadata(org_admin, organisation):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 600), "red").save(buffer, format="JPEG")
    upload = SimpleUploadedFile("logo.jpg", buffer.getvalue(), "image/jpeg")
    services.set_logo(organisation=organisation, by=org_admin, upload=upload)
    organisation.refresh_from_db()
    with Image.open(organisation.logo.path) as logo:
        assert logo.format == "PNG"
        assert max(logo.size) == 512


def test_a_member_cannot_set_the_logo(org_member, organisation):
    with pytest.raises(PermissionDenied):
        services.set_logo(organisation=organisation, by=org_member, upload=None)


def test_it_updates_but_keeps_the_slug(org_admin, organisation):
    old_slug = organisation.slug
    services.update_organisation(
        organisation=organisation, by=org_admin, data=org_data(name="Nieuwe naam")
    )
    organisation.refresh_from_db()
    assert organisation.name == "Nieuwe naam"
    assert organisation.slug == old_slug


def test_a_member_cannot_update(org_member, organisation):
    with pytest.raises(PermissionDenied):
        services.update_organisation(organisation=organisation, by=org_member, data=org_data())


# --- invitations ---------------------------------------------------------------------------


def test_an_admin_invites_by_email(org_admin, organisation, settings):
    settings.INVITATION_VALID_DAYS = 10
    invitation = services.invite_member(
        organisation=organisation, invited_by=org_admin, email=" New@Example.org ", role="admin"
    )
    assert invitation.email == "new@example.org"
    assert invitation.role == "admin"
    assert invitation.is_open
    assert timedelta(days=9) < invitation.expires_at - timezone.now() <= timedelta(days=10)
    assert len(mail.outbox) == 1


def test_a_member_cannot_invite(org_member, organisation):
    with pytest.raises(PermissionDenied):
        services.invite_member(
            organisation=organisation, invited_by=org_member, email="x@example.org", role="member"
        )
    assert not Invitation.objects.exists()


def test_nobody_is_invited_as_owner(org_admin, organisation):
    with pytest.raises(ValidationError):
        services.invite_member(
            organisation=organisation, invited_by=org_admin, email="x@example.org", role="owner"
        )
    assert not Invitation.objects.exists()


def test_it_refuses_to_invite_a_member(org_admin, org_member, organisation):
    with pytest.raises(ValidationError) as excinfo:
        services.invite_member(
            organisation=organisation,
            invited_by=org_admin,
            email=org_member.email.upper(),
            role="member",
        )
    assert "already a member" in str(excinfo.value.message_dict["email"])


def test_it_refuses_a_second_open_invitation_for_the_same_address(org_admin, organisation):
    services.invite_member(
        organisation=organisation, invited_by=org_admin, email="x@example.org", role="member"
    )
    with pytest.raises(ValidationError) as excinfo:
        services.invite_member(
            organisation=organisation, invited_by=org_admin, email="X@example.org", role="admin"
        )
    assert "still open" in str(excinfo.value.message_dict["email"])
    assert Invitation.objects.count() == 1


def test_it_invites_again_after_an_invitation_expired(org_admin, organisation):
    old = InvitationFactory.create(organisation=organisation, email="x@example.org", expired=True)
    new = services.invite_member(
        organisation=organisation, invited_by=org_admin, email="x@example.org", role="member"
    )
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert new.is_open


def test_accepting_makes_a_membership_with_the_invited_role(organisation, citizen):
    invitation = InvitationFactory.create(
        organisation=organisation, role="admin", email="other@x.org"
    )
    membership = services.accept_invitation(invitation=invitation, user=citizen)
    assert membership.role == "admin"
    invitation.refresh_from_db()
    assert invitation.accepted_by == citizen
    assert not invitation.is_open


def test_an_invitation_works_once(organisation, citizen, volunteer):
    invitation = InvitationFactory.create(organisation=organisation)
    services.accept_invitation(invitation=invitation, user=citizen)
    with pytest.raises(ValidationError) as excinfo:
        services.accept_invitation(invitation=invitation, user=volunteer)
    assert excinfo.value.code == "used"
    assert not Membership.objects.filter(user=volunteer).exists()


@pytest.mark.parametrize(
    ("state", "code"),
    [
        ({"expired": True}, "expired"),
        ({"revoked_at": timezone.now()}, "revoked"),
        ({"declined_at": timezone.now()}, "declined"),
    ],
)
def test_a_closed_invitation_is_refused(organisation, citizen, state, code):
    invitation = InvitationFactory.create(organisation=organisation, **state)
    with pytest.raises(ValidationError) as excinfo:
        services.accept_invitation(invitation=invitation, user=citizen)
    assert excinfo.value.code == code
    assert not Membership.objects.filter(user=citizen).exists()


def test_a_member_cannot_accept_twice(organisation, org_member):
    invitation = InvitationFactory.create(organisation=organisation, role="admin")
    with pytest.raises(ValidationError) as excinfo:
        services.accept_invitation(invitation=invitation, user=org_member)
    assert excinfo.value.code == "already_member"
    assert membership_of(org_member, organisation).role == "member"
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_declining_closes_the_invitation(organisation, citizen):
    invitation = InvitationFactory.create(organisation=organisation)
    services.decline_invitation(invitation=invitation, user=citizen)
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=citizen)


def test_an_admin_revokes_an_invitation(org_admin, organisation, citizen):
    invitation = InvitationFactory.create(organisation=organisation)
    services.revoke_invitation(invitation=invitation, by=org_admin)
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=citizen)


def test_a_member_cannot_revoke_an_invitation(org_member, organisation):
    invitation = InvitationFactory.create(organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.revoke_invitation(invitation=invitation, by=org_member)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_database_allows_one_open_invitation_per_address(organisation):
    InvitationFactory.create(organisation=organisation, email="a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory.create(organisation=organisation, email="a@example.org")


# --- roles, removal, leaving ---------------------------------------------------------------


def test_an_admin_promotes_and_demotes(org_admin, org_member, organisation):
    membership = membership_of(org_member, organisation)
    services.change_member_role(membership=membership, by=org_admin, role="admin")
    assert membership_of(org_member, organisation).role == "admin"
    services.change_member_role(membership=membership, by=org_admin, role="member")
    assert membership_of(org_member, organisation).role == "member"


def test_nobody_is_made_owner_by_a_role_change(org_admin, org_member, organisation):
    with pytest.raises(ValidationError):
        services.change_member_role(
            membership=membership_of(org_member, organisation), by=org_admin, role="owner"
        )
    assert membership_of(org_member, organisation).role == "member"


@pytest.mark.parametrize("role", ["superadmin", "", "OWNER", "admin "])
def test_it_refuses_a_forged_role_value(org_admin, org_member, organisation, role):
    with pytest.raises(ValidationError):
        services.change_member_role(
            membership=membership_of(org_member, organisation), by=org_admin, role=role
        )
    assert membership_of(org_member, organisation).role == "member"


def test_an_admin_cannot_change_the_owners_role(org_admin, org_second_admin, organisation):
    with pytest.raises(ValidationError):
        services.change_member_role(
            membership=membership_of(org_admin, organisation), by=org_second_admin, role="member"
        )
    assert membership_of(org_admin, organisation).role == "owner"


def test_a_member_cannot_change_roles(org_member, org_second_admin, organisation):
    with pytest.raises(PermissionDenied):
        services.change_member_role(
            membership=membership_of(org_second_admin, organisation), by=org_member, role="member"
        )
    with pytest.raises(PermissionDenied):
        services.change_member_role(
            membership=membership_of(org_member, organisation), by=org_member, role="admin"
        )
    assert membership_of(org_member, organisation).role == "member"


def test_an_admin_of_another_organisation_cannot_change_roles(org_member, organisation):
    other_admin = MembershipFactory.create(role="owner").user
    with pytest.raises(PermissionDenied):
        services.change_member_role(
            membership=membership_of(org_member, organisation), by=other_admin, role="admin"
        )


def test_an_admin_removes_a_member_but_not_the_owner(
    org_admin, org_member, org_second_admin, organisation
):
    services.remove_member(membership=membership_of(org_member, organisation), by=org_second_admin)
    assert not Membership.objects.filter(user=org_member).exists()
    with pytest.raises(ValidationError):
        services.remove_member(
            membership=membership_of(org_admin, organisation), by=org_second_admin
        )
    assert membership_of(org_admin, organisation).role == "owner"


def test_a_member_leaves(org_member, organisation):
    services.leave_organisation(organisation=organisation, user=org_member)
    assert not Membership.objects.filter(user=org_member).exists()


def test_the_owner_cannot_leave_without_transferring(org_admin, organisation):
    with pytest.raises(ValidationError) as excinfo:
        services.leave_organisation(organisation=organisation, user=org_admin)
    assert "transfer" in excinfo.value.messages[0]
    assert membership_of(org_admin, organisation).role == "owner"


def test_a_stranger_cannot_leave(stranger, organisation):
    with pytest.raises(ValidationError):
        services.leave_organisation(organisation=organisation, user=stranger)


# --- transfer ----------------------------------------------------------------------------


def test_the_owner_transfers_and_becomes_admin(org_admin, org_member, organisation):
    services.transfer_ownership(
        organisation=organisation,
        from_user=org_admin,
        to_membership=membership_of(org_member, organisation),
    )
    assert membership_of(org_member, organisation).role == "owner"
    assert membership_of(org_admin, organisation).role == "admin"
    assert Membership.objects.filter(organisation=organisation, role="owner").count() == 1


def test_an_admin_cannot_transfer(org_admin, org_second_admin, org_member, organisation):
    with pytest.raises(PermissionDenied):
        services.transfer_ownership(
            organisation=organisation,
            from_user=org_second_admin,
            to_membership=membership_of(org_member, organisation),
        )
    assert membership_of(org_admin, organisation).role == "owner"
    assert membership_of(org_member, organisation).role == "member"


def test_ownership_goes_only_to_a_member_of_the_same_organisation(org_admin, organisation):
    outsider = MembershipFactory.create()
    with pytest.raises(ValidationError):
        services.transfer_ownership(
            organisation=organisation, from_user=org_admin, to_membership=outsider
        )
    assert membership_of(org_admin, organisation).role == "owner"
    outsider.refresh_from_db()
    assert outsider.role == "member"


def test_the_database_allows_one_owner(org_admin, org_member, organisation):
    membership = membership_of(org_member, organisation)
    membership.role = "owner"
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


# --- verification ---------------------------------------------------------------------------


def test_staff_verify_and_the_owner_is_told(editor, org_admin):
    organisation = OrganisationFactory.create(name="Wachtend")
    MembershipFactory.create(organisation=organisation, user=org_admin, role="owner")
    services.verify_organisation(organisation=organisation, by=editor, remark="Welkom!")
    organisation.refresh_from_db()
    assert organisation.is_verified
    assert organisation.verified_by == editor
    assert organisation.verified_at is not None
    assert [m.to for m in mail.outbox] == [[org_admin.email]]
    assert "Wachtend" in mail.outbox[0].subject


def test_staff_reject_with_a_remark_and_the_owner_is_told(moderator, org_admin, organisation):
    services.reject_organisation(organisation=organisation, by=moderator, remark="Geen vzw.")
    organisation.refresh_from_db()
    assert organisation.status == "rejected"
    assert organisation.verified_at is None
    assert organisation.status_remark == "Geen vzw."
    assert len(mail.outbox) == 1
    assert "Geen vzw." in mail.outbox[0].body


def test_the_owner_who_turned_organisation_emails_off_gets_none(editor, org_admin, organisation):
    org_admin.profile.email_organisation_news = False
    org_admin.profile.save()
    services.reject_organisation(organisation=organisation, by=editor, remark="Nee")
    assert mail.outbox == []


def test_a_citizen_cannot_verify(org_admin, citizen):
    organisation = OrganisationFactory.create()
    with pytest.raises(PermissionDenied):
        services.verify_organisation(organisation=organisation, by=org_admin)
    with pytest.raises(PermissionDenied):
        services.reject_organisation(organisation=organisation, by=citizen, remark="x")
    organisation.refresh_from_db()
    assert organisation.status == "pending"


# --- acting ----------------------------------------------------------------------------------


def test_a_member_may_act_for_the_organisation(org_member, organisation, client):
    session = client.session
    services.set_acting_organisation(session=session, user=org_member, organisation=organisation)
    assert session[services.ACTING_SESSION_KEY] == organisation.slug
    services.set_acting_organisation(session=session, user=org_member, organisation=None)
    assert services.ACTING_SESSION_KEY not in session


def test_a_stranger_may_not_act_for_the_organisation(stranger, organisation, client):
    session = client.session
    with pytest.raises(PermissionDenied):
        services.set_acting_organisation(session=session, user=stranger, organisation=organisation)
    assert services.ACTING_SESSION_KEY not in session
