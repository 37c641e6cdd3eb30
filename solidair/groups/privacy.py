"""What groups hold about a person, and what deleting their account does here (see
solidair.accounts.privacy). Topics and replies a person wrote stay in the group for the
other members, under "Deleted user"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from solidair.accounts.privacy import on_account_deletion, personal_data

from . import services
from .models import GroupMembership, Reply, Topic

if TYPE_CHECKING:
    from solidair.accounts.models import User


@personal_data("group_memberships")
def _memberships(user: User) -> list[dict[str, Any]]:
    return [
        {
            "group": m.group.name,
            "slug": m.group.slug,
            "role": m.role,
            "state": m.state,
            "motivation": m.motivation,
            "email_notifications": m.notify,
            "asked_at": m.created_at,
            "member_since": m.joined_at,
        }
        for m in GroupMembership.objects.filter(user=user)
        .select_related("group")
        .order_by("group__name", "pk")
    ]


@personal_data("group_topics")
def _topics(user: User) -> list[dict[str, Any]]:
    return [
        {"group": t.group.slug, "title": t.title, "body": t.body, "created_at": t.created_at}
        for t in Topic.objects.filter(author=user).select_related("group").order_by("pk")
    ]


@personal_data("group_replies")
def _replies(user: User) -> list[dict[str, Any]]:
    return [
        {
            "group": r.topic.group.slug,
            "topic": r.topic.title,
            "body": r.body,
            "created_at": r.created_at,
        }
        for r in Reply.objects.filter(author=user)
        .select_related("topic", "topic__group")
        .order_by("pk")
    ]


@on_account_deletion(order=15)
def _leave_groups(user: User) -> None:
    """An owner must hand their group over first; every other membership or request ends."""
    owned = list(
        GroupMembership.objects.filter(
            user=user, role=GroupMembership.Role.OWNER, state=GroupMembership.State.ACTIVE
        )
        .select_related("group")
        .order_by("group__name")
    )
    if owned:
        names = ", ".join(m.group.name for m in owned)
        raise ValidationError(
            _("You own these groups: %(groups)s. Hand each over to another member first.")
            % {"groups": names},
            code="owns_group",
        )
    for membership in GroupMembership.objects.filter(
        user=user,
        state__in=[GroupMembership.State.ACTIVE, GroupMembership.State.REQUESTED],
    ).select_related("group"):
        services.leave_group(group=membership.group, user=user)
