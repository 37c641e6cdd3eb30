"""Admin site: staff see posts and, above all, the reports people file (the moderation
app will act on them; until then staff resolve them here)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Match, Post, PostPhoto


class PostPhotoInline(admin.TabularInline[PostPhoto, Post]):
    model = PostPhoto
    extra = 0
    fields = ("image", "alt_text", "position")


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ("title", "kind", "nature", "category", "status", "published_at", "expires_at")
    list_filter = ("status", "kind", "nature", "category", "neighbourhood")
    search_fields = ("title",)
    date_hierarchy = "created_at"
    raw_id_fields = ("author", "organisation")
    readonly_fields = ("created_at", "published_at", "updated_at", "search_document")
    filter_horizontal = ("languages", "target_groups")
    inlines = [PostPhotoInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Post]:
        return super().get_queryset(request).select_related("category")


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin[Match]):
    list_display = ("__str__", "created_at", "asked_at", "poster_answer", "responder_answer")
    list_filter = ("poster_answer", "responder_answer")
    raw_id_fields = ("post", "response", "conversation", "counterpart", "accepted_by")
