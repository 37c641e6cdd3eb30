"""News: articles written by the city's editors or submitted by organisations, and tags.

An article's life:
- written by an editor: draft → published (now or at a future moment: scheduled) →
  unpublished (and back);
- submitted by an organisation: submitted → published (an editor approves, with a remark)
  or rejected (with a remark); the organisation's admins are emailed either way.

Readers see an article only while it is published and its publication moment has passed
(`ArticleQuerySet.published`): scheduling needs no job. Every write goes through
solidair.news.services; reads through solidair.news.querysets.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.core.models import Moderated

from .querysets import ArticleQuerySet, TagQuerySet


def image_upload_to(instance: Article, filename: str) -> str:
    # A random name: the original file name may say more than the picture.
    return f"news/{secrets.token_hex(16)}.jpg"


class Tag(models.Model):
    """A subject articles are filed under (and a feed of its own)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('news:list')}?tag={self.slug}"


class Article(Moderated):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not accepted")
        UNPUBLISHED = "unpublished", _("Unpublished")

    slug = models.SlugField(_("slug"), max_length=90, unique=True)
    title = models.CharField(_("title"), max_length=150)
    lead = models.CharField(
        _("lead"),
        max_length=300,
        help_text=_("One or two sentences that say what the article is about."),
    )
    body = models.TextField(_("text"), max_length=30000, help_text=_("Markdown is allowed."))
    image = models.ImageField(_("image"), upload_to=image_upload_to, blank=True)
    image_alt = models.CharField(
        _("description of the image"),
        max_length=200,
        blank=True,
        help_text=_("What is on the image, for people who cannot see it."),
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("The organisation the article is about or comes from."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="news_articles",
    )
    # True when an organisation submitted it (it went through review).
    submitted_by_organisation = models.BooleanField(default=False, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication moment"),
        null=True,
        blank=True,
        help_text=_("A moment in the future schedules the article."),
    )
    review_remark = models.CharField(_("remark of the editor"), max_length=1000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["draft", "submitted", "published", "rejected", "unpublished"]
                ),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="article_published_has_moment",
            ),
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="article_image_has_alt_text",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["submitted", "rejected"])
                | models.Q(submitted_by_organisation=True, organisation__isnull=False),
                name="article_submission_has_organisation",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_published_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.slug})"

    def get_absolute_url(self) -> str:
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        """Published and its moment has come: what readers see."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def byline(self) -> str:
        """Who the article is from, as readers see it: the organisation for a submitted
        article, else the author's display name (never an email address)."""
        if self.submitted_by_organisation and self.organisation is not None:
            return self.organisation.name
        if self.author is not None:
            return str(self.author.display_name)
        return str(settings.SITE_NAME)
