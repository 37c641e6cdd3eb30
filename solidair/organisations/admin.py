"""The admin site for city staff: verify or reject organisations (through the services,
so owners are told by email), look at members and invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .forms import RejectForm
from .models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug", "status", "neighbourhood", "created_at"]
    list_filter = ["status", "sectors", "target_groups", "neighbourhood"]
    search_fields = ["name", "slug", "description", "contact_email"]
    date_hierarchy = "created_at"
    ordering = ["status", "name"]
    filter_horizontal = ["sectors", "target_groups"]
    # Verification goes through the actions: they keep status and dates consistent and
    # tell the owner.
    readonly_fields = ["status", "status_remark", "verified_at", "verified_by", "created_at"]
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["verify", "reject"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organisation]:
        return super().get_queryset(request).select_related("neighbourhood")

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        count = 0
        for organisation in queryset:
            try:
                services.verify_organisation(organisation=organisation, by=request.user)  # type: ignore[arg-type]
            except PermissionDenied:
                self.message_user(request, _("You may not verify organisations."), messages.ERROR)
                return
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d organisation verified.", "%(count)d organisations verified.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject the selected organisations (asks for a remark)"))
    def reject(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> HttpResponse | None:
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            count = 0
            for organisation in queryset:
                try:
                    services.reject_organisation(
                        organisation=organisation,
                        by=request.user,  # type: ignore[arg-type]
                        remark=form.cleaned_data["remark"],
                    )
                except (PermissionDenied, ValidationError):
                    self.message_user(
                        request, _("You may not reject organisations."), messages.ERROR
                    )
                    return None
                count += 1
            self.message_user(
                request,
                ngettext(
                    "%(count)d organisation rejected.", "%(count)d organisations rejected.", count
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "title": _("Reject organisations"),
            "organisations": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "organisations/admin_reject.html", context)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["organisation", "user", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "user__email", "user__profile__display_name"]
    raw_id_fields = ["organisation", "user"]
    list_select_related = ["organisation", "user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ["organisation", "email", "role", "created_at", "expires_at", "state"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "email"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]
    list_select_related = ["organisation"]
    # The token is the invitee's key: staff have no reason to read it.
    exclude = ["token"]
    readonly_fields = ["accepted_at", "accepted_by", "revoked_at", "declined_at", "created_at"]

    @admin.display(description=_("state"))
    def state(self, obj: Invitation) -> str:
        if obj.accepted_at:
            return str(_("accepted"))
        if obj.revoked_at:
            return str(_("revoked"))
        if obj.declined_at:
            return str(_("declined"))
        return str(_("open")) if obj.is_open else str(_("expired"))
