from __future__ import annotations

from django.utils import timezone
from factory.declarations import LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from solidair.accounts.tests.factories import UserFactory
from solidair.groups.models import Group, GroupMembership, Reply, Topic


class GroupFactory(DjangoModelFactory[Group]):
    class Meta:
        model = Group

    name = Sequence(lambda n: f"Buurtgroep {n}")
    slug = Sequence(lambda n: f"buurtgroep-{n}")
    description = "Buren helpen buren in de wijk."
    visibility = Group.Visibility.OPEN


class GroupMembershipFactory(DjangoModelFactory[GroupMembership]):
    """An active member unless told otherwise (state="requested" has no joined_at)."""

    class Meta:
        model = GroupMembership

    group = SubFactory(GroupFactory)
    user = SubFactory(UserFactory)
    role = GroupMembership.Role.MEMBER
    state = GroupMembership.State.ACTIVE
    notify = GroupMembership.Notify.EVERY
    joined_at = LazyFunction(timezone.now)


class TopicFactory(DjangoModelFactory[Topic]):
    class Meta:
        model = Topic

    group = SubFactory(GroupFactory)
    author = SubFactory(UserFactory)
    title = Sequence(lambda n: f"Onderwerp {n}")
    body = "Wie helpt zaterdag mee met de opruimactie?"


class ReplyFactory(DjangoModelFactory[Reply]):
    class Meta:
        model = Reply

    topic = SubFactory(TopicFactory)
    author = SubFactory(UserFactory)
    body = "Ik kom om tien uur."


def member(group: Group, user, role: str = "member", state: str = "active") -> GroupMembership:
    return GroupMembershipFactory.create(
        group=group,
        user=user,
        role=role,
        state=state,
        joined_at=timezone.now() if state == "active" else None,
    )
