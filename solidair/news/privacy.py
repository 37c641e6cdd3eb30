"""What news holds about a person: the articles they wrote or submitted (see
solidair.accounts.privacy). Deleting an account changes nothing here: a published article
belongs to the city or to the organisation it was written for, and its byline then reads
"Deleted user"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from solidair.accounts.privacy import personal_data

from .models import Article

if TYPE_CHECKING:
    from solidair.accounts.models import User


@personal_data("news_articles")
def _articles(user: User) -> list[dict[str, Any]]:
    return [
        {
            "title": a.title,
            "lead": a.lead,
            "body": a.body,
            "organisation": a.organisation.name if a.organisation else None,
            "status": a.status,
            "published_at": a.published_at,
            "created_at": a.created_at,
        }
        for a in Article.objects.filter(author=user)
        .select_related("organisation")
        .order_by("created_at", "pk")
    ]
