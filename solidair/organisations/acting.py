"""Acting identity: whether a user posts as themselves or in an organisation's name.

The choice is stored as the organisation's slug in the session key "acting_organisation"
(set by services.set_acting_organisation through the act_as view). It is honoured only
while the user is still a member and the organisation was not rejected: removing someone
from an organisation ends their acting for it at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Membership, Organisation
from .services import ACTING_SESSION_KEY

if TYPE_CHECKING:
    from django.http import HttpRequest

_CACHE_ATTRIBUTE = "_solidair_acting_organisation"


def get_acting_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation the request's user currently acts for, or None (acting as
    themselves). At most one query per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    session = getattr(request, "session", None)
    slug = session.get(ACTING_SESSION_KEY) if session is not None else None
    if not slug:
        return None
    cached: tuple[str, Organisation | None] | None = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == slug:
        return cached[1]
    organisation = (
        Organisation.objects.filter(slug=slug, memberships__user=user)
        .exclude(status=Organisation.Status.REJECTED)
        .first()
    )
    if organisation is None and session is not None:
        # No longer a member (or the organisation was rejected): forget the stale choice.
        session.pop(ACTING_SESSION_KEY, None)
    setattr(request, _CACHE_ATTRIBUTE, (slug, organisation))
    return organisation


def acting_choices(memberships: list[Membership]) -> list[Organisation]:
    """The organisations among `memberships` the user may act for."""
    return [
        m.organisation for m in memberships if m.organisation.status != Organisation.Status.REJECTED
    ]
