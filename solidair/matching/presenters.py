"""What the suggestion panel, the suggestions page and the API show of a ranking: the
post, a score, reasons in the reader's language, and whether they already reacted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext

from solidair.exchange.models import Post

from .reasons import category_labels, reason_texts
from .selectors import responded_post_ids, suggestions_for

if TYPE_CHECKING:
    from solidair.accounts.models import User


@dataclass(frozen=True)
class SuggestionCard:
    post: Post
    score: float
    reasons: list[str]
    responded: bool
    # The message the one-click reaction sends through the respond flow.
    react_message: str

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def react_message(own: Post, other: Post) -> str:
    """A friendly first message that says which of one's posts the other post fits."""
    if own.kind == Post.Kind.REQUEST:
        text = gettext(
            "Hello! Your offer “%(title)s” fits my request “%(own)s”. Could we arrange something?"
        )
    else:
        text = gettext(
            "Hello! My offer “%(own)s” fits your request “%(title)s”. Can I help you with it?"
        )
    return text % {"title": other.title, "own": own.title}


def suggestion_cards(post: Post, *, viewer: User, limit: int) -> list[SuggestionCard]:
    """The suggestions for `post` as the people who manage it see them. A fixed number
    of queries: the ranking (or its cache), the posts with what cards show, the reader's
    earlier responses and the category names."""
    found = suggestions_for(post, limit=limit)
    if not found:
        return []
    responded = responded_post_ids(viewer, [s.post for s in found])
    labels = category_labels()
    return [
        SuggestionCard(
            post=s.post,
            score=s.score,
            reasons=reason_texts(s.reasons, source_kind=post.kind, categories=labels),
            responded=s.post.pk in responded,
            react_message=react_message(post, s.post),
        )
        for s in found
    ]
