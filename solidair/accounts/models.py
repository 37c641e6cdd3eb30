"""People: a login (User, identified by email) and what they show of themselves (Profile).

The email address is private: it is never rendered for other users. Others see the
profile's display name only.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("City staff who may use the admin site (verify organisations and so on)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when the person deleted their account: the row stays so that what they wrote in
    # conversations and groups keeps an author ("Deleted user"); everything personal is gone
    # (solidair.accounts.services.delete_account).
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)
    # Moderation (solidair.moderation.services): a suspended person can sign in and read,
    # but not write, until this moment; a banned person's account is inactive (no sign-in,
    # sessions and API tokens stop working) until a moderator lifts the ban.
    suspended_until = models.DateTimeField(
        _("suspended until"), null=True, blank=True, editable=False
    )
    banned_at = models.DateTimeField(_("banned"), null=True, blank=True, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"), name="user_email_unique_case_insensitive"
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @property
    def display_name(self) -> str:
        """What other people see of this user: never the email address."""
        if self.deleted_at is not None:
            return str(_("Deleted user"))
        profile = getattr(self, "profile", None)
        if profile is not None and profile.display_name:
            return str(profile.display_name)
        return str(_("Solidair member"))


def avatar_upload_to(instance: Profile, filename: str) -> str:
    # A random name: the original file name may contain personal data.
    return f"avatars/{secrets.token_hex(16)}.jpg"


class ProfileQuerySet(models.QuerySet["Profile"]):
    def public(self) -> ProfileQuerySet:
        """Profiles other people may look at: those of active accounts."""
        return self.filter(user__is_active=True)

    def with_details(self) -> ProfileQuerySet:
        """Everything a profile page shows, in a bounded number of queries."""
        return self.select_related("user", "neighbourhood").prefetch_related("languages")


class Profile(models.Model):
    class EmailFrequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DAILY = "daily", _("Once a day (digest)")
        NEVER = "never", _("Never")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_("The name other people see. Your email address is never shown."),
    )
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    languages = models.ManyToManyField(
        "core.Language", verbose_name=_("languages spoken"), blank=True, related_name="+"
    )
    skills = models.CharField(
        _("skills"),
        max_length=300,
        blank=True,
        help_text=_("Separate skills with commas, for example: cooking, driving licence, Excel."),
    )
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    avatar = models.ImageField(_("photo"), upload_to=avatar_upload_to, blank=True)
    preferred_language = models.CharField(
        _("language for emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    email_messages = models.CharField(
        _("email me about new messages"),
        max_length=20,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATELY,
    )
    email_suggestions = models.CharField(
        _("email me about suggestions and matches"),
        max_length=20,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    email_organisation_news = models.BooleanField(
        _("email me about my organisations (invitations, verification)"), default=True
    )
    # Lets an unsubscribe link in an email work without logging in.
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=secrets.token_urlsafe, editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.display_name} (#{self.user_id})"

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def for_user(self, user: User) -> ApiTokenQuerySet:
        return self.filter(user=user).order_by("-created_at")


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 hash is stored; the raw token is shown
    once, when it is created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) #{self.pk}"
