"""The invitation email: what it says, whom it tells, and that its link works once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from solidair.organisations import services
from solidair.organisations.models import Invitation, Membership
from solidair.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(org_admin, organisation, settings):
    settings.SITE_URL = "https://solidair.example"
    return services.invite_member(
        organisation=organisation, invited_by=org_admin, email="nieuw@example.org", role="admin"
    )


def html_part(message) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    return str(message.alternatives[0][0])


def link_path(message) -> str:
    match = re.search(
        r"https://solidair\.example(/organisations/invitations/[^/\s]+/)", message.body
    )
    assert match, message.body
    return match.group(1)


def test_the_invitation_email_goes_to_the_invitee_only(invitation):
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@example.org"]
    assert mail.outbox[0].cc == []
    assert mail.outbox[0].bcc == []


def test_the_invitation_email_names_the_organisation_and_inviter(invitation):
    message = mail.outbox[0]
    assert "Buurtwerk Rabot" in message.subject
    assert "Els van Buurtwerk" in message.body
    assert "administrator" in message.body
    html = html_part(message)
    assert "Buurtwerk Rabot" in html
    assert invitation.token in html


def test_the_invitation_email_does_not_reveal_the_inviters_address(invitation, org_admin):
    message = mail.outbox[0]
    assert org_admin.email not in message.body
    assert org_admin.email not in html_part(message)


def test_the_link_in_the_email_works_once(invitation, client, citizen, volunteer):
    path = link_path(mail.outbox[0])
    client.force_login(citizen)
    assert client.get(path).status_code == 200
    response = client.post(path, {"action": "accept"})
    assert response.status_code == 302
    assert Membership.objects.get(user=citizen).role == "admin"

    client.force_login(volunteer)
    response = client.post(path, {"action": "accept"})
    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    assert not Membership.objects.filter(user=volunteer).exists()


def test_an_expired_link_is_refused(invitation, client, citizen):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(citizen)
    response = client.post(link_path(mail.outbox[0]), {"action": "accept"})
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user=citizen).exists()


def test_a_revoked_link_is_refused(invitation, client, citizen, org_admin):
    services.revoke_invitation(invitation=invitation, by=org_admin)
    client.force_login(citizen)
    response = client.post(link_path(mail.outbox[0]), {"action": "accept"})
    assert response.status_code == 400
    assert not Membership.objects.filter(user=citizen).exists()


def test_the_invitation_email_is_in_the_inviters_language(org_admin, organisation):
    from django.utils import translation

    with translation.override("en"):
        services.invite_member(
            organisation=organisation, invited_by=org_admin, email="a@example.org", role="member"
        )
    assert "invites you" in mail.outbox[0].body


def test_the_verification_email_links_to_the_page(editor, settings):
    settings.SITE_URL = "https://solidair.example"
    organisation = OrganisationFactory.create(name="Wachtend", slug="wachtend")
    owner = MembershipFactory.create(organisation=organisation, role="owner").user
    services.verify_organisation(organisation=organisation, by=editor)
    assert mail.outbox[0].to == [owner.email]
    assert "https://solidair.example/organisations/wachtend/" in mail.outbox[0].body
