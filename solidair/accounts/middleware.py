"""Staff must protect their account with an authenticator app (settings.STAFF_REQUIRE_MFA)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _


@cache
def _exempt_prefixes() -> tuple[str, ...]:
    # Everything needed to set up two-factor authentication (including re-entering the
    # password allauth asks for first) or to leave stays reachable; so do assets, the
    # language switch and the API, which authenticates by token and never sees the page.
    return (
        reverse("mfa_index"),
        reverse("account_reauthenticate"),
        reverse("account_logout"),
        settings.STATIC_URL,
        settings.MEDIA_URL,
        "/i18n/",
        reverse("core:set_language"),
        "/api/",
    )


def staff_needs_mfa(user: object) -> bool:
    """True when `user` is staff, the site requires two-factor authentication for staff, and
    they have no active authenticator app yet."""
    if not settings.STAFF_REQUIRE_MFA:
        return False
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_staff", False):
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(
        user_id=getattr(user, "pk", None), type=Authenticator.Type.TOTP
    ).exists()


class StaffMFAMiddleware:
    """Sends staff without an authenticator app to the activation page, whatever they ask
    for, until they have one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.STAFF_REQUIRE_MFA and request.path.startswith(_exempt_prefixes()) is False:
            user = getattr(request, "user", None)
            if staff_needs_mfa(user):
                messages.warning(
                    request,
                    _(
                        "Staff accounts must use two-factor authentication. "
                        "Activate an authenticator app to continue."
                    ),
                )
                return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
