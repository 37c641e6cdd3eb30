from django.contrib import admin

from .models import Article, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    # Editors work on the site itself (news:manage); the admin is for corrections.
    list_display = ("title", "status", "published_at", "organisation", "submitted_by_organisation")
    list_filter = ("status", "submitted_by_organisation", "tags")
    search_fields = ("title", "lead", "slug")
    raw_id_fields = ("author", "organisation", "reviewed_by")
    filter_horizontal = ("tags",)
    date_hierarchy = "created_at"
