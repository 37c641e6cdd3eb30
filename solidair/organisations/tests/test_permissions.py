"""Who gets which answer from every organisation page (an access matrix), and the
named permission functions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from solidair.accounts.tests.factories import UserFactory
from solidair.organisations import permissions
from solidair.organisations.models import Membership
from solidair.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    membership_of,
)

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["organisations:edit", "organisations:members", "organisations:invite"]


def get_as(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("name", [*ADMIN_PAGES, "organisations:transfer"])
def test_admin_pages_send_anonymous_visitors_to_the_login(client, organisation, name):
    url = reverse(name, kwargs={"slug": organisation.slug})
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url


@pytest.mark.parametrize("name", [*ADMIN_PAGES, "organisations:transfer"])
def test_a_stranger_gets_404_on_admin_pages(client, organisation, stranger, name):
    response = get_as(client, stranger, reverse(name, kwargs={"slug": organisation.slug}))
    assert response.status_code == 404


@pytest.mark.parametrize("name", [*ADMIN_PAGES, "organisations:transfer"])
def test_a_stranger_cannot_tell_a_rejected_organisation_exists(client, stranger, name):
    rejected = OrganisationFactory.create(rejected=True)
    existing = get_as(client, stranger, reverse(name, kwargs={"slug": rejected.slug}))
    missing = client.get(reverse(name, kwargs={"slug": "does-not-exist"}))
    assert existing.status_code == missing.status_code == 404


@pytest.mark.parametrize("name", [*ADMIN_PAGES, "organisations:transfer"])
def test_a_plain_member_is_refused_admin_pages(client, organisation, org_member, name):
    response = get_as(client, org_member, reverse(name, kwargs={"slug": organisation.slug}))
    assert response.status_code == 403


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_owner_and_admins_open_admin_pages(client, organisation, org_admin, org_second_admin, name):
    url = reverse(name, kwargs={"slug": organisation.slug})
    assert get_as(client, org_admin, url).status_code == 200
    assert get_as(client, org_second_admin, url).status_code == 200


def test_only_the_owner_opens_the_transfer_page(client, organisation, org_admin, org_second_admin):
    url = reverse("organisations:transfer", kwargs={"slug": organisation.slug})
    assert get_as(client, org_admin, url).status_code == 200
    assert get_as(client, org_second_admin, url).status_code == 403


def test_staff_who_are_not_members_are_refused_admin_pages(client, organisation, editor):
    response = get_as(client, editor, reverse("organisations:members", args=[organisation.slug]))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 404), ("stranger", 404), ("org_member", 200), ("editor", 200)],
)
def test_a_rejected_organisation_is_seen_by_members_and_staff_only(
    client, request, persona, status
):
    rejected = OrganisationFactory.create(rejected=True)
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    if persona == "org_member":
        MembershipFactory.create(organisation=rejected, user=user)
    response = get_as(client, user, reverse("organisations:detail", args=[rejected.slug]))
    assert response.status_code == status


@pytest.mark.parametrize("persona", ["anonymous", "citizen", "org_admin", "editor"])
def test_public_pages_are_open_to_everyone(client, request, organisation, persona):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    pending = OrganisationFactory.create()
    for url in [
        reverse("organisations:directory"),
        reverse("organisations:detail", args=[organisation.slug]),
        reverse("organisations:detail", args=[pending.slug]),
    ]:
        assert get_as(client, user, url).status_code == 200


@pytest.mark.parametrize("name", ["organisations:create", "organisations:mine"])
def test_personal_pages_need_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_invitation_page_sends_anonymous_visitors_to_the_login_and_back(client, organisation):
    url = reverse("organisations:invitation", args=["some-token"])
    response = client.get(url)
    assert response.status_code == 302
    assert f"next={url}" in response.url.replace("%2F", "/")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("organisations:member_role", {"pk": 1}),
        ("organisations:member_remove", {"pk": 1}),
        ("organisations:leave", {}),
    ],
)
def test_post_only_endpoints_refuse_get(client, organisation, org_admin, name, kwargs):
    client.force_login(org_admin)
    response = client.get(reverse(name, kwargs={"slug": organisation.slug, **kwargs}))
    assert response.status_code == 405


# --- named permission functions ------------------------------------------------------------


def test_role_permissions(organisation, org_admin, org_second_admin, org_member, stranger):
    def allowed(user):
        return (
            permissions.can_edit_organisation(user, organisation),
            permissions.can_manage_members(user, organisation),
            permissions.can_transfer_ownership(user, organisation),
            permissions.can_act_for(user, organisation),
        )

    assert allowed(org_admin) == (True, True, True, True)
    assert allowed(org_second_admin) == (True, True, False, True)
    assert allowed(org_member) == (False, False, False, True)
    assert allowed(stranger) == (False, False, False, False)


def test_a_passed_membership_of_someone_else_grants_nothing(organisation, org_admin, stranger):
    owner_membership = membership_of(org_admin, organisation)
    assert not permissions.can_edit_organisation(
        stranger, organisation, membership=owner_membership
    )


def test_nobody_acts_for_a_rejected_organisation(org_member, organisation):
    organisation.status = "rejected"
    organisation.save()
    assert not permissions.can_act_for(org_member, organisation)


def test_only_staff_verify(editor, moderator, org_admin, citizen):
    assert permissions.can_verify_organisations(editor)
    assert permissions.can_verify_organisations(moderator)
    assert not permissions.can_verify_organisations(org_admin)
    assert not permissions.can_verify_organisations(citizen)


def test_creating_needs_a_verified_email(citizen):
    assert permissions.can_create_organisation(citizen)
    assert not permissions.can_create_organisation(UserFactory.create(verified=False))


def test_an_inactive_owner_has_no_rights(organisation, org_admin):
    org_admin.is_active = False
    org_admin.save()
    assert not permissions.can_edit_organisation(org_admin, organisation)
    assert Membership.objects.filter(user=org_admin).exists()
