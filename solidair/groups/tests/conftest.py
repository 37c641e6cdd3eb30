"""The groups' world: `closed_group` is owned by org_admin with volunteer as a member and a
topic with a reply; `open_group` is owned by org_admin too."""

from __future__ import annotations

import pytest
from django.core import mail

from solidair.accounts.tests.factories import UserFactory
from solidair.groups import services
from solidair.groups.models import GroupMembership

from .factories import GroupFactory, ReplyFactory, TopicFactory, member


@pytest.fixture
def closed_group(db, org_admin, volunteer):
    group = GroupFactory.create(
        name="Mantelzorgers Gentbrugge", slug="mantelzorgers", visibility="closed"
    )
    member(group, org_admin, role="owner")
    member(group, volunteer)
    return group


@pytest.fixture
def open_group(db, org_admin):
    group = GroupFactory.create(name="Buren van Rabot", slug="buren-van-rabot", visibility="open")
    member(group, org_admin, role="owner")
    return group


@pytest.fixture
def secret_topic(closed_group, volunteer):
    return TopicFactory.create(
        group=closed_group,
        author=volunteer,
        title="Geheimschrift ZWAVELZUUR",
        body="Mijn moeder heeft ALZHEIMERDETAIL",
    )


@pytest.fixture
def secret_reply(secret_topic, org_admin):
    reply = ReplyFactory.create(topic=secret_topic, author=org_admin, body="Antwoord KAMFERBALLEN")
    secret_topic.reply_count = 1
    secret_topic.save(update_fields=["reply_count"])
    return reply


@pytest.fixture
def outsiders(closed_group, org_admin, stranger):
    """Every kind of person who is not an active member of `closed_group`."""
    people = {"anonymous": None, "stranger": stranger}
    applicant = UserFactory.create(profile__display_name="Aanvrager")
    services.join_group(group=closed_group, user=applicant, motivation="Graag")
    people["applicant"] = applicant
    refused = UserFactory.create(profile__display_name="Geweigerd")
    request = services.join_group(group=closed_group, user=refused, motivation="Graag")
    services.refuse_request(membership=request, by=org_admin)
    people["refused"] = refused
    departed = UserFactory.create(profile__display_name="Vertrokken")
    services.accept_invitation(
        invitation=services.invite(group=closed_group, by=org_admin, email=departed.email),
        user=departed,
    )
    services.leave_group(group=closed_group, user=departed)
    people["departed"] = departed
    removed = UserFactory.create(profile__display_name="Verwijderd")
    services.accept_invitation(
        invitation=services.invite(group=closed_group, by=org_admin, email=removed.email),
        user=removed,
    )
    services.remove_member(
        membership=GroupMembership.objects.get(group=closed_group, user=removed), by=org_admin
    )
    people["removed"] = removed
    mail.outbox.clear()
    return people
