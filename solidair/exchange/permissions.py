"""Who may see, edit and answer posts and who reads a conversation; the access helpers
views and API endpoints call on their first line.

- A post is edited (and closed, reopened, extended, fulfilled, its responses accepted) by
  its author and, for a post on behalf of an organisation, by that organisation's owner
  and administrators.
- A conversation is read only by its participants: the responder, the post's author and,
  for an organisation's post, the organisation's owner and administrators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from solidair.core.permissions import Permissions
from solidair.organisations.models import Membership

from .models import Conversation, Match, Post, Response

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    AnyUser: TypeAlias = User | AnonymousUser

ADMIN_ROLES = (Membership.Role.OWNER, Membership.Role.ADMIN)


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_organisation_admin(user: AnyUser, organisation_id: int | None) -> bool:
    """Whether `user` is the owner or an administrator of the organisation."""
    if organisation_id is None or not _active(user):
        return False
    return Membership.objects.filter(
        organisation_id=organisation_id, user_id=int(user.pk or 0), role__in=ADMIN_ROLES
    ).exists()


def can_edit_post(user: AnyUser, post: Post) -> bool:
    """The author and the owner/admins of the organisation the post is on behalf of."""
    if not _active(user):
        return False
    if post.author_id == user.pk:
        return True
    return is_organisation_admin(user, post.organisation_id)


def is_post_open(post: Post) -> bool:
    return (
        post.status == Post.Status.OPEN
        and post.expires_at > timezone.now()
        and post.hidden_at is None
    )


def can_view_post(user: AnyUser, post: Post) -> bool:
    """Open posts are public; others only for the people who manage them, members of the
    organisation and people who responded (so they can still read what they answered)."""
    if is_post_open(post):
        return True
    if not _active(user):
        return False
    return Post.objects.visible_to(user).filter(pk=post.pk).exists()


def can_see_post(user: AnyUser, post: Post) -> bool:
    """Whether `user` may see `post` at all (the rule of PostQuerySet.visible_to)."""
    return Post.objects.visible_to(user).filter(pk=post.pk).exists()


def can_respond(user: AnyUser, post: Post) -> bool:
    """A signed-in user who does not manage the post may respond once to an open post they
    can see (a closed group's post: its active members only)."""
    if not _active(user) or not is_post_open(post) or can_edit_post(user, post):
        return False
    if post.group_id is not None and not can_see_post(user, post):
        return False
    return not Response.objects.filter(post=post, responder_id=user.pk).exists()


def conversation_participants(conversation: Conversation) -> list[User]:
    """The responder, the post's author and (organisation post) its owner and admins,
    without duplicates, active accounts only."""
    post = conversation.post
    people: dict[int, User] = {}
    for user in (conversation.responder, post.author):
        people[user.pk] = user
    if post.organisation_id is not None:
        admins = (
            Membership.objects.filter(organisation_id=post.organisation_id, role__in=ADMIN_ROLES)
            .select_related("user", "user__profile")
            .order_by("pk")
        )
        for membership in admins:
            people.setdefault(membership.user_id, membership.user)
    return [user for user in people.values() if user.is_active]


def is_participant(user: AnyUser, conversation: Conversation) -> bool:
    """Whether `user` takes part in the conversation (and may read and write in it)."""
    if not _active(user):
        return False
    if user.pk in (conversation.responder_id, conversation.post.author_id):
        return True
    return is_organisation_admin(user, conversation.post.organisation_id)


def has_post_permission(user: AnyUser, post: Post, permission: Permissions) -> bool:
    """The named permissions of this app, for templates and generic checks."""
    if permission == Permissions.POST_EDIT:
        return can_edit_post(user, post)
    if permission == Permissions.POST_RESPOND:
        return can_respond(user, post)
    if permission == Permissions.POST_CREATE:
        return _active(user)
    return False


# --- access helpers: the first line of a view ------------------------------------------------


def get_post_for_viewer_or_404(user: AnyUser, pk: int) -> Post:
    """The post with everything its page shows, if `user` may see it; otherwise 404."""
    post = Post.objects.visible_to(user).with_related().filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


def get_post_for_editor_or_404(user: AnyUser, pk: int) -> Post:
    """The post if `user` may edit it. 404 when they may not even see it, 403 when they
    see it but do not manage it."""
    post = get_post_for_viewer_or_404(user, pk)
    if not can_edit_post(user, post):
        raise PermissionDenied
    return post


def get_conversation_for_participant_or_404(user: AnyUser, pk: int) -> Conversation:
    """The conversation (post, responder and author loaded) if `user` takes part in it.
    404 for everyone else: outsiders do not learn that it exists."""
    conversation = (
        Conversation.objects.select_related(
            "post", "post__author__profile", "post__organisation", "responder__profile"
        )
        .filter(pk=pk)
        .first()
    )
    if conversation is None or not is_participant(user, conversation):
        raise Http404
    return conversation


def get_response_for_editor_or_404(user: AnyUser, pk: int) -> Response:
    """A response to a post `user` manages (to accept it). 404 otherwise."""
    response = (
        Response.objects.select_related("post", "responder__profile", "conversation")
        .filter(pk=pk)
        .first()
    )
    if response is None or not can_edit_post(user, response.post):
        raise Http404
    return response


def get_match_for_party_or_404(user: AnyUser, pk: int) -> Match:
    """A match `user` is a party to (responder, poster or organisation admin). 404
    otherwise."""
    match = Match.objects.involving(user).filter(pk=pk).first()
    if match is None:
        raise Http404
    return match
