"""Requests and offers (vraag en aanbod): posts, the responses and private conversations
they start, the matches a poster records and the reports people file.

Every write goes through solidair.exchange.services; reads through the querysets in
solidair.exchange.querysets.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.core.models import Held, Moderated

from .querysets import (
    ConversationQuerySet,
    MatchQuerySet,
    MessageQuerySet,
    PostQuerySet,
    ResponseQuerySet,
)


def exchange_path(name: str, fallback: str, **kwargs: object) -> str:
    """reverse("exchange:<name>"), or the documented path while the web UI has not wired
    that name yet (the API and emails must not break on a missing page)."""
    try:
        return reverse(f"exchange:{name}", kwargs=kwargs or None)
    except NoReverseMatch:
        return fallback.format(**kwargs)


def default_expires_at() -> datetime:
    """A post stays open for settings.POST_EXPIRY_WEEKS (default 8) unless extended."""
    weeks: int = getattr(settings, "POST_EXPIRY_WEEKS", 8)
    return timezone.now() + timedelta(weeks=weeks)


def photo_upload_to(instance: PostPhoto, filename: str) -> str:
    # A random name: the original file name may contain personal data.
    return f"posts/{secrets.token_hex(16)}.jpg"


class Post(Moderated):
    """A request or an offer of goods or volunteer help."""

    class Kind(models.TextChoices):
        REQUEST = "request", _("Request")
        OFFER = "offer", _("Offer")

    class Nature(models.TextChoices):
        GOODS = "goods", _("Goods")
        VOLUNTEERING = "volunteering", _("Volunteering")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        FULFILLED = "fulfilled", _("Fulfilled")
        EXPIRED = "expired", _("Expired")

    class TimeCommitment(models.TextChoices):
        ONCE = "once", _("Once")
        RECURRING = "recurring", _("Recurring")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    nature = models.CharField(_("nature"), max_length=20, choices=Nature.choices)
    category = models.ForeignKey(
        "core.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="posts"
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("description"), max_length=5000, help_text=_("Markdown is allowed."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="posts",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="posts",
    )
    # "Only for this group": in a closed group only its active members see the post
    # (PostQuerySet.visible_to, through Group.objects.visible_content_for).
    group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("only for the group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="posts",
    )
    target_groups = models.ManyToManyField(
        "core.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="posts"
    )
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="posts",
    )
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    # What is still needed (request) or still available (offer) after partial fulfilment.
    quantity_open = models.PositiveIntegerField(_("quantity still open"), null=True, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    languages = models.ManyToManyField(
        "core.Language", verbose_name=_("languages"), blank=True, related_name="posts"
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    time_commitment = models.CharField(
        _("time commitment"), max_length=10, choices=TimeCommitment.choices, blank=True
    )
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    expires_at = models.DateTimeField(_("expires"), default=default_expires_at)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Normalised tokens (solidair.exchange.search), space-padded: " fiet kinder ... ".
    # Recomputed by the services on every write of title, body or category.
    search_document = models.TextField(blank=True, default="", editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["request", "offer"]), name="post_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(nature__in=["goods", "volunteering"]),
                name="post_nature_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "open", "closed", "fulfilled", "expired"]),
                name="post_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(time_commitment__in=["", "once", "recurring"]),
                name="post_time_commitment_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="post_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True) | models.Q(quantity__gte=1),
                name="post_quantity_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True, quantity_open__isnull=True)
                | models.Q(
                    quantity__isnull=False,
                    quantity_open__isnull=False,
                    quantity_open__lte=models.F("quantity"),
                ),
                name="post_quantity_open_within_quantity",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True) | models.Q(nature="goods"),
                name="post_quantity_goods_only",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["open", "closed", "fulfilled", "expired"])
                | models.Q(published_at__isnull=False),
                name="post_published_has_date",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "kind", "nature", "category", "-published_at"],
                name="post_filter_idx",
            ),
            models.Index(fields=["status", "-published_at", "-id"], name="post_status_recent_idx"),
            models.Index(fields=["neighbourhood", "status"], name="post_neighbourhood_idx"),
            # Covers the open posts' group too, so counting the public ones (group-less or
            # of an open group) stays an index-only scan.
            models.Index(
                fields=["status", "expires_at"],
                include=["group", "hidden_at"],
                name="post_open_group_idx",
            ),
            models.Index(fields=["starts_on", "ends_on"], name="post_period_idx"),
            models.Index(fields=["author", "status"], name="post_author_idx"),
        ]
        # PostgreSQL also gets a GIN index on to_tsvector('simple', search_document):
        # migration 0002 (skipped on SQLite).

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title} (#{self.pk})"

    def get_absolute_url(self) -> str:
        return exchange_path("detail", "/posts/{pk}/", pk=self.pk)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def has_period(self) -> bool:
        return self.starts_on is not None or self.ends_on is not None


class PostPhoto(models.Model):
    """One of at most three photos of a post (re-encoded JPEG, metadata stripped)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_upload_to)
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=200,
        blank=True,
        help_text=_("What is on the photo, for people who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["post", "position", "pk"]

    def __str__(self) -> str:
        return f"Photo {self.pk} of post {self.post_id}"


class Conversation(models.Model):
    """The private thread between a responder and the poster (for an organisation's post:
    the organisation's owner and admins too). One per (post, responder)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="conversations")
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_conversations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Kept by services.send_message so the inbox sorts without aggregating messages.
    last_message_at = models.DateTimeField(default=timezone.now)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "responder"], name="conversation_one_per_responder"
            )
        ]
        indexes = [
            models.Index(fields=["responder", "-last_message_at"], name="conv_responder_idx")
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk} on post {self.post_id} with user {self.responder_id}"

    def get_absolute_url(self) -> str:
        return exchange_path("conversation", "/messages/{pk}/", pk=self.pk)


class Response(models.Model):
    """Someone reacts to a post ("I can help" / "I am interested"). Opens a conversation."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="responses")
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_responses"
    )
    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="response"
    )
    message = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "responder"], name="response_one_per_responder")
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to post {self.post_id} by user {self.responder_id}"


class Message(Moderated, Held):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    # SET_NULL: deleting one's account must not erase the other party's conversation.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="exchange_messages",
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="message_conv_idx")]

    def __str__(self) -> str:
        return f"Message {self.pk} in conversation {self.conversation_id}"


class ConversationRead(models.Model):
    """Up to when a participant has read a conversation (for unread counts)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField(default=timezone.now)
    # Up to when the messages of this conversation went out in this user's daily digest
    # (services.send_message_digests), so no message is in two digests. A field here rather
    # than a model of its own: it is per (conversation, user) exactly like last_read_at,
    # and the digest compares the two (a message is new when it is after both). Null: never
    # in a digest.
    digested_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="conversation_read_once")
        ]

    def __str__(self) -> str:
        return f"User {self.user_id} read conversation {self.conversation_id}"


class Match(models.Model):
    """The poster accepted a response: the two parties are matched. Both are later asked
    once whether the help happened (closing the loop); the answers feed statistics."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="matches")
    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="match")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="matches")
    # The responder: the other party from the poster's point of view.
    counterpart = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_matches"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    asked_at = models.DateTimeField(null=True, blank=True)
    poster_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    poster_answered_at = models.DateTimeField(null=True, blank=True)
    responder_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    responder_answered_at = models.DateTimeField(null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(poster_answer__in=["", "yes", "partly", "no"])
                & models.Q(responder_answer__in=["", "yes", "partly", "no"]),
                name="match_answers_valid",
            )
        ]
        indexes = [models.Index(fields=["asked_at", "created_at"], name="match_asked_idx")]

    def __str__(self) -> str:
        return f"Match {self.pk} on post {self.post_id}"
