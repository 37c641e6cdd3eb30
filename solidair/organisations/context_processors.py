"""`acting_organisation` and `my_organisations` for every template (header switcher)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.functional import SimpleLazyObject

from .acting import acting_choices
from .models import Membership, Organisation
from .services import ACTING_SESSION_KEY

if TYPE_CHECKING:
    from django.http import HttpRequest


def acting(request: HttpRequest) -> dict[str, Any]:
    """Lazy: pages that never show the switcher run no query; those that do run one.

    `my_organisations`: the user's memberships (each with `.organisation` and `.role`),
    alphabetically. `acting_organisation`: the Organisation the user acts for, or None.
    `acting_choices`: the organisations the user may act for."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    cache: dict[str, list[Membership]] = {}

    def memberships() -> list[Membership]:
        if "memberships" not in cache:
            cache["memberships"] = list(Membership.objects.for_user(user))
        return cache["memberships"]

    def current() -> Organisation | None:
        slug = request.session.get(ACTING_SESSION_KEY)
        if not slug:
            return None
        for organisation in acting_choices(memberships()):
            if organisation.slug == slug:
                return organisation
        return None

    return {
        "my_organisations": SimpleLazyObject(memberships),
        "acting_choices": SimpleLazyObject(lambda: acting_choices(memberships())),
        "acting_organisation": SimpleLazyObject(current),
    }
