"""Groups and a person's rights over their data: the download lists their memberships,
topics and replies; deleting the account ends their memberships, keeps what they wrote for
the group (as "Deleted user"), and waits for an owner to hand over."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from solidair.accounts.privacy import export_personal_data
from solidair.accounts.services import delete_account
from solidair.groups.models import GroupMembership, Reply
from solidair.groups.tests.factories import GroupFactory, ReplyFactory, TopicFactory, member

pytestmark = pytest.mark.django_db


def test_the_download_lists_memberships_topics_and_replies(citizen, stranger):
    group = GroupFactory.create(name="Buren van Rabot")
    member(group, stranger, role="owner")
    member(group, citizen)
    topic = TopicFactory.create(group=group, author=citizen, title="Opruimactie")
    ReplyFactory.create(topic=topic, author=citizen, body="Ik breng handschoenen mee.")
    ReplyFactory.create(topic=topic, author=stranger, body="Niet van de burger.")

    data = export_personal_data(user=citizen)

    assert [m["group"] for m in data["group_memberships"]] == ["Buren van Rabot"]
    assert [t["title"] for t in data["group_topics"]] == ["Opruimactie"]
    assert [r["body"] for r in data["group_replies"]] == ["Ik breng handschoenen mee."]


def test_deleting_ends_memberships_and_keeps_replies_for_the_group(citizen, stranger):
    group = GroupFactory.create()
    member(group, stranger, role="owner")
    member(group, citizen)
    pending = GroupFactory.create()
    member(pending, stranger, role="owner")
    member(pending, citizen, state="requested")
    reply = ReplyFactory.create(topic=TopicFactory.create(group=group), author=citizen)

    delete_account(user=citizen)

    states = set(GroupMembership.objects.filter(user=citizen).values_list("state", flat=True))
    assert states == {GroupMembership.State.LEFT}
    kept = Reply.objects.select_related("author").get(pk=reply.pk)
    assert kept.author is not None
    assert kept.author.display_name == "Deleted user"


def test_a_group_owner_must_hand_over_first(citizen):
    group = GroupFactory.create(name="Taalcoaches Gent")
    member(group, citizen, role="owner")

    with pytest.raises(ValidationError) as excinfo:
        delete_account(user=citizen)

    assert "Taalcoaches Gent" in excinfo.value.messages[0]
    citizen.refresh_from_db()
    assert citizen.deleted_at is None
    assert GroupMembership.objects.get(user=citizen).role == "owner"
