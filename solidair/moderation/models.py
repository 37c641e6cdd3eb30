"""Reports, and the audit log of what moderators did.

A report points at any moderated thing through a content type and an id (the kinds are
listed in `registry.py`): a post, a message, an event, an article, a group, a topic, a
reply, an organisation, or a person. `target_user` is the person answerable for it (the
author, or the reported person), copied when the report is made so the queue and the
sanctions do not depend on the content still existing.

`AuditEntry` rows are only ever added: the queryset refuses updates and deletes, and on
PostgreSQL a trigger (migration 0002) refuses them in the database too.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    SCAM = "scam", _("Fraud or scam")
    DISCRIMINATION = "discrimination", _("Discrimination or hate")
    UNSAFE = "unsafe", _("Unsafe or dangerous")
    PERSONAL_DATA = "personal-data", _("Someone's personal data")
    OTHER = "other", _("Something else")


class ReportQuerySet(models.QuerySet["Report"]):
    def open(self) -> ReportQuerySet:
        return self.filter(status=Report.Status.OPEN)

    def about(self, target_type: ContentType, target_id: int) -> ReportQuerySet:
        return self.filter(target_type=target_type, target_id=target_id)

    def queue(
        self, *, status: str = "", reason: str = "", kind: str = "", automatic: str = ""
    ) -> ReportQuerySet:
        """The moderators' list: filtered by status (default open), reason, kind of content
        and whether the system held it; oldest open first so nothing waits forever."""
        from .registry import content_type_for_kind

        qs = self.select_related("target_type", "reporter__profile", "target_user__profile")
        qs = qs.filter(status=status or Report.Status.OPEN)
        if reason:
            qs = qs.filter(reason=reason)
        if kind:
            ct = content_type_for_kind(kind)
            qs = qs.filter(target_type=ct) if ct is not None else qs.none()
        if automatic == "yes":
            qs = qs.filter(reporter__isnull=True)
        elif automatic == "no":
            qs = qs.filter(reporter__isnull=False)
        if (status or Report.Status.OPEN) == Report.Status.OPEN:
            return qs.order_by("created_at", "pk")
        return qs.order_by("-closed_at", "-pk")


class Report(models.Model):
    """Someone (or the system, when it holds a message: `reporter` empty) flags a piece of
    content or a person for the moderators."""

    Reason = Reason

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Action taken")
        DISMISSED = "dismissed", _("No action needed")

    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answerable person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_against",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_made",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    remark = models.TextField(_("remark"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closing_remark = models.TextField(_("closing remark"), max_length=1000, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    reason__in=[
                        "spam",
                        "scam",
                        "discrimination",
                        "unsafe",
                        "personal-data",
                        "other",
                    ]
                ),
                name="moderation_report_reason_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "resolved", "dismissed"]),
                name="moderation_report_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open", closed_at__isnull=True)
                | (~models.Q(status="open") & models.Q(closed_at__isnull=False)),
                name="moderation_report_closed_has_date",
            ),
            # Reporting the same thing twice while the first report is open adds nothing.
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"],
                condition=models.Q(status="open", reporter__isnull=False),
                name="moderation_report_one_open_per_reporter",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="moderation_report_queue_idx"),
            models.Index(fields=["target_type", "target_id"], name="moderation_report_target_idx"),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} on {self.target_type.model} {self.target_id} ({self.reason})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_automatic(self) -> bool:
        return self.reporter_id is None


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("The moderation audit log is append-only.")

    def delete(self) -> NoReturn:
        raise TypeError("The moderation audit log is append-only.")

    def listing(self, *, action: str = "", q: str = "") -> AuditQuerySet:
        """The log page and its export, newest first, filtered by action and by words in
        what it was about or why."""
        qs = self.select_related("moderator__profile", "target_user__profile", "target_type")
        if action:
            qs = qs.filter(action=action)
        if q:
            qs = qs.filter(models.Q(target_repr__icontains=q) | models.Q(remark__icontains=q))
        return qs.order_by("-at", "-pk")


class AuditEntry(models.Model):
    """One thing a moderator did (or the system, when it held a message): who, what, to
    what or whom, when and why. Never changed or removed."""

    class Action(models.TextChoices):
        HELD = "held", _("Held for review")
        HIDDEN = "hidden", _("Content hidden")
        RESTORED = "restored", _("Content restored")
        WARNED = "warned", _("Person warned")
        SUSPENDED = "suspended", _("Person suspended")
        UNSUSPENDED = "unsuspended", _("Suspension lifted")
        BANNED = "banned", _("Person banned")
        UNBANNED = "unbanned", _("Ban lifted")
        REPORT_RESOLVED = "report-resolved", _("Report closed: action taken")
        REPORT_DISMISSED = "report-dismissed", _("Report closed: no action needed")

    at = models.DateTimeField(_("when"), default=timezone.now)
    # PROTECT: accounts are never removed (deletion anonymises them), so the log always
    # says who acted; a row that would lose its moderator is refused instead.
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What the target was called at the time, so the log reads well after it is gone.
    target_repr = models.CharField(_("about"), max_length=200, blank=True)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person concerned"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="audit_entries"
    )
    remark = models.TextField(_("why"), max_length=1000, blank=True)
    until = models.DateTimeField(_("until"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["-at"], name="moderation_audit_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"
