from django.contrib import admin

from .models import Dismissal, Notice, SavedSearch, SentEmail


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin[SavedSearch]):
    list_display = ["name", "user", "frequency", "created_at"]
    list_filter = ["frequency"]
    raw_id_fields = ["user"]
    readonly_fields = ["kind", "nature", "category"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin[Notice]):
    list_display = ["post", "user", "source", "score", "email", "created_at"]
    list_filter = ["source", "email"]
    raw_id_fields = ["user", "post", "for_post", "saved_search"]


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin[SentEmail]):
    list_display = ["user", "sent_at", "notice_count"]
    raw_id_fields = ["user"]


@admin.register(Dismissal)
class DismissalAdmin(admin.ModelAdmin[Dismissal]):
    list_display = ["post", "suggested", "user", "created_at"]
    raw_id_fields = ["post", "suggested", "user"]
