"""Admin site: staff look up events, their dates and registrations. The schedule and the
registrations are read-only here: they change only through the services (which keep the
occurrences, the waiting list and the emails right); staff act on events as moderators."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Event, Occurrence, Registration


class OccurrenceInline(admin.TabularInline[Occurrence, Event]):
    model = Occurrence
    extra = 0
    fields = ("day", "starts_at", "ends_at", "cancelled_at", "cancel_reason")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    list_display = (
        "title",
        "type",
        "organisation",
        "starts_at",
        "recurrence",
        "capacity",
        "status",
    )
    list_filter = ("type", "status", "neighbourhood")
    search_fields = ("title",)
    date_hierarchy = "starts_at"
    raw_id_fields = ("author", "organisation")
    readonly_fields = (
        "uid",
        "starts_at",
        "ends_at",
        "all_day",
        "recurrence",
        "exdates",
        "capacity",
        "created_at",
        "updated_at",
        "sequence",
        "search_document",
    )
    filter_horizontal = ("languages", "target_groups")
    inlines = [OccurrenceInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # announcing goes through the site (services.create_event)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return super().get_queryset(request).select_related("organisation")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin[Registration]):
    list_display = ("__str__", "status", "created_at", "promoted_at", "reminded_at")
    list_filter = ("status",)
    raw_id_fields = ("occurrence", "user")
    readonly_fields = ("occurrence", "user", "status", "created_at", "promoted_at", "reminded_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Registration]:
        return super().get_queryset(request).select_related("occurrence")
