"""Organisations, the people who belong to them (Membership) and invitations to join."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.core.invitations import InvitationBase

# The initial migration refers to the token maker by this module's name.
from solidair.core.invitations import new_invitation_token as new_invitation_token
from solidair.core.models import Moderated

from .querysets import InvitationQuerySet, MembershipQuerySet, OrganisationQuerySet


def logo_upload_to(instance: Organisation, filename: str) -> str:
    return f"logos/{secrets.token_hex(16)}.png"


class Organisation(Moderated):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("description"), max_length=5000, help_text=_("Markdown is allowed.")
    )
    sectors = models.ManyToManyField(
        "core.Sector", verbose_name=_("sectors"), blank=True, related_name="organisations"
    )
    target_groups = models.ManyToManyField(
        "core.TargetGroup",
        verbose_name=_("target groups"),
        blank=True,
        related_name="organisations",
    )
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    # The organisation's public contact channel, chosen by its admins to be shown.
    contact_email = models.EmailField(_("public contact email"), blank=True)
    contact_phone = models.CharField(_("public phone number"), max_length=40, blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_upload_to, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    status_remark = models.CharField(_("remark on the verification"), max_length=500, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "verified", "rejected"]),
                name="organisation_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="verified") | models.Q(verified_at__isnull=False),
                name="organisation_verified_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "name"], name="org_status_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("member since"), default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="membership_one_per_user"
            ),
            # Ownership moves only by transfer (demote first, then promote), so at most one
            # owner can exist at any moment.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(role="owner"),
                name="membership_one_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["owner", "admin", "member"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.organisation_id} as {self.role}"

    @property
    def is_admin(self) -> bool:
        return self.role in (self.Role.OWNER, self.Role.ADMIN)


class Invitation(InvitationBase):
    """An invitation by email to join an organisation with a role. The token in the
    emailed link is the only way to accept it; it works once and expires."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["admin", "member"]),
                name="invitation_role_not_owner",
            ),
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(
                    accepted_at__isnull=True, revoked_at__isnull=True, declined_at__isnull=True
                ),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation_id} ({self.role})"
