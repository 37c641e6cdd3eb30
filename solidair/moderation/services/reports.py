"""Reports, content held for review, hiding and restoring content, and the decision on
a report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.core.emails import send_templated_email
from solidair.notifications.services import notify

from ..models import AuditEntry, Reason, Report
from ..permissions import require_moderator
from ..registry import ContentKind, get_kind, kind_for_content_type, kind_for_object
from ..trust import held_explanation
from ._common import ContentAction, Sanction, _audit, _clean_remark
from .people import _sanction, _tell_person

if TYPE_CHECKING:
    from django.db.models import Model

    from solidair.accounts.models import User

# --- reporting --------------------------------------------------------------------------------


@transaction.atomic
def report_content(*, reporter: User, kind: str, pk: int, reason: str, remark: str = "") -> Report:
    """`reporter` flags content of `kind` (a registry key: "post", "message", "event",
    "person", ...) for the moderators. Only what the reporter can see can be reported (an
    unknown or invisible target raises PermissionDenied, which views answer with a 404);
    one's own content cannot. Reporting the same thing again while the first report is
    open returns that report."""
    if not reporter.is_authenticated or not reporter.is_active:
        raise PermissionDenied
    content_kind = get_kind(kind)
    obj = content_kind.get(pk) if content_kind is not None else None
    if content_kind is None or obj is None or not content_kind.can_see(reporter, obj):
        raise PermissionDenied
    if reason not in Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    remark = _clean_remark(remark, required=False)
    author = content_kind.author(obj)
    if author is not None and author.pk == reporter.pk:
        raise ValidationError(_("You cannot report yourself or what you wrote."))
    existing = (
        Report.objects.open()
        .about(content_kind.content_type, obj.pk)
        .filter(reporter=reporter)
        .first()
    )
    if existing is not None:
        return existing
    return Report.objects.create(
        target_type=content_kind.content_type,
        target_id=obj.pk,
        target_user=author,
        reporter=reporter,
        reason=reason,
        remark=remark,
    )


@transaction.atomic
def hold_for_review(*, obj: Model, reason: str) -> Report:
    """The system hides `obj` (a message, topic or reply just written) until a moderator
    looks at it, for `reason` (trust.hold_reason: "links", "repeated"): an open report
    without a reporter puts it in the queue. Releasing it is restoring it."""
    kind = kind_for_object(obj)
    if kind is None:
        raise ValueError(f"{obj._meta.label} is not a moderated kind of content")
    why = held_explanation(reason)
    kind.model_class._base_manager.filter(pk=obj.pk).update(
        hidden_at=timezone.now(), held_reason=reason
    )
    obj.refresh_from_db(fields=["hidden_at", "held_reason"])
    author = kind.author(obj)
    report = Report.objects.create(
        target_type=kind.content_type,
        target_id=obj.pk,
        target_user=author,
        reporter=None,
        reason=Reason.SPAM,
        remark=why,
    )
    _audit(
        moderator=None,
        action=AuditEntry.Action.HELD,
        kind=kind,
        obj=obj,
        target_user=author,
        report=report,
        remark=why,
    )
    return report


# --- content ----------------------------------------------------------------------------------


def _set_hidden(kind: ContentKind, obj: Any, hidden: bool) -> None:
    now = timezone.now() if hidden else None
    changes: dict[str, Any] = {"hidden_at": now}
    if not hidden and hasattr(obj, "held_reason"):
        changes["held_reason"] = ""
    kind.model_class._base_manager.filter(pk=obj.pk).update(**changes)
    for field, value in changes.items():
        setattr(obj, field, value)


def _hide(
    *, moderator: User, kind: ContentKind, obj: Any, remark: str, report: Report | None
) -> None:
    if not kind.hideable:
        raise ValidationError(_("People cannot be hidden: warn, suspend or ban them."))
    was_held = bool(getattr(obj, "held_reason", ""))
    if obj.hidden_at is not None and not was_held:
        return
    if was_held:
        # Held content the moderators keep hidden is no longer "waiting": it was never
        # shown, so there is nothing to take back (after_hide does not run).
        kind.model_class._base_manager.filter(pk=obj.pk).update(held_reason="")
        obj.held_reason = ""
    else:
        _set_hidden(kind, obj, True)
    _audit(
        moderator=moderator,
        action=AuditEntry.Action.HIDDEN,
        kind=kind,
        obj=obj,
        target_user=kind.author(obj),
        report=report,
        remark=remark,
    )
    if not was_held:
        kind.after_hide(obj)


def _restore(
    *, moderator: User, kind: ContentKind, obj: Any, remark: str, report: Report | None
) -> None:
    was_held = bool(getattr(obj, "held_reason", ""))
    _set_hidden(kind, obj, False)
    _audit(
        moderator=moderator,
        action=AuditEntry.Action.RESTORED,
        kind=kind,
        obj=obj,
        target_user=kind.author(obj),
        report=report,
        remark=remark,
    )
    kind.after_restore(obj)
    if was_held:
        kind.after_release(obj)


@transaction.atomic
def restore_content(*, moderator: User, kind: str, pk: int, remark: str) -> Any:
    """Show hidden (or held) content again. For a held message this is "release": it is
    delivered, with its email, as if it had just been sent. Open automatic reports about
    it close as "no action needed"."""
    require_moderator(moderator)
    content_kind = get_kind(kind)
    obj = content_kind.get(pk) if content_kind is not None else None
    if content_kind is None or obj is None or not content_kind.hideable:
        raise ValidationError(_("There is nothing to restore here."))
    remark = _clean_remark(remark, required=True)
    if obj.hidden_at is None:
        return obj
    _restore(moderator=moderator, kind=content_kind, obj=obj, remark=remark, report=None)
    for report in (
        Report.objects.open().about(content_kind.content_type, obj.pk).filter(reporter__isnull=True)
    ):
        _close(moderator=moderator, report=report, resolved=False, remark=remark, tell=False)
    return obj


# --- decisions on reports ---------------------------------------------------------------------


def _close(
    *, moderator: User, report: Report, resolved: bool, remark: str, tell: bool = True
) -> None:
    report.status = Report.Status.RESOLVED if resolved else Report.Status.DISMISSED
    report.closed_at = timezone.now()
    report.closed_by = moderator
    report.closing_remark = remark
    report.save(update_fields=["status", "closed_at", "closed_by", "closing_remark"])
    _audit(
        moderator=moderator,
        action=(
            AuditEntry.Action.REPORT_RESOLVED if resolved else AuditEntry.Action.REPORT_DISMISSED
        ),
        kind=kind_for_content_type(report.target_type_id),
        obj=_target_of(report),
        target_user=report.target_user,
        report=report,
        remark=remark,
    )
    reporter = report.reporter
    if tell and reporter is not None and reporter.is_active:
        title = (
            _("Thank you for your report: the moderators took action.")
            if resolved
            else _(
                "Thank you for your report: the moderators looked and found no breach of the rules."
            )
        )
        notify(user=reporter, kind="moderation.report_closed", title=title)
        send_templated_email(
            to=reporter,
            template="moderation_report_closed",
            context={"resolved": resolved, "reported_at": report.created_at},
        )


def _target_of(report: Report) -> Any:
    kind = kind_for_content_type(report.target_type_id)
    return kind.get(report.target_id) if kind is not None else None


@dataclass(frozen=True)
class Decision:
    content: str = ContentAction.KEEP
    sanction: str = Sanction.NONE
    days: int | None = None
    remark: str = ""


@transaction.atomic
def decide_report(*, moderator: User, report: Report, decision: Decision) -> list[Report]:
    """The moderator's decision on a report: do something with the content (hide it, or
    show held content again), perhaps sanction the person answerable, and close every open
    report about the same thing with the remark. "Action taken" when anything was done,
    otherwise "no action needed". Reporters hear the outcome; the person answerable hears
    what was done and why. Returns the reports closed."""
    require_moderator(moderator)
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if not report.is_open:
        raise ValidationError(_("This report is already closed."))
    if decision.content not in ContentAction.ALL:
        raise ValidationError({"content": _("Choose what happens to the content.")})
    if decision.sanction not in Sanction.ALL:
        raise ValidationError({"sanction": _("Choose what happens to the person.")})
    remark = _clean_remark(decision.remark, required=True)
    kind = kind_for_content_type(report.target_type_id)
    obj = kind.get(report.target_id) if kind is not None else None
    acted = False
    if decision.content == ContentAction.HIDE:
        if kind is None or obj is None or not kind.hideable:
            raise ValidationError({"content": _("This cannot be hidden.")})
        _hide(moderator=moderator, kind=kind, obj=obj, remark=remark, report=report)
        acted = True
    elif decision.content == ContentAction.RESTORE:
        if kind is None or obj is None or not kind.hideable or obj.hidden_at is None:
            raise ValidationError({"content": _("This is not hidden.")})
        _restore(moderator=moderator, kind=kind, obj=obj, remark=remark, report=report)
    if decision.sanction:
        person = report.target_user
        if person is None:
            raise ValidationError({"sanction": _("Nobody is answerable for this any more.")})
        _sanction(
            moderator=moderator,
            user=person,
            sanction=decision.sanction,
            days=decision.days,
            remark=remark,
            report=report,
        )
        acted = True
    if decision.content == ContentAction.HIDE and report.target_user is not None:
        author = report.target_user
        if author.is_active and kind is not None and obj is not None:
            _tell_person(
                user=author,
                kind="hidden",
                title=_("The moderators hid “%(title)s”: %(remark)s"),
                params={"title": kind.describe(obj)[:80], "remark": remark},
                template="moderation_hidden",
                url=kind.url(obj),
            )
    closed = list(
        Report.objects.open()
        .about(report.target_type, report.target_id)
        .select_related("reporter__profile")
        .order_by("created_at", "pk")
    )
    for each in closed:
        _close(moderator=moderator, report=each, resolved=acted, remark=remark)
    return closed
