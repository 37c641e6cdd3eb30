"""Matching: saved searches (alerts), what a person was already told about, and the log of
matching emails (for the daily cap). The ranking itself is solidair.matching.engine."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SavedSearch(models.Model):
    """A filter state of the posts list that a person wants to hear about: new open posts
    that pass it are announced at once or in the daily digest."""

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("At once")
        DAILY = "daily", _("Once a day")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=100)
    # The list's query string, normalised (sorted keys, no empty values, no page).
    query = models.CharField(_("filters"), max_length=500)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    # Copies of the most selective filters, so that a new post only loads the saved
    # searches that can match it (services.saved_searches_for_post).
    kind = models.CharField(max_length=10, blank=True, editable=False)
    nature = models.CharField(max_length=20, blank=True, editable=False)
    category = models.ForeignKey(
        "core.Category", on_delete=models.CASCADE, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="saved_search_once_per_user"),
            models.CheckConstraint(
                condition=models.Q(frequency__in=["instant", "daily"]),
                name="saved_search_frequency_valid",
            ),
            models.CheckConstraint(condition=~models.Q(query=""), name="saved_search_has_filters"),
        ]
        indexes = [
            models.Index(fields=["frequency", "kind", "nature"], name="saved_search_match_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name} (#{self.pk}, user {self.user_id})"


class Notice(models.Model):
    """A person was told about a post: as a suggestion for one of their own posts, or as a
    result of a saved search. At most one per (person, post): nobody hears of the same post
    twice. `email` says whether it still has to go out by email."""

    class Source(models.TextChoices):
        SUGGESTION = "suggestion", _("Suggestion")
        SAVED_SEARCH = "saved_search", _("Saved search")

    class Email(models.TextChoices):
        PENDING = "pending", _("To send")
        SENT = "sent", _("Sent")
        NONE = "none", _("Not emailed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matching_notices"
    )
    post = models.ForeignKey(
        "exchange.Post", on_delete=models.CASCADE, related_name="matching_notices"
    )
    # The person's own post the suggestion fits (suggestions only).
    for_post = models.ForeignKey(
        "exchange.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.SET_NULL, null=True, blank=True, related_name="notices"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    email = models.CharField(max_length=10, choices=Email.choices, default=Email.PENDING)
    # Daily: goes out in the digest; otherwise at once (if the daily cap allows).
    digest = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("matching notice")
        verbose_name_plural = _("matching notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="notice_once_per_user_post"),
            models.CheckConstraint(
                condition=models.Q(source__in=["suggestion", "saved_search"]),
                name="notice_source_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(email__in=["pending", "sent", "none"]),
                name="notice_email_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["user", "created_at"],
                condition=models.Q(email="pending"),
                name="notice_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"Notice {self.pk}: post {self.post_id} to user {self.user_id}"


class SentEmail(models.Model):
    """One matching email sent to a person (for MATCHING_EMAILS_PER_DAY)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    notice_count = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("matching email")
        verbose_name_plural = _("matching emails")
        indexes = [models.Index(fields=["user", "sent_at"], name="matching_email_user_idx")]

    def __str__(self) -> str:
        return f"Matching email {self.pk} to user {self.user_id}"


class Dismissal(models.Model):
    """The people who manage a post said a suggestion does not fit it: it is not shown for
    that post again."""

    post = models.ForeignKey("exchange.Post", on_delete=models.CASCADE, related_name="+")
    suggested = models.ForeignKey("exchange.Post", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dismissed suggestion")
        verbose_name_plural = _("dismissed suggestions")
        constraints = [
            models.UniqueConstraint(fields=["post", "suggested"], name="dismissal_once"),
            models.CheckConstraint(
                condition=~models.Q(post=models.F("suggested")), name="dismissal_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"Post {self.suggested_id} dismissed for post {self.post_id}"
