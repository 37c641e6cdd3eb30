"""Reads: chainable querysets for groups, memberships, invitations, topics and replies.

The privacy rule lives in one place, `Group.objects.visible_content_for(user)`: the groups
whose *content* (topics, replies, member list, and later group-only posts and events) the
user may see. Every content queryset filters through it, and other apps use it in their own
`visible_to` (a post "only for this group" is visible when its group is in this set).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django.db import models
from django.db.models.functions import Lower

from solidair.core.invitations import InvitationQuerySet as BaseInvitationQuerySet
from solidair.moderation.permissions import is_moderator, not_hidden_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User
    from solidair.core.models import Neighbourhood, Sector

    from .models import Group, GroupInvitation, GroupMembership, Reply, Topic  # noqa: F401

    AnyUser: TypeAlias = User | AnonymousUser

ACTIVE = "active"
ADMIN_ROLES = ("owner", "admin")


def _administers(user: AnyUser) -> models.Exists:
    """The group (OuterRef "pk") has `user` as an active owner or administrator."""
    from .models import GroupMembership

    return models.Exists(
        GroupMembership.objects.filter(
            group=models.OuterRef("pk"),
            user_id=int(user.pk or 0),
            state=ACTIVE,
            role__in=ADMIN_ROLES,
        )
    )


def _not_hidden_from(user: AnyUser, prefix: str = "") -> models.Q:
    """A topic or reply the moderators hid stays visible to its author and the moderators
    only. `prefix` reaches it through a relation ("topic__")."""
    return not_hidden_q(
        user, seen_by=lambda: models.Q(**{f"{prefix}author_id": user.pk}), prefix=prefix
    )


class GroupQuerySet(models.QuerySet["Group"]):
    def visible_to(self, user: AnyUser) -> GroupQuerySet:
        """Groups whose existence, name and description `user` may see: all of them (a
        closed group shows that it exists; only its content is private), except those the
        moderators hid, which only their owner and administrators and the moderators
        still see."""
        if is_moderator(user):
            return self.all()
        if not user.is_authenticated or not user.is_active:
            return self.filter(hidden_at__isnull=True)
        return self.filter(models.Q(hidden_at__isnull=True) | _administers(user))

    def member_of(self, user: AnyUser) -> GroupQuerySet:
        """Groups in which `user` is an active member (any role)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        from .models import GroupMembership

        return self.filter(
            models.Exists(
                GroupMembership.objects.filter(group=models.OuterRef("pk"), user=user, state=ACTIVE)
            )
        )

    def visible_content_for(self, user: AnyUser) -> GroupQuerySet:
        """Groups whose content `user` may see: every open group, and the closed groups in
        which `user` is an active member. A pending applicant, a refused, departed or
        removed member and city staff see no closed group's content. The content of a
        group the moderators hid is only for its owner and administrators (not its other
        members, nor the moderators, who judge the group by its public page). Use it in
        other apps as `filter(group__in=Group.objects.visible_content_for(user))`."""
        if not user.is_authenticated or not user.is_active:
            return self.content_public()
        from .models import GroupMembership

        # Exists instead of a join: a join on memberships would duplicate rows.
        is_member = models.Exists(
            GroupMembership.objects.filter(group=models.OuterRef("pk"), user=user, state=ACTIVE)
        )
        return self.filter(
            (models.Q(visibility="open") | is_member)
            & (models.Q(hidden_at__isnull=True) | _administers(user))
        )

    def content_public(self) -> GroupQuerySet:
        """Groups whose content everyone may see, also anonymous visitors: open and not
        hidden by the moderators."""
        return self.filter(visibility="open", hidden_at__isnull=True)

    def postable_by(self, user: AnyUser) -> GroupQuerySet:
        """Groups `user` may put content in ("only for this group" posts and events): those
        where they are an active member (of a hidden group: its owner or an administrator),
        by name."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        # One filter() call: every condition is about the same membership row.
        return self.filter(
            models.Q(memberships__user=user, memberships__state=ACTIVE)
            & (models.Q(hidden_at__isnull=True) | models.Q(memberships__role__in=ADMIN_ROLES))
        ).order_by(Lower("name"), "pk")

    def with_related(self) -> GroupQuerySet:
        return self.select_related("theme", "neighbourhood", "organisation")

    def with_member_count(self) -> GroupQuerySet:
        return self.annotate(
            member_count=models.Count(
                "memberships", filter=models.Q(memberships__state=ACTIVE), distinct=True
            )
        )

    def search(self, q: str) -> GroupQuerySet:
        """Every word must occur in the name or the description (case-insensitive). Only
        public fields are searched: never topics, so a closed group's discussions cannot
        be probed through the directory."""
        qs = self
        for word in q.split()[:10]:  # a bounded number of words keeps the query cheap
            qs = qs.filter(models.Q(name__icontains=word) | models.Q(description__icontains=word))
        return qs

    def directory(
        self,
        *,
        theme: Sector | str | None = None,
        neighbourhood: Neighbourhood | str | None = None,
        visibility: str | None = None,
        q: str | None = None,
    ) -> GroupQuerySet:
        """The group directory, alphabetically. Reference filters take an instance or a
        slug; `visibility` is "open" or "closed"."""
        qs = self.all()
        if theme:
            qs = qs.filter(**_ref_lookup("theme", theme))
        if neighbourhood:
            qs = qs.filter(**_ref_lookup("neighbourhood", neighbourhood))
        if visibility in ("open", "closed"):
            qs = qs.filter(visibility=visibility)
        if q and q.strip():
            qs = qs.search(q)
        return qs.with_related().with_member_count().order_by(Lower("name"), "pk")


def _ref_lookup(field: str, value: models.Model | str) -> dict[str, Any]:
    if isinstance(value, models.Model):
        return {field: value}
    return {f"{field}__slug": value}


class GroupMembershipQuerySet(models.QuerySet["GroupMembership"]):
    def active(self) -> GroupMembershipQuerySet:
        return self.filter(state=ACTIVE)

    def requested(self) -> GroupMembershipQuerySet:
        return self.filter(state="requested")

    def admins(self) -> GroupMembershipQuerySet:
        """Active owners and administrators."""
        return self.filter(state=ACTIVE, role__in=["owner", "admin"])

    def for_user(self, user: AnyUser) -> GroupMembershipQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return (
            self.filter(user=user)
            .select_related("group", "group__theme", "group__neighbourhood")
            .order_by(Lower("group__name"), "pk")
        )

    def with_people(self) -> GroupMembershipQuerySet:
        """For member lists: the user and profile (display name) in the same query."""
        return self.select_related("user", "user__profile")

    def by_role(self) -> GroupMembershipQuerySet:
        order = models.Case(
            models.When(role="owner", then=models.Value(0)),
            models.When(role="admin", then=models.Value(1)),
            default=models.Value(2),
        )
        return self.order_by(order, Lower("user__profile__display_name"), "pk")


class GroupInvitationQuerySet(BaseInvitationQuerySet["GroupInvitation"]):
    """open() and unanswered() come from solidair.core.invitations."""


class TopicQuerySet(models.QuerySet["Topic"]):
    def visible_to(self, user: AnyUser) -> TopicQuerySet:
        """Topics of groups whose content `user` may see, except those the moderators hid
        from `user` (not_hidden_from)."""
        from .models import Group

        return self.filter(group__in=Group.objects.visible_content_for(user)).not_hidden_from(user)

    def not_hidden_from(self, user: AnyUser) -> TopicQuerySet:
        """Without the topics the moderators hid, except for their author and the
        moderators. Does not check the group: chain after filter(group=...) on a group whose
        content `user` may see."""
        return self.filter(_not_hidden_from(user))

    def in_group_order(self) -> TopicQuerySet:
        """Pinned topics first, then the most recently active."""
        return self.order_by("-pinned", "-last_activity_at", "-pk")

    def with_related(self) -> TopicQuerySet:
        return self.select_related("author", "author__profile", "group")

    def search(self, q: str) -> TopicQuerySet:
        qs = self
        for word in q.split()[:10]:
            qs = qs.filter(
                models.Q(title__icontains=word)
                | models.Q(body__icontains=word)
                # A hidden reply's words must not reveal it (nor find its topic).
                | models.Q(replies__body__icontains=word, replies__hidden_at__isnull=True)
            )
        return qs.distinct()


class ReplyQuerySet(models.QuerySet["Reply"]):
    def visible_to(self, user: AnyUser) -> ReplyQuerySet:
        """Replies in groups whose content `user` may see, except those the moderators hid
        from `user` (the reply itself or its topic)."""
        from .models import Group

        return self.filter(
            models.Q(topic__group__in=Group.objects.visible_content_for(user))
            & _not_hidden_from(user, "topic__")
            & _not_hidden_from(user)
        )

    def not_hidden_from(self, user: AnyUser) -> ReplyQuerySet:
        """Without the replies the moderators hid, except for their author and the
        moderators (a hidden reply disappears from its topic for everyone else)."""
        return self.filter(_not_hidden_from(user))

    def with_related(self) -> ReplyQuerySet:
        return self.select_related("author", "author__profile")
