"""Every write of moderation: reporting, holding for review, the moderators' decisions
(hide, restore, warn, suspend, ban, and lifting them) and closing reports. Each decision
adds rows to the audit log in the same transaction, and the people concerned are told in
their own language (an in-app notification and an email; a banned person only gets the
email, as they can no longer sign in)."""

from ._common import REMARK_MAX, SUSPENSION_MAX_DAYS, ContentAction, Sanction
from .people import act_on_person, lift_sanction
from .reports import Decision, decide_report, hold_for_review, report_content, restore_content

__all__ = [
    "REMARK_MAX",
    "SUSPENSION_MAX_DAYS",
    "ContentAction",
    "Decision",
    "Sanction",
    "act_on_person",
    "decide_report",
    "hold_for_review",
    "lift_sanction",
    "report_content",
    "restore_content",
]
