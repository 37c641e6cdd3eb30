"""Matching in the JSON API (mounted at the API root).

- ``GET /posts/{post_id}/matches?limit=N`` (token; the people who manage the post):
  ``{"items": [{"post": {...as in GET /posts}, "score": 0..1, "reasons": ["..."]}]}``,
  best first. Reasons are in the language of the request (Accept-Language).
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from solidair.core.api_auth import required_auth
from solidair.exchange.api import PostOut

from .permissions import get_post_for_suggestions_or_404
from .presenters import suggestion_cards

router = Router(tags=["matching"])


class MatchesQuery(Schema):
    limit: int = Field(10, ge=1, le=50, description="How many matches (1-50, default 10).")


class MatchOut(Schema):
    post: PostOut
    score: float = Field(description="How well it fits, 0 to 1.")
    reasons: list[str] = Field(description="Why it fits, in the request's language.")


class MatchesOut(Schema):
    items: list[MatchOut]


@router.get("/posts/{post_id}/matches", response=MatchesOut, auth=required_auth)
def list_post_matches(
    request: HttpRequest, post_id: int, params: Query[MatchesQuery]
) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    try:
        post = get_post_for_suggestions_or_404(user, post_id)
    except Http404:
        raise Http404("No post with this id that you manage.") from None
    cards = suggestion_cards(post, viewer=user, limit=params.limit)
    return {
        "items": [
            {"post": card.post, "score": card.score, "reasons": card.reasons} for card in cards
        ]
    }
