"""The groups' world: `closed_group` is owned by org_admin with volunteer as a member and a
topic with a reply; `open_group` is owned by org_admin too."""

from __future__ import annotations

import pytest

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
