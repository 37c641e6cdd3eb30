"""Admin for people: users (identified by email), their profiles and API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from solidair.accounts.models import ApiToken, Profile, User


class ProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = Profile
    can_delete = False
    fk_name = "user"
    filter_horizontal = ["languages"]
    readonly_fields = ["updated_at"]
    exclude = ["unsubscribe_token"]


class EmailUserChangeForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


class EmailUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    inlines = [ProfileInline]
    list_display = [
        "email",
        "display_name_column",
        "is_staff",
        "is_active",
        "date_joined",
        "last_login",
    ]
    list_filter = ["is_staff", "is_active", "is_superuser", "groups"]
    search_fields = ["email", "profile__display_name"]
    ordering = ["email"]
    readonly_fields = ["date_joined", "last_login"]
    list_select_related = ["profile"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )

    @admin.display(description=_("display name"), ordering="profile__display_name")
    def display_name_column(self, obj: User) -> str:
        return obj.display_name


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["display_name", "user", "neighbourhood", "preferred_language", "updated_at"]
    list_filter = ["preferred_language", "neighbourhood", "email_messages", "email_suggestions"]
    search_fields = ["display_name", "user__email"]
    list_select_related = ["user", "neighbourhood"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["languages"]
    readonly_fields = ["updated_at"]
    exclude = ["unsubscribe_token"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Tokens are created by their owners; staff can only look and revoke (by setting
    `revoked`). The hash is shown read-only: it cannot be turned back into a token."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "name", "prefix", "key_hash", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
