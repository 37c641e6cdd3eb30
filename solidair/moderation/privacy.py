"""What moderation holds about a person, for the data download. Reports someone made are
theirs; reports about them and the audit log are not included, so a download never reveals
who reported whom. Deleting an account keeps reports and the log (the account row stays,
anonymised), because the moderators' decisions must remain accountable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from solidair.accounts.privacy import personal_data

from .models import AuditEntry, Report

if TYPE_CHECKING:
    from solidair.accounts.models import User


@personal_data("reports_made")
def _reports(user: User) -> list[dict[str, Any]]:
    return [
        {
            "about": f"{r.target_type.app_label}.{r.target_type.model}",
            "id": r.target_id,
            "reason": r.reason,
            "remark": r.remark,
            "status": r.status,
            "created_at": r.created_at,
            "closed_at": r.closed_at,
        }
        for r in Report.objects.filter(reporter=user)
        .select_related("target_type")
        .order_by("created_at", "pk")
    ]


@personal_data("moderation_decisions_about_me")
def _decisions(user: User) -> list[dict[str, Any]]:
    """Warnings, suspensions and bans, with the moderators' reasons (not who reported)."""
    people_actions = {
        AuditEntry.Action.WARNED,
        AuditEntry.Action.SUSPENDED,
        AuditEntry.Action.UNSUSPENDED,
        AuditEntry.Action.BANNED,
        AuditEntry.Action.UNBANNED,
        AuditEntry.Action.HIDDEN,
        AuditEntry.Action.RESTORED,
    }
    return [
        {"at": e.at, "action": e.action, "about": e.target_repr, "why": e.remark, "until": e.until}
        for e in AuditEntry.objects.filter(target_user=user, action__in=people_actions).order_by(
            "at", "pk"
        )
    ]
