"""Groups: open and closed spaces where people exchange information.

A `Group` is open (anyone sees its content and joins at once) or closed (anyone sees that it
exists and its description; only members see its content; joining needs approval). Each
person has at most one `GroupMembership` row per group, whose `state` moves through a small
state machine kept in services.py:

    (none) ──join open──────────────────────────────▶ active
    (none) ──ask to join closed──▶ requested ──accept──▶ active
                                   requested ──refuse──▶ refused ──ask again──▶ requested
    requested ──withdraw──▶ left
    active ──leave──▶ left ──join / ask again──▶ active / requested
    active ──removed by an admin──▶ removed  (only an invitation brings them back)
    any state ──accept an invitation──▶ active

Discussions are `Topic`s with `Reply`s. Invitations by email (`GroupInvitation`) carry a
single-use token that expires, like an organisation's.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.core.invitations import InvitationBase

# The initial migration refers to the token maker by this module's name.
from solidair.core.invitations import new_invitation_token as new_invitation_token
from solidair.core.models import Held, Moderated

from .querysets import (
    GroupInvitationQuerySet,
    GroupMembershipQuerySet,
    GroupQuerySet,
    ReplyQuerySet,
    TopicQuerySet,
)


def image_upload_to(instance: Group, filename: str) -> str:
    # A random name: the original file name may contain personal data.
    return f"groups/{secrets.token_hex(16)}.jpg"


class Group(Moderated):
    class Visibility(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("description"),
        max_length=5000,
        help_text=_(
            "Markdown is allowed. Everyone can read the description, also of a closed group."
        ),
    )
    image = models.ImageField(_("image"), upload_to=image_upload_to, blank=True)
    # Themes are the city's sectors (solidair.core.reference.SECTORS): one list, already
    # translated and used to find organisations, which a city edits in one place.
    theme = models.ForeignKey(
        "core.Sector",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
    )
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        help_text=_("Leave empty for a group about the whole city."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.OPEN,
        help_text=_(
            "Open: anyone can read the discussions and join. Closed: anyone can see the group "
            "and its description; only members read the discussions and joining needs approval."
        ),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="groups",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=["open", "closed"]),
                name="group_visibility_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"

    @property
    def is_open(self) -> bool:
        return self.visibility == self.Visibility.OPEN


class GroupMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        ACTIVE = "active", _("Member")
        REFUSED = "refused", _("Request refused")
        LEFT = "left", _("Left")
        REMOVED = "removed", _("Removed")

    class Notify(models.TextChoices):
        EVERY = "every", _("Every message (email)")
        DAILY = "daily", _("A daily digest")
        OFF = "off", _("Off")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.ACTIVE, db_index=True
    )
    motivation = models.CharField(_("motivation"), max_length=500, blank=True)
    notify = models.CharField(
        _("email about new topics and replies"),
        max_length=10,
        choices=Notify.choices,
        default=Notify.DAILY,
    )
    # Up to when this member's daily digest covered the group's messages.
    digested_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # When the person last became an active member (content before it is not in digests).
    joined_at = models.DateTimeField(_("member since"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="group_membership_one_per_user"),
            # Ownership moves only by transfer (demote first, then promote), so a group
            # never has two owners; services keep at least one (the owner cannot leave).
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(role="owner"),
                name="group_membership_one_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["owner", "admin", "member"]),
                name="group_membership_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["requested", "active", "refused", "left", "removed"]),
                name="group_membership_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(notify__in=["every", "daily", "off"]),
                name="group_membership_notify_valid",
            ),
            # Only an active member holds a role above member; the owner is always active.
            models.CheckConstraint(
                condition=models.Q(role="member") | models.Q(state="active"),
                name="group_membership_roles_are_active",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="active") | models.Q(joined_at__isnull=False),
                name="group_membership_active_has_date",
            ),
        ]
        indexes = [models.Index(fields=["user", "state"], name="group_membership_user_idx")]

    def __str__(self) -> str:
        return f"user {self.user_id} in group {self.group_id}: {self.state} {self.role}"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role in (self.Role.OWNER, self.Role.ADMIN)


class GroupInvitation(InvitationBase):
    """An invitation by email to join a group as a member. The token in the emailed link
    is the only way to accept it; it works once and expires."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")

    objects = GroupInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("group invitation")
        verbose_name_plural = _("group invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "email"],
                condition=models.Q(
                    accepted_at__isnull=True, revoked_at__isnull=True, declined_at__isnull=True
                ),
                name="group_invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk} to group {self.group_id}"


class Topic(Moderated, Held):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="topics")
    # A topic outlives its author's account (the discussion stays readable).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="group_topics",
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("message"), max_length=10000, help_text=_("Markdown is allowed."))
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("Nobody can reply to a locked topic.")
    )
    reply_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-pinned", "-last_activity_at", "-pk"]
        indexes = [
            models.Index(
                fields=["group", "-pinned", "-last_activity_at"], name="topic_group_order_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (#{self.pk})"


class Reply(Moderated, Held):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="group_replies",
    )
    body = models.TextField(_("reply"), max_length=10000, help_text=_("Markdown is allowed."))
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"reply #{self.pk} to topic {self.topic_id}"
