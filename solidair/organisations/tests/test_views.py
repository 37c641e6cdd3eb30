"""The organisation pages, driven like a browser would (forms, POSTs, redirects)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from solidair.accounts.tests.factories import UserFactory
from solidair.core.models import Neighbourhood, Sector, TargetGroup
from solidair.organisations.acting import get_acting_organisation
from solidair.organisations.models import Invitation, Membership, Organisation
from solidair.organisations.services import ACTING_SESSION_KEY
from solidair.organisations.tests.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    membership_of,
)

pytestmark = pytest.mark.django_db


def members_url(organisation):
    return reverse("organisations:members", args=[organisation.slug])


# --- detail ---------------------------------------------------------------------------------


def test_the_detail_page_shows_the_public_facts(client, organisation, org_admin):
    organisation.description = "We **koken**. [Site](https://kiem.be) <script>alert(1)</script>"
    organisation.contact_email = "info@buurtwerk.be"
    organisation.contact_phone = "09 123 45 67"
    organisation.website = "https://buurtwerk.be"
    organisation.address = "Rabotstraat 1"
    organisation.save()
    organisation.sectors.set([Sector.objects.get(slug="welfare")])
    html = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert "Buurtwerk Rabot" in html
    assert "badge--verified" in html
    assert "<strong>koken</strong>" in html
    assert 'rel="nofollow noopener"' in html
    assert "<script>alert(1)" not in html
    assert "info@buurtwerk.be" in html
    assert "09 123 45 67" in html
    assert "Rabotstraat 1" in html
    assert Sector.objects.get(slug="welfare").label in html
    # The owner's own address is private, even on their organisation's page.
    assert org_admin.email not in html
    # Visitors get no management links.
    assert reverse("organisations:edit", args=[organisation.slug]) not in html


def test_a_pending_organisation_says_it_waits_for_verification(client):
    pending = OrganisationFactory.create()
    html = client.get(reverse("organisations:detail", args=[pending.slug])).content.decode()
    assert "badge--pending" in html


def test_admins_see_management_links_and_the_switcher(client, organisation, org_admin):
    client.force_login(org_admin)
    html = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert reverse("organisations:edit", args=[organisation.slug]) in html
    assert members_url(organisation) in html
    assert reverse("organisations:transfer", args=[organisation.slug]) in html
    assert reverse("organisations:act_as") in html


def test_members_of_a_rejected_organisation_see_the_remark(client, org_member, organisation):
    organisation.status = "rejected"
    organisation.status_remark = "Geen erkende vzw."
    organisation.verified_at = None
    organisation.save()
    client.force_login(org_member)
    html = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert "Geen erkende vzw." in html


# --- create and edit -------------------------------------------------------------------------


def test_registering_an_organisation(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("organisations:create"),
        {
            "name": "Vzw Nieuw Begin",
            "description": "Taalcafé voor nieuwkomers.",
            "sectors": [Sector.objects.get(slug="integration").pk],
            "target_groups": [TargetGroup.objects.get(slug="refugees").pk],
            "neighbourhood": Neighbourhood.objects.get(slug="dampoort").pk,
            "website": "nieuwbegin.be",
        },
    )
    organisation = Organisation.objects.get(name="Vzw Nieuw Begin")
    assert response.status_code == 302
    assert response.url == reverse("organisations:detail", args=[organisation.slug])
    assert organisation.status == "pending"
    assert organisation.website == "https://nieuwbegin.be"
    assert membership_of(citizen, organisation).role == "owner"


def test_registering_with_bad_input_shows_errors_and_creates_nothing(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("organisations:create"), {"name": "", "description": "x", "sectors": ["nope"]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"name", "sectors"}
    assert not Organisation.objects.exists()


def test_an_unverified_user_is_sent_to_confirm_their_email(client):
    client.force_login(UserFactory.create(verified=False))
    response = client.get(reverse("organisations:create"))
    assert response.status_code == 302
    assert response.url == reverse("account_email")


def test_an_admin_edits_the_page(client, organisation, org_second_admin):
    client.force_login(org_second_admin)
    url = reverse("organisations:edit", args=[organisation.slug])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "logo"}
    data["sectors"] = [Sector.objects.get(slug="health").pk]
    data["target_groups"] = []
    data["neighbourhood"] = organisation.neighbourhood_id
    data["description"] = "Nieuwe beschrijving"
    response = client.post(url, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Nieuwe beschrijving"
    assert [s.slug for s in organisation.sectors.all()] == ["health"]


def test_a_member_cannot_post_an_edit(client, organisation, org_member):
    client.force_login(org_member)
    response = client.post(
        reverse("organisations:edit", args=[organisation.slug]),
        {"name": "Gekaapt", "description": "x"},
    )
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Buurtwerk Rabot"


def test_an_invalid_logo_is_a_form_error(client, organisation, org_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(org_admin)
    response = client.post(
        reverse("organisations:edit", args=[organisation.slug]),
        {
            "name": "Buurtwerk Rabot",
            "description": "x",
            "logo": SimpleUploadedFile("logo.png", b"not an image", "image/png"),
        },
    )
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    organisation.refresh_from_db()
    assert not organisation.logo


# --- members ---------------------------------------------------------------------------------


def test_the_members_page_shows_names_and_roles_but_no_member_emails(
    client, organisation, org_admin, org_member
):
    InvitationFactory.create(organisation=organisation, email="invitee@example.org")
    client.force_login(org_admin)
    html = client.get(members_url(organisation)).content.decode()
    assert "Piet Lid" in html
    assert "Els van Buurtwerk" in html
    assert org_member.email not in html
    assert org_admin.email not in html
    # Admins do see the address of a pending invitation: they need to know whom they invited.
    assert "invitee@example.org" in html


def test_an_admin_invites_through_the_form(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(
        reverse("organisations:invite", args=[organisation.slug]),
        {"email": "nieuw@example.org", "role": "member"},
    )
    assert response.status_code == 302
    assert Invitation.objects.get().email == "nieuw@example.org"
    assert len(mail.outbox) == 1


def test_inviting_a_member_again_is_a_form_error(client, organisation, org_admin, org_member):
    client.force_login(org_admin)
    response = client.post(
        reverse("organisations:invite", args=[organisation.slug]),
        {"email": org_member.email, "role": "member"},
    )
    assert response.status_code == 200
    assert "already a member" in str(response.context["form"].errors["email"])
    assert not Invitation.objects.exists()


def test_a_member_cannot_invite_through_the_form(client, organisation, org_member):
    client.force_login(org_member)
    response = client.post(
        reverse("organisations:invite", args=[organisation.slug]),
        {"email": "nieuw@example.org", "role": "admin"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_admin_changes_a_role(client, organisation, org_admin, org_member):
    client.force_login(org_admin)
    membership = membership_of(org_member, organisation)
    response = client.post(
        reverse("organisations:member_role", args=[organisation.slug, membership.pk]),
        {"role": "admin"},
    )
    assert response.status_code == 302
    assert membership_of(org_member, organisation).role == "admin"


@pytest.mark.parametrize("role", ["owner", "superuser", ""])
def test_it_refuses_a_forged_role_change(client, organisation, org_admin, org_member, role):
    client.force_login(org_admin)
    membership = membership_of(org_member, organisation)
    response = client.post(
        reverse("organisations:member_role", args=[organisation.slug, membership.pk]),
        {"role": role},
        follow=True,
    )
    assert "Choose administrator or member." in response.content.decode()
    assert membership_of(org_member, organisation).role == "member"
    assert membership_of(org_admin, organisation).role == "owner"


def test_an_admin_cannot_demote_the_owner_through_a_post(
    client, organisation, org_admin, org_second_admin
):
    client.force_login(org_second_admin)
    owner = membership_of(org_admin, organisation)
    response = client.post(
        reverse("organisations:member_role", args=[organisation.slug, owner.pk]),
        {"role": "member"},
        follow=True,
    )
    assert "cannot be changed" in response.content.decode()
    assert membership_of(org_admin, organisation).role == "owner"


def test_a_member_cannot_change_roles_through_a_post(client, organisation, org_member):
    client.force_login(org_member)
    own = membership_of(org_member, organisation)
    response = client.post(
        reverse("organisations:member_role", args=[organisation.slug, own.pk]), {"role": "admin"}
    )
    assert response.status_code == 403
    assert membership_of(org_member, organisation).role == "member"


def test_a_membership_of_another_organisation_is_not_found(client, organisation, org_admin):
    other = MembershipFactory.create()
    client.force_login(org_admin)
    response = client.post(
        reverse("organisations:member_role", args=[organisation.slug, other.pk]),
        {"role": "admin"},
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.role == "member"


def test_an_admin_removes_a_member(client, organisation, org_admin, org_member):
    client.force_login(org_admin)
    membership = membership_of(org_member, organisation)
    client.post(reverse("organisations:member_remove", args=[organisation.slug, membership.pk]))
    assert not Membership.objects.filter(user=org_member).exists()


def test_an_admin_revokes_an_invitation(client, organisation, org_admin):
    invitation = InvitationFactory.create(organisation=organisation)
    client.force_login(org_admin)
    client.post(reverse("organisations:invitation_revoke", args=[organisation.slug, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_a_member_leaves(client, organisation, org_member):
    client.force_login(org_member)
    response = client.post(reverse("organisations:leave", args=[organisation.slug]))
    assert response.url == reverse("organisations:mine")
    assert not Membership.objects.filter(user=org_member).exists()


def test_the_owner_is_told_to_transfer_before_leaving(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(reverse("organisations:leave", args=[organisation.slug]), follow=True)
    assert "transfer ownership" in response.content.decode()
    assert membership_of(org_admin, organisation).role == "owner"


def test_the_owner_transfers_through_the_form(client, organisation, org_admin, org_member):
    client.force_login(org_admin)
    target = membership_of(org_member, organisation)
    url = reverse("organisations:transfer", args=[organisation.slug])
    page = client.get(url).content.decode()
    assert "Piet Lid" in page
    assert org_member.email not in page
    response = client.post(url, {"membership": target.pk, "confirm": "on"})
    assert response.status_code == 302
    assert membership_of(org_member, organisation).role == "owner"
    assert membership_of(org_admin, organisation).role == "admin"


def test_a_transfer_to_an_outsider_is_refused(client, organisation, org_admin):
    outsider = MembershipFactory.create()
    client.force_login(org_admin)
    response = client.post(
        reverse("organisations:transfer", args=[organisation.slug]),
        {"membership": outsider.pk, "confirm": "on"},
    )
    assert response.status_code == 200
    assert "membership" in response.context["form"].errors
    assert membership_of(org_admin, organisation).role == "owner"


# --- invitations -------------------------------------------------------------------------


def test_the_invitation_page_does_not_show_the_invited_address(client, organisation, citizen):
    invitation = InvitationFactory.create(organisation=organisation, email="secret@example.org")
    client.force_login(citizen)
    html = client.get(reverse("organisations:invitation", args=[invitation.token])).content.decode()
    assert "Buurtwerk Rabot" in html
    assert "secret@example.org" not in html


def test_accepting_through_the_page(client, organisation, citizen):
    invitation = InvitationFactory.create(organisation=organisation, role="admin")
    client.force_login(citizen)
    response = client.post(
        reverse("organisations:invitation", args=[invitation.token]), {"action": "accept"}
    )
    assert response.url == reverse("organisations:detail", args=[organisation.slug])
    assert membership_of(citizen, organisation).role == "admin"


def test_declining_through_the_page(client, organisation, citizen):
    invitation = InvitationFactory.create(organisation=organisation)
    client.force_login(citizen)
    client.post(reverse("organisations:invitation", args=[invitation.token]), {"action": "decline"})
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    assert not Membership.objects.filter(user=citizen).exists()


def test_an_expired_invitation_is_refused_on_the_page(client, organisation, citizen):
    invitation = InvitationFactory.create(organisation=organisation, expired=True)
    client.force_login(citizen)
    url = reverse("organisations:invitation", args=[invitation.token])
    assert "expired" in client.get(url).content.decode()
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user=citizen).exists()


def test_an_unknown_invitation_token_is_404(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("organisations:invitation", args=["nope"]))
    assert response.status_code == 404


def test_an_unknown_invitation_action_is_400(client, organisation, citizen):
    invitation = InvitationFactory.create(organisation=organisation)
    client.force_login(citizen)
    response = client.post(
        reverse("organisations:invitation", args=[invitation.token]), {"action": "hack"}
    )
    assert response.status_code == 400
    assert not Membership.objects.filter(user=citizen).exists()


# --- mine and acting ---------------------------------------------------------------------------


def test_my_organisations_lists_my_roles_and_the_switcher(client, organisation, org_admin):
    other = OrganisationFactory.create(name="Zorgnet")
    MembershipFactory.create(organisation=other, user=org_admin, role="member")
    client.force_login(org_admin)
    response = client.get(reverse("organisations:mine"))
    html = response.content.decode()
    assert "Buurtwerk Rabot" in html
    assert "Zorgnet" in html
    assert "Owner" in html
    assert 'name="organisation"' in html  # the acting switcher


def test_acting_for_an_organisation(client, organisation, org_member):
    client.force_login(org_member)
    response = client.post(
        reverse("organisations:act_as"),
        {"organisation": organisation.slug, "next": "/organisations/"},
    )
    assert response.url == "/organisations/"
    assert client.session[ACTING_SESSION_KEY] == organisation.slug
    client.post(reverse("organisations:act_as"), {"organisation": ""})
    assert ACTING_SESSION_KEY not in client.session


def test_acting_for_a_foreign_organisation_is_404(client, organisation, stranger):
    client.force_login(stranger)
    response = client.post(reverse("organisations:act_as"), {"organisation": organisation.slug})
    assert response.status_code == 404
    assert ACTING_SESSION_KEY not in client.session


def test_act_as_ignores_an_offsite_next(client, organisation, org_member):
    client.force_login(org_member)
    response = client.post(
        reverse("organisations:act_as"),
        {"organisation": organisation.slug, "next": "https://evil.example/"},
    )
    assert response.url == reverse("organisations:mine")


def test_acting_ends_when_the_membership_ends(rf, organisation, org_member):
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/")
    request.user = org_member
    request.session = SessionStore()
    request.session[ACTING_SESSION_KEY] = organisation.slug
    assert get_acting_organisation(request) == organisation

    Membership.objects.filter(user=org_member).delete()
    request = rf.get("/")
    request.user = org_member
    request.session = SessionStore()
    request.session[ACTING_SESSION_KEY] = organisation.slug
    assert get_acting_organisation(request) is None
    assert ACTING_SESSION_KEY not in request.session


def test_the_context_processor_runs_one_query_for_the_switcher(
    client, organisation, org_admin, django_assert_max_num_queries
):
    from solidair.organisations.context_processors import acting

    for _ in range(5):
        MembershipFactory.create(user=org_admin)
    client.force_login(org_admin)
    request = client.get(reverse("organisations:directory")).wsgi_request
    with django_assert_max_num_queries(1):
        context = acting(request)
        assert len(context["my_organisations"]) == 6
        assert len(context["acting_choices"]) == 6
        assert not context["acting_organisation"]


def test_the_context_processor_adds_nothing_for_anonymous_visitors(rf):
    from django.contrib.auth.models import AnonymousUser

    from solidair.organisations.context_processors import acting

    request = rf.get("/")
    request.user = AnonymousUser()
    assert acting(request) == {}


def test_inviting_is_rate_limited(client, organisation, org_admin, settings):
    settings.RATELIMIT_ENABLE = True
    client.force_login(org_admin)
    url = reverse("organisations:invite", args=[organisation.slug])
    statuses = [
        client.post(url, {"email": f"p{i}@example.org", "role": "member"}).status_code
        for i in range(31)
    ]
    assert statuses[:30] == [302] * 30
    assert statuses[30] == 429
    assert Invitation.objects.count() == 30
