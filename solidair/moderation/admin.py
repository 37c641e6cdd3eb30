"""Reports and the audit log in the admin site, read-only: moderators decide in the
moderation pages (/moderation/), where every decision is logged and people are told."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEntry, Report


class _ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(_ReadOnly):
    list_display = ("__str__", "reason", "status", "created_at", "closed_at")
    list_filter = ("status", "reason", "target_type")
    date_hierarchy = "created_at"


@admin.register(AuditEntry)
class AuditEntryAdmin(_ReadOnly):
    list_display = ("at", "moderator", "action", "target_repr", "remark")
    list_filter = ("action",)
    date_hierarchy = "at"
    search_fields = ("target_repr", "remark")
