"""Profile pages: my dashboard, editing, email preferences, API tokens, downloading my data,
deleting my account, public profiles and the unsubscribe link from emails."""

from __future__ import annotations

import json
from typing import cast

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from solidair.accounts import services
from solidair.accounts.forms import (
    ApiTokenForm,
    DeleteAccountForm,
    NotificationsForm,
    ProfileForm,
)
from solidair.accounts.models import ApiToken, Profile, User
from solidair.accounts.privacy import export_personal_data
from solidair.accounts.tokens import create_api_token, revoke_api_token
from solidair.core.ratelimit import check_rate_limit
from solidair.core.viewhelpers import add_errors
from solidair.organisations.models import Membership


def _me(request: HttpRequest) -> User:
    return cast(User, request.user)


def get_own_profile(user: User) -> Profile:
    """The logged-in user's profile with what the pages show; created on the fly for
    accounts made outside sign-up (createsuperuser)."""
    profile = Profile.objects.with_details().filter(user=user).first()
    if profile is None:
        services.create_profile(user=user, display_name=user.email.split("@")[0][:60])
        profile = Profile.objects.with_details().get(user=user)
    return profile


def get_public_profile_or_404(pk: int) -> Profile:
    """The public profile of the active user `pk`, or 404."""
    return get_object_or_404(Profile.objects.public().with_details(), user_id=pk)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    own = get_own_profile(user)
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return render(
        request,
        "accounts/profile.html",
        {"profile": own, "memberships": memberships, "has_totp": has_totp},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    own = get_own_profile(user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_profile(
            user=user,
            display_name=data["display_name"],
            neighbourhood=data["neighbourhood"],
            languages=data["languages"],
            skills=data["skills"],
            bio=data["bio"],
            avatar=data.get("avatar"),
            remove_avatar=bool(data.get("remove_avatar")),
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    if request.method == "POST":
        # The form holds the submitted (rejected) values; the page shows the stored photo.
        own.refresh_from_db()
    return render(request, "accounts/profile_edit.html", {"form": form, "profile": own})


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    own = get_own_profile(user)
    form = NotificationsForm(request.POST or None, instance=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_notification_preferences(
            user=user,
            email_messages=data["email_messages"],
            email_suggestions=data["email_suggestions"],
            email_organisation_news=data["email_organisation_news"],
            preferred_language=data["preferred_language"],
        )
        messages.success(request, _("Your email preferences have been saved."))
        return redirect("accounts:notifications")
    return render(request, "accounts/notifications.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form = ApiTokenForm(request.POST or None)
    new_token: ApiToken | None = None
    raw_token = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            new_token, raw_token = create_api_token(user=user, name=form.cleaned_data["name"])
            # The raw token is shown in this response only (never stored, never redirected).
            form = ApiTokenForm()
        else:
            status = 400
    token_list = ApiToken.objects.for_user(user).filter(revoked_at__isnull=True)
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": token_list, "new_token": new_token, "raw_token": raw_token},
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    revoke_api_token(user=_me(request), token_id=pk)
    messages.success(request, _("The token has been revoked. It no longer works."))
    return redirect("accounts:tokens")


@never_cache
@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    """Everything the platform holds about me, as a JSON download."""
    user = _me(request)
    data = export_personal_data(user=user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="solidair-my-data-{stamp}.json"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form = DeleteAccountForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        # Guessing the password through this form is as slow as through the login form.
        check_rate_limit(request, group="accounts.delete", rate="5/15m", key="user")
        if form.is_valid():
            try:
                services.delete_account(user=user)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                logout(request)
                messages.success(
                    request, _("Your account and your personal data have been deleted.")
                )
                return redirect("core:home")
        status = 400
    owned = Membership.objects.filter(user=user, role=Membership.Role.OWNER).select_related(
        "organisation"
    )
    return render(request, "accounts/delete.html", {"form": form, "owned": owned}, status=status)


def person(request: HttpRequest, pk: int) -> HttpResponse:
    public = get_public_profile_or_404(pk)
    return render(request, "accounts/person.html", {"person": public})


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail clients POST without a CSRF token; the
# secret token in the URL is the credential, so a forged request achieves nothing.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        if services.unsubscribe_by_token(token=token) is None:
            raise Http404
        return render(request, "accounts/unsubscribe_done.html")
    get_object_or_404(Profile.objects.filter(unsubscribe_token=token))
    return render(request, "accounts/unsubscribe.html", {"token": token})
