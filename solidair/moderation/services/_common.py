"""What the moderation services share: the choices of a decision, the remark rule and
writing the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import AuditEntry, Report
from ..registry import ContentKind, get_kind

if TYPE_CHECKING:
    from django.contrib.contenttypes.models import ContentType

    from solidair.accounts.models import User


REMARK_MAX = 1000
SUSPENSION_MAX_DAYS = 365


class Sanction:
    NONE = ""
    WARN = "warn"
    SUSPEND = "suspend"
    BAN = "ban"
    ALL = (NONE, WARN, SUSPEND, BAN)


class ContentAction:
    KEEP = ""
    HIDE = "hide"
    RESTORE = "restore"
    ALL = (KEEP, HIDE, RESTORE)


def _clean_remark(remark: str, *, required: bool, field: str = "remark") -> str:
    remark = (remark or "").strip()
    if required and not remark:
        raise ValidationError({field: _("Say why: the person concerned reads it.")})
    if len(remark) > REMARK_MAX:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": REMARK_MAX}})
    return remark


def _describe(kind: ContentKind, obj: Any) -> str:
    return f"{kind.label}: {kind.describe(obj)}"[:200]


def _audit(
    *,
    moderator: User | None,
    action: str,
    kind: ContentKind | None = None,
    obj: Any = None,
    target_user: User | None = None,
    report: Report | None = None,
    remark: str = "",
    until: Any = None,
) -> AuditEntry:
    target_type: ContentType | None
    target_id: int | None
    if kind is not None and obj is not None:
        target_type = kind.content_type
        target_id = obj.pk
        target_repr = _describe(kind, obj)
    elif target_user is not None:
        person = get_kind("person")
        target_type = person.content_type if person else None
        target_id = target_user.pk
        target_repr = f"{person.label if person else ''}: {target_user.display_name}"[:200]
    else:
        target_type, target_id, target_repr = None, None, ""
    return AuditEntry.objects.create(
        moderator=moderator,
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        target_user=target_user,
        report=report,
        remark=remark,
        until=until,
    )
