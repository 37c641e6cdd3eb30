"""Reference data shared by every app. Names are translated at display time (`label`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ReferenceModel(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language (reference names are gettext source strings)."""
        return gettext(self.name)


class Neighbourhood(ReferenceModel):
    """A wijk, with an approximate centroid used for distances between posts."""

    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta(ReferenceModel.Meta):
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="neighbourhood_coordinates_valid",
            )
        ]

    @property
    def label(self) -> str:
        return self.name  # proper names are not translated


class Category(ReferenceModel):
    class Nature(models.TextChoices):
        GOODS = "goods", _("Goods")
        VOLUNTEERING = "volunteering", _("Volunteering")

    nature = models.CharField(_("nature"), max_length=20, choices=Nature.choices)

    class Meta(ReferenceModel.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nature__in=["goods", "volunteering"]),
                name="category_nature_valid",
            )
        ]


class TargetGroup(ReferenceModel):
    class Meta(ReferenceModel.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Sector(ReferenceModel):
    class Meta(ReferenceModel.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Language(models.Model):
    code = models.CharField(_("ISO 639-1 code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=80)
    native_name = models.CharField(_("native name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[a-z]{2}$"), name="language_code_iso_639_1"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.code})"

    @property
    def label(self) -> str:
        return gettext(self.name)


class Moderated(models.Model):
    """Content that moderators can hide (solidair.moderation). Hidden content disappears
    for everyone but its author and the moderators: every `visible_to`/`public` read of the
    model leaves out rows with `hidden_at` set."""

    hidden_at = models.DateTimeField(_("hidden by the moderators"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class HeldReason(models.TextChoices):
    LINKS = "links", _("Many links")
    REPEATED = "repeated", _("The same text sent to several people")


class Held(models.Model):
    """Something people write to each other that the platform may hold for review before
    others see it (solidair.moderation.trust): held = hidden with a `held_reason`, until a
    moderator releases it."""

    held_reason = models.CharField(
        _("held for review"), max_length=20, choices=HeldReason.choices, blank=True
    )

    class Meta:
        abstract = True
