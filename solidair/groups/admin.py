"""The admin site lists groups for support (rename, fix a slug, delete an abusive group).
Memberships, invitations and discussions are deliberately not registered: a closed group's
member list and content are for its members, also towards city staff."""

from __future__ import annotations

from django.contrib import admin

from .models import Group


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin[Group]):
    list_display = ("name", "slug", "visibility", "theme", "neighbourhood", "created_at")
    list_filter = ("visibility", "theme")
    search_fields = ("name", "slug")
    readonly_fields = ("created_at", "updated_at", "created_by")
    raw_id_fields = ("organisation",)
