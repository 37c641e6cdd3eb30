"""The signed-in person in the JSON API (`/me`)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema

from solidair.accounts.models import User
from solidair.core.api_auth import required_auth
from solidair.organisations.models import Membership

router = Router(tags=["me"])


class MyOrganisationOut(Schema):
    slug: str
    name: str
    role: Literal["owner", "admin", "member"]


class MeOut(Schema):
    id: int
    display_name: str
    email: str
    neighbourhood: str | None
    languages: list[str]
    organisations: list[MyOrganisationOut]


@router.get("/me", response=MeOut, auth=required_auth, summary="The token's owner")
def me(request: HttpRequest) -> dict[str, Any]:
    """Who the API token (or browser session) belongs to. The email address is shown here
    because it is the caller's own; it never appears in other people's data."""
    user: User = request.auth  # type: ignore[attr-defined]
    profile = getattr(user, "profile", None)
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    return {
        "id": user.pk,
        "display_name": user.display_name,
        "email": user.email,
        "neighbourhood": profile.neighbourhood.slug
        if profile is not None and profile.neighbourhood is not None
        else None,
        "languages": [lg.code for lg in profile.languages.order_by("position", "code")]
        if profile is not None
        else [],
        "organisations": [
            {"slug": m.organisation.slug, "name": m.organisation.name, "role": m.role}
            for m in memberships
        ],
    }
