"""City staff verify and reject organisations from the admin site."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from solidair.accounts.tests.factories import UserFactory
from solidair.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:organisations_organisation_changelist"


@pytest.fixture
def superuser(db):
    return UserFactory.create(is_staff=True, is_superuser=True)


def test_the_verify_action_verifies_through_the_service(client, superuser):
    organisation = OrganisationFactory.create()
    MembershipFactory.create(organisation=organisation, role="owner")
    client.force_login(superuser)
    response = client.post(
        reverse(CHANGELIST), {"action": "verify", ACTION_CHECKBOX_NAME: [organisation.pk]}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_verified
    assert organisation.verified_by == superuser
    assert len(mail.outbox) == 1


def test_the_reject_action_asks_for_a_remark_first(client, superuser):
    organisation = OrganisationFactory.create()
    client.force_login(superuser)
    data = {"action": "reject", ACTION_CHECKBOX_NAME: [organisation.pk]}
    response = client.post(reverse(CHANGELIST), data)
    assert response.status_code == 200
    assert "remark" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.status == "pending"

    response = client.post(reverse(CHANGELIST), {**data, "apply": "1", "remark": "Geen vzw."})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == "rejected"
    assert organisation.status_remark == "Geen vzw."


def test_the_admin_pages_open(client, superuser, organisation, org_admin):
    client.force_login(superuser)
    for name in [
        CHANGELIST,
        "admin:organisations_membership_changelist",
        "admin:organisations_invitation_changelist",
    ]:
        assert client.get(reverse(name)).status_code == 200
    change = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    assert client.get(change).status_code == 200


def test_the_openapi_schema_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/organisations" in schema["paths"]
    assert "/api/v1/organisations/{slug}" in schema["paths"]
