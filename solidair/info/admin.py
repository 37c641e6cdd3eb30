from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .models import AllowanceCeilings, InfoPage


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin[InfoPage]):
    # Editors keep the pages on the site (info:manage), which also keeps `path` right;
    # the admin is read-mostly.
    list_display = ("path", "title", "position", "is_published", "last_reviewed_on")
    list_filter = ("is_published",)
    search_fields = ("title", "path")
    readonly_fields = ("path", "parent", "slug")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A page's path is derived from its place in the tree by the services.
        return False


@admin.register(AllowanceCeilings)
class AllowanceCeilingsAdmin(admin.ModelAdmin[AllowanceCeilings]):
    list_display = ("year", "daily_flat_rate", "yearly_flat_rate", "kilometre_rate")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
