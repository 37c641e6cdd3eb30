"""What every invitation by email has in common (to an organisation, to a group): a secret
single-use token in the emailed link, an expiry, and its answer (accepted, declined,
revoked). The apps add what the invitation is for and their own constraints."""

from __future__ import annotations

import secrets
from typing import Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


_Invitation = TypeVar("_Invitation", bound="InvitationBase")


class InvitationQuerySet(models.QuerySet[_Invitation]):
    def unanswered(self) -> Self:
        """Not accepted, revoked or declined (may have expired): these hold the database's
        one-open-invitation-per-address slot."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, declined_at__isnull=True
        )

    def open(self) -> Self:
        """Invitations that can still be accepted: unanswered and not expired."""
        return self.unanswered().filter(expires_at__gt=timezone.now())


class InvitationBase(models.Model):
    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.declined_at is None
            and self.expires_at > timezone.now()
        )
