"""What organisations hold about a person, and what deleting their account does here
(see solidair.accounts.privacy)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from solidair.accounts.privacy import on_account_deletion, personal_data

from .models import Invitation, Membership

if TYPE_CHECKING:
    from solidair.accounts.models import User


@personal_data("organisation_memberships")
def _memberships(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": m.organisation.name,
            "slug": m.organisation.slug,
            "role": m.role,
            "member_since": m.created_at,
        }
        for m in Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    ]


@personal_data("organisation_invitations_sent")
def _invitations(user: User) -> list[dict[str, Any]]:
    return [
        {"organisation": i.organisation.name, "email": i.email, "created_at": i.created_at}
        for i in Invitation.objects.filter(invited_by=user)
        .select_related("organisation")
        .order_by("created_at", "pk")
    ]


@on_account_deletion(order=10)
def _leave_organisations(user: User) -> None:
    """An owner must hand their organisation over first; other memberships simply end."""
    owned = list(
        Membership.objects.filter(user=user, role=Membership.Role.OWNER)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if owned:
        names = ", ".join(m.organisation.name for m in owned)
        raise ValidationError(
            _(
                "You own %(organisations)s. Transfer the ownership to another member first "
                "(or ask the city to close the organisation)."
            )
            % {"organisations": names},
            code="owns_organisation",
        )
    Membership.objects.filter(user=user).delete()
