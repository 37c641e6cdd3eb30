"""Decisions about people: warn, suspend, ban, and lifting a suspension or ban."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.core.emails import send_templated_email
from solidair.notifications.services import notify

from ..models import AuditEntry, Report
from ..permissions import is_moderator, require_moderator

if TYPE_CHECKING:
    from solidair.accounts.models import User

from ._common import SUSPENSION_MAX_DAYS, Sanction, _audit, _clean_remark


def _until_text(until: Any) -> str:
    # Numeric, so it reads the same in every language the notification is shown in.
    return str(timezone.localtime(until).strftime("%d-%m-%Y %H:%M"))


def _tell_person(
    *, user: User, kind: str, title: Any, params: dict[str, Any], template: str, url: str = ""
) -> None:
    notify(user=user, kind=f"moderation.{kind}", title=title, params=params, url=url)
    send_templated_email(to=user, template=template, context={"kind": kind, **params})


def _act_and_tell(
    *,
    moderator: User,
    user: User,
    action: str,
    remark: str,
    report: Report | None,
    title: Any,
    template: str,
    until: Any = None,
) -> None:
    """Log a decision about a person and tell them (notification and email) why."""
    _audit(
        moderator=moderator,
        action=action,
        target_user=user,
        report=report,
        remark=remark,
        until=until,
    )
    params = {"remark": remark}
    if until is not None:
        params["until"] = _until_text(until)
    _tell_person(user=user, kind=action, title=title, params=params, template=template)


def _sanction(
    *,
    moderator: User,
    user: User,
    sanction: str,
    days: int | None,
    remark: str,
    report: Report | None,
) -> None:
    if user.pk == moderator.pk:
        raise ValidationError(_("You cannot act against your own account."))
    if is_moderator(user) and sanction in (Sanction.SUSPEND, Sanction.BAN):
        raise ValidationError(_("Another moderator's account is managed by an administrator."))
    if user.deleted_at is not None:
        raise ValidationError(_("This account was deleted."))
    now = timezone.now()
    if sanction == Sanction.WARN:
        _act_and_tell(
            moderator=moderator,
            user=user,
            action=AuditEntry.Action.WARNED,
            remark=remark,
            report=report,
            title=_("A warning from the moderators: %(remark)s"),
            template="moderation_warning",
        )
    elif sanction == Sanction.SUSPEND:
        if days is None or not 1 <= days <= SUSPENSION_MAX_DAYS:
            raise ValidationError(
                {"days": _("Between 1 and %(n)s days.") % {"n": SUSPENSION_MAX_DAYS}}
            )
        until = now + timedelta(days=days)
        type(user).objects.filter(pk=user.pk).update(suspended_until=until)
        user.suspended_until = until
        _act_and_tell(
            moderator=moderator,
            user=user,
            action=AuditEntry.Action.SUSPENDED,
            remark=remark,
            report=report,
            title=_("Your account is suspended until %(until)s: %(remark)s"),
            template="moderation_suspension",
            until=until,
        )
    elif sanction == Sanction.BAN:
        if user.banned_at is not None:
            return
        type(user).objects.filter(pk=user.pk).update(is_active=False, banned_at=now)
        user.is_active, user.banned_at = False, now
        _audit(
            moderator=moderator,
            action=AuditEntry.Action.BANNED,
            target_user=user,
            report=report,
            remark=remark,
        )
        # Sent to the address directly: the account is inactive now, and an inactive
        # account gets no mail through the usual path.
        send_templated_email(
            to=user.email,
            template="moderation_ban",
            context={"remark": remark, "recipient_name": user.display_name},
            language=_language_of(user),
        )


def _language_of(user: User) -> str | None:
    profile = getattr(user, "profile", None)
    return profile.preferred_language if profile is not None else None


@transaction.atomic
def act_on_person(
    *, moderator: User, user: User, sanction: str, remark: str, days: int | None = None
) -> None:
    """Warn, suspend (for `days`) or ban `user`, outside any report."""
    require_moderator(moderator)
    if sanction not in (Sanction.WARN, Sanction.SUSPEND, Sanction.BAN):
        raise ValidationError({"sanction": _("Choose what to do.")})
    remark = _clean_remark(remark, required=True)
    _sanction(
        moderator=moderator, user=user, sanction=sanction, days=days, remark=remark, report=None
    )


@transaction.atomic
def lift_sanction(*, moderator: User, user: User, remark: str) -> str:
    """End a suspension or a ban early. Returns what was lifted ("suspension", "ban" or
    "" when there was nothing to lift)."""
    require_moderator(moderator)
    remark = _clean_remark(remark, required=True)
    User = type(user)
    if user.banned_at is not None:
        if user.deleted_at is not None:
            raise ValidationError(_("This account was deleted."))
        User.objects.filter(pk=user.pk).update(is_active=True, banned_at=None)
        user.is_active, user.banned_at = True, None
        _act_and_tell(
            moderator=moderator,
            user=user,
            action=AuditEntry.Action.UNBANNED,
            remark=remark,
            report=None,
            title=_("The moderators lifted the ban on your account: %(remark)s"),
            template="moderation_lifted",
        )
        return "ban"
    if user.is_suspended:
        User.objects.filter(pk=user.pk).update(suspended_until=None)
        user.suspended_until = None
        _act_and_tell(
            moderator=moderator,
            user=user,
            action=AuditEntry.Action.UNSUSPENDED,
            remark=remark,
            report=None,
            title=_("The moderators lifted your suspension: %(remark)s"),
            template="moderation_lifted",
        )
        return "suspension"
    return ""
