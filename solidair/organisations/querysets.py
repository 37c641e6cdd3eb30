"""Reads: chainable querysets for organisations, memberships and invitations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django.db import models
from django.db.models.functions import Lower

from solidair.core.invitations import InvitationQuerySet as BaseInvitationQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User
    from solidair.core.models import Neighbourhood, Sector, TargetGroup

    from .models import Invitation, Membership, Organisation  # noqa: F401

    AnyUser: TypeAlias = User | AnonymousUser


def is_staff_user(user: AnyUser) -> bool:
    """City staff (editors, moderators, administrators) see every organisation."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def public(self) -> OrganisationQuerySet:
        """Organisations anyone may see: verified ones and those waiting for verification,
        unless the moderators hid them."""
        return self.exclude(status="rejected").filter(hidden_at__isnull=True)

    def verified(self) -> OrganisationQuerySet:
        return self.filter(status="verified")

    def visible_to(self, user: AnyUser) -> OrganisationQuerySet:
        """Verified and pending organisations are public; a rejected one is visible only
        to its own members (so they can read the remark and fix it) and to city staff.
        One the moderators hid is visible only to its members (who keep working in it)
        and to the moderators."""
        from solidair.moderation.permissions import is_moderator

        if is_moderator(user):
            return self.all()
        if not user.is_authenticated:
            return self.public()
        from .models import Membership

        # Exists instead of a join: a join on memberships would duplicate rows.
        is_member = models.Exists(
            Membership.objects.filter(organisation=models.OuterRef("pk"), user=user)
        )
        shown = models.Q(hidden_at__isnull=True) | is_member
        if is_staff_user(user):
            return self.filter(shown)
        return self.filter((~models.Q(status="rejected") | is_member) & shown)

    def with_related(self) -> OrganisationQuerySet:
        """Everything a card or a detail page shows, in a bounded number of queries."""
        return self.select_related("neighbourhood").prefetch_related("sectors", "target_groups")

    def with_member_count(self) -> OrganisationQuerySet:
        return self.annotate(member_count=models.Count("memberships", distinct=True))

    def in_directory_order(self) -> OrganisationQuerySet:
        # Lower() so "de Kiem" sorts next to "De Kiem"; pk makes pagination stable.
        return self.order_by(Lower("name"), "pk")

    def search(self, q: str) -> OrganisationQuerySet:
        """Every word must occur in the name or the description (case-insensitive).
        icontains is portable: LIKE on SQLite, UPPER(...) LIKE on PostgreSQL."""
        qs = self
        for word in q.split()[:10]:  # a bounded number of words keeps the query cheap
            qs = qs.filter(models.Q(name__icontains=word) | models.Q(description__icontains=word))
        return qs

    def directory(
        self,
        *,
        sector: Sector | str | None = None,
        target_group: TargetGroup | str | None = None,
        neighbourhood: Neighbourhood | str | None = None,
        verified: bool | None = None,
        q: str | None = None,
    ) -> OrganisationQuerySet:
        """The public directory: never rejected or hidden organisations. Reference filters take a
        model instance or a slug; `verified=True` keeps verified organisations only,
        `verified=False` only those still waiting for verification."""
        qs = self.public()
        if sector is not None and sector != "":
            qs = qs.filter(**_ref_lookup("sectors", sector))
        if target_group is not None and target_group != "":
            qs = qs.filter(**_ref_lookup("target_groups", target_group))
        if neighbourhood is not None and neighbourhood != "":
            qs = qs.filter(**_ref_lookup("neighbourhood", neighbourhood))
        if verified is True:
            qs = qs.filter(status="verified")
        elif verified is False:
            qs = qs.filter(status="pending")
        if q and q.strip():
            qs = qs.search(q)
        return qs.with_related().in_directory_order()

    def administered_by(self, user: AnyUser) -> OrganisationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            memberships__user=user, memberships__role__in=["owner", "admin"]
        ).distinct()


def _ref_lookup(field: str, value: models.Model | str) -> dict[str, Any]:
    if isinstance(value, models.Model):
        return {field: value}
    return {f"{field}__slug": value}


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_user(self, user: AnyUser) -> MembershipQuerySet:
        """The memberships of `user`, with their organisations, alphabetically."""
        if not user.is_authenticated:
            return self.none()
        return (
            self.filter(user=user)
            .select_related("organisation")
            .order_by(Lower("organisation__name"), "pk")
        )

    def admins(self) -> MembershipQuerySet:
        """Owners and administrators."""
        return self.filter(role__in=["owner", "admin"])

    def owners(self) -> MembershipQuerySet:
        return self.filter(role="owner")

    def with_people(self) -> MembershipQuerySet:
        """For member lists: the user and profile (display name) in the same query."""
        return self.select_related("user", "user__profile")

    def by_role(self) -> MembershipQuerySet:
        order = models.Case(
            models.When(role="owner", then=models.Value(0)),
            models.When(role="admin", then=models.Value(1)),
            default=models.Value(2),
        )
        return self.order_by(order, "created_at", "pk")


class InvitationQuerySet(BaseInvitationQuerySet["Invitation"]):
    """open() and unanswered() come from solidair.core.invitations."""
