"""What requests and offers hold about a person, and what deleting their account does here
(see solidair.accounts.privacy). Messages a person wrote stay in the conversation, for the
other party, under "Deleted user"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from solidair.accounts.privacy import on_account_deletion, personal_data

from . import services
from .models import Match, Message, Post, Response

if TYPE_CHECKING:
    from solidair.accounts.models import User


@personal_data("posts")
def _posts(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": p.pk,
            "kind": p.kind,
            "nature": p.nature,
            "category": p.category.slug if p.category else None,
            "title": p.title,
            "description": p.body,
            "organisation": p.organisation.name if p.organisation else None,
            "neighbourhood": p.neighbourhood.slug if p.neighbourhood else None,
            "status": p.status,
            "created_at": p.created_at,
            "published_at": p.published_at,
            "closed_at": p.closed_at,
            "photos": [photo.image.url for photo in p.photos.all() if photo.image],
        }
        for p in Post.objects.filter(author=user)
        .select_related("category", "organisation", "neighbourhood")
        .prefetch_related("photos")
        .order_by("created_at", "pk")
    ]


@personal_data("responses")
def _responses(user: User) -> list[dict[str, Any]]:
    return [
        {
            "post": r.post_id,
            "message": r.message,
            "created_at": r.created_at,
            "accepted_at": r.accepted_at,
        }
        for r in Response.objects.filter(responder=user).order_by("created_at", "pk")
    ]


@personal_data("messages_written")
def _messages(user: User) -> list[dict[str, Any]]:
    # Only what the person wrote: the other party's words are theirs.
    return [
        {"conversation": m.conversation_id, "body": m.body, "created_at": m.created_at}
        for m in Message.objects.filter(sender=user).order_by("created_at", "pk")
    ]


@personal_data("matches")
def _matches(user: User) -> list[dict[str, Any]]:
    return [
        {
            "post": m.post_id,
            "created_at": m.created_at,
            "poster_answer": m.poster_answer,
            "responder_answer": m.responder_answer,
        }
        for m in Match.objects.involving(user).order_by("created_at", "pk")
    ]


@on_account_deletion(order=20)
def _close_own_posts(user: User) -> None:
    """The person's own open posts close (posts made for an organisation stay with it)."""
    for post in Post.objects.filter(
        author=user,
        organisation__isnull=True,
        status__in=[Post.Status.OPEN, Post.Status.DRAFT],
    ).order_by("pk"):
        services.close_post(post=post, by=user)
