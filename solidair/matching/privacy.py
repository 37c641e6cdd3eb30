"""What matching holds about a person (see solidair.accounts.privacy): saved searches, the
suggestions made to them and the ones they set aside. Deleting an account removes all of
it: none of it means anything to anyone else."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from solidair.accounts.privacy import on_account_deletion, personal_data

from .models import Dismissal, Notice, SavedSearch, SentEmail

if TYPE_CHECKING:
    from solidair.accounts.models import User


@personal_data("saved_searches")
def _saved_searches(user: User) -> list[dict[str, Any]]:
    return [
        {"name": s.name, "filters": s.query, "frequency": s.frequency, "created_at": s.created_at}
        for s in SavedSearch.objects.filter(user=user).order_by("created_at", "pk")
    ]


@personal_data("suggestions_received")
def _notices(user: User) -> list[dict[str, Any]]:
    return [
        {
            "post": n.post_id,
            "for_post": n.for_post_id,
            "source": n.source,
            "reasons": n.reasons,
            "created_at": n.created_at,
            "emailed_at": n.emailed_at,
        }
        for n in Notice.objects.filter(user=user).order_by("created_at", "pk")
    ]


@on_account_deletion(order=30)
def _forget_matching(user: User) -> None:
    SavedSearch.objects.filter(user=user).delete()
    Notice.objects.filter(user=user).delete()
    Dismissal.objects.filter(user=user).delete()
    SentEmail.objects.filter(user=user).delete()
