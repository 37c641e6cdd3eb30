"""The volunteer information point: a tree of information pages kept by the city's editors,
and the yearly ceilings of volunteers' expense allowances that those pages quote.

The ceilings are data, not text: the pages write placeholders such as
``[[allowance:daily]]`` and solidair.info.rendering fills them from the newest
`AllowanceCeilings` row, so an editor updates the amounts once a year in one form.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import AllowanceCeilingsQuerySet, InfoPageQuerySet

MAX_DEPTH = 3


class InfoPage(models.Model):
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    slug = models.SlugField(_("slug"), max_length=80)
    # The slugs from the root down, joined by "/": the page's address under /volunteering/.
    # Kept by the services when a slug or parent changes (for the whole subtree).
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One sentence shown in the overview and to search engines."),
    )
    body = models.TextField(_("text"), max_length=50000, help_text=_("Markdown is allowed."))
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first among sister pages.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    last_reviewed_on = models.DateField(
        _("last reviewed on"),
        default=timezone.localdate,
        help_text=_("When an editor last checked that the content is still correct."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InfoPageQuerySet.as_manager()

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ["position", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "slug"], name="infopage_slug_unique_in_parent"
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(parent__isnull=True),
                name="infopage_root_slug_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.path

    def get_absolute_url(self) -> str:
        return reverse("info:page", kwargs={"path": self.path})

    @property
    def depth(self) -> int:
        return self.path.count("/") + 1


class AllowanceCeilings(models.Model):
    """The legal maximum expense allowances for volunteers in one calendar year (law of
    3 July 2005, indexed every 1 January). Entered by an editor from the official
    figures; the information pages quote the newest year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    daily_flat_rate = models.DecimalField(
        _("flat-rate allowance, maximum per day (€)"), max_digits=7, decimal_places=2
    )
    yearly_flat_rate = models.DecimalField(
        _("flat-rate allowance, maximum per year (€)"), max_digits=8, decimal_places=2
    )
    yearly_flat_rate_specific = models.DecimalField(
        _("higher yearly maximum for specific categories (€)"),
        max_digits=8,
        decimal_places=2,
        help_text=_(
            "For example sports trainers and referees, stewards, night care and non-urgent "
            "patient transport."
        ),
    )
    kilometre_rate = models.DecimalField(
        _("kilometre allowance, maximum per km (€)"),
        max_digits=6,
        decimal_places=4,
        help_text=_("For a car, motorbike or moped."),
    )
    kilometre_rate_period = models.CharField(
        _("period of the kilometre allowance"),
        max_length=120,
        blank=True,
        help_text=_("The rate changes during the year; say for which period it applies."),
    )
    max_kilometres = models.PositiveIntegerField(
        _("kilometres per year on top of the flat rate"), default=2000
    )
    source_url = models.URLField(_("source"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AllowanceCeilingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("allowance ceilings")
        verbose_name_plural = _("allowance ceilings")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2005, year__lte=2100), name="allowance_year_range"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    daily_flat_rate__gt=0, yearly_flat_rate__gt=0, kilometre_rate__gt=0
                ),
                name="allowance_amounts_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(yearly_flat_rate__gte=models.F("daily_flat_rate")),
                name="allowance_year_at_least_a_day",
            ),
            models.CheckConstraint(
                condition=models.Q(yearly_flat_rate_specific__gte=models.F("yearly_flat_rate")),
                name="allowance_specific_at_least_general",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)
