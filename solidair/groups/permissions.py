"""Who may do what in a group, and the access helpers views and the API call first.

Roles of *active* members grant named permissions (solidair.core.permissions.Permissions).
Reading an open group's content needs no membership; a closed group's content needs an
active membership. Requested, refused, departed and removed memberships grant nothing.
City staff have no special access to closed groups: privacy towards them is the point.

Helpers answer a hidden thing exactly like a missing one (404), so nobody learns whether a
topic exists in a closed group they are not in.

What the moderators hid: a hidden group is seen only by its owner and administrators
(with its content) and the moderators (its public page); a hidden topic or reply only by
its author and the moderators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from solidair.core.permissions import Permissions

from .models import Group, GroupMembership, Reply, Topic

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    AnyUser: TypeAlias = User | AnonymousUser

Role = GroupMembership.Role

MEMBER_PERMISSIONS = frozenset({Permissions.GROUP_VIEW_CONTENT, Permissions.GROUP_POST})
ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | {
    Permissions.GROUP_EDIT,
    Permissions.GROUP_MANAGE_MEMBERS,
    Permissions.GROUP_MODERATE,
}
ROLE_PERMISSIONS: dict[str, frozenset[Permissions]] = {
    Role.OWNER: ADMIN_PERMISSIONS | {Permissions.GROUP_TRANSFER_OWNERSHIP},
    Role.ADMIN: ADMIN_PERMISSIONS,
    Role.MEMBER: MEMBER_PERMISSIONS,
}


def get_membership(user: AnyUser, group: Group) -> GroupMembership | None:
    """The membership row of `user` in `group` in any state, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    return GroupMembership.objects.filter(group=group, user=user).first()


def group_permissions(group: Group, membership: GroupMembership | None) -> frozenset[Permissions]:
    """The permissions `membership` grants in `group` (plus reading an open group's content,
    which everyone may). A group the moderators hid grants nothing to anyone but its
    owner and administrators."""
    granted: frozenset[Permissions] = frozenset()
    if membership is not None and membership.is_active and membership.group_id == group.pk:
        granted = ROLE_PERMISSIONS.get(membership.role, frozenset())
    if group.hidden_at is not None:
        return granted if Permissions.GROUP_MANAGE_MEMBERS in granted else frozenset()
    if group.is_open:
        granted = granted | {Permissions.GROUP_VIEW_CONTENT}
    return granted


def has_group_permission(
    user: AnyUser,
    group: Group,
    permission: Permissions,
    *,
    membership: GroupMembership | None = None,
) -> bool:
    """Whether `user` holds `permission` in `group`. Pass `membership` when the caller
    already has it (it must be this user's row in this group) to save a query."""
    if membership is None:
        membership = get_membership(user, group)
    elif membership.user_id != user.pk:
        return False
    return permission in group_permissions(group, membership)


def can_view_content(user: AnyUser, group: Group) -> bool:
    """Open group: everyone. Closed group: its active members only."""
    return has_group_permission(user, group, Permissions.GROUP_VIEW_CONTENT)


def can_post(user: AnyUser, group: Group) -> bool:
    """Active members start topics and reply (also in open groups: join first)."""
    return has_group_permission(user, group, Permissions.GROUP_POST)


def can_manage_members(user: AnyUser, group: Group) -> bool:
    """Owner and administrators accept requests, invite, remove and appoint admins."""
    return has_group_permission(user, group, Permissions.GROUP_MANAGE_MEMBERS)


def can_edit_group(user: AnyUser, group: Group) -> bool:
    """Owner and administrators edit the group's page."""
    return has_group_permission(user, group, Permissions.GROUP_EDIT)


def can_moderate(user: AnyUser, group: Group) -> bool:
    """Owner and administrators pin, lock and delete topics and replies."""
    return has_group_permission(user, group, Permissions.GROUP_MODERATE)


def can_transfer_ownership(user: AnyUser, group: Group) -> bool:
    """Only the owner hands the group over."""
    return has_group_permission(user, group, Permissions.GROUP_TRANSFER_OWNERSHIP)


def can_create_group(user: AnyUser) -> bool:
    """Any active user with a verified email address may start a group."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(EmailAddress.objects.filter(user=user, verified=True).exists())


# --- access helpers: the first line of a view -----------------------------------------------


def get_group_or_404(user: AnyUser, slug: str) -> Group:
    """A group by slug (every group's page is public), with theme, neighbourhood,
    organisation and member count."""
    group = (
        Group.objects.visible_to(user).with_related().with_member_count().filter(slug=slug).first()
    )
    if group is None:
        raise Http404
    return group


def get_group_content_or_404(user: AnyUser, slug: str) -> tuple[Group, GroupMembership | None]:
    """The group and the user's membership if `user` may see its content; otherwise 404
    (for a closed group the answer is the same as for a missing page inside it)."""
    group = get_group_or_404(user, slug)
    membership = get_membership(user, group)
    if Permissions.GROUP_VIEW_CONTENT not in group_permissions(group, membership):
        raise Http404
    return group, membership


def get_admin_membership_or_404(user: AnyUser, slug: str) -> GroupMembership:
    """The active owner's or administrator's own membership (`.group` loaded). 404 when
    `user` cannot see the group's content, 403 for an ordinary member of an open group or
    of a closed group."""
    group, membership = get_group_content_or_404(user, slug)
    if membership is None or not membership.is_active:
        # An outsider of an open group sees the content but has no say.
        raise PermissionDenied
    if Permissions.GROUP_MANAGE_MEMBERS not in group_permissions(group, membership):
        raise PermissionDenied
    membership.group = group
    return membership


def get_topic_or_404(user: AnyUser, slug: str, pk: int) -> tuple[Topic, GroupMembership | None]:
    """A topic of the group `slug` that `user` may read, and the user's membership; 404
    for a missing topic and for one in a closed group the user is not an active member of:
    the two answers are identical."""
    group, membership = get_group_content_or_404(user, slug)
    topic = Topic.objects.with_related().filter(group=group, pk=pk).not_hidden_from(user).first()
    if topic is None:
        raise Http404
    topic.group = group
    return topic, membership


def get_reply_or_404(
    user: AnyUser, slug: str, pk: int, reply_pk: int
) -> tuple[Reply, GroupMembership | None]:
    """A reply in a topic the user may read (404 otherwise, as for a missing one)."""
    topic, membership = get_topic_or_404(user, slug, pk)
    reply = (
        Reply.objects.with_related().filter(topic=topic, pk=reply_pk).not_hidden_from(user).first()
    )
    if reply is None:
        raise Http404
    reply.topic = topic
    return reply, membership


def content_group_for(user: AnyUser, value: object, *, field: str = "group") -> Group | None:
    """The group a post or an event is "only for", from a slug or an instance (None for
    everyone). Only an active member may put content in a group; anything else is a
    ValidationError on `field` that says no more than that (not whether the group exists)."""
    if value is None or value == "":
        return None
    group = value if isinstance(value, Group) else None
    if isinstance(value, str):
        group = Group.objects.filter(slug=value.strip()).first()
    if group is None or not can_post(user, group):
        raise ValidationError({field: _("You can only do this in a group you are a member of.")})
    return group
