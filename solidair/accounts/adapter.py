"""allauth hooks: profile creation at sign-up and emails sent through the task queue."""

from __future__ import annotations

import datetime
from typing import Any, cast

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from solidair.accounts import services
from solidair.accounts.models import Profile, User

_PLAIN = (str, int, float, bool, type(None))


def plain_email_context(context: dict[str, Any]) -> dict[str, Any]:
    """allauth's email context, reduced to values that can travel through the task queue.

    The request and the site are dropped (the worker has its own); a user becomes
    ``user_id``; dates become ISO strings under the same key."""
    plain: dict[str, Any] = {}
    for key, value in context.items():
        if key in {"request", "current_site"}:
            continue
        if isinstance(value, AbstractBaseUser):
            plain["user_id"] = value.pk
        elif isinstance(value, Promise):
            plain[key] = str(value)
        elif isinstance(value, datetime.datetime):
            plain[key] = value.isoformat()
        elif isinstance(value, _PLAIN):
            plain[key] = value
        elif isinstance(value, Model):
            # EmailConfirmation and friends: the templates only use the key and URLs,
            # which allauth also passes as plain values.
            continue
        else:
            plain[key] = str(value)
    return plain


def recipient_language(email: str, user_id: int | None = None) -> str:
    """The language to write to `email` in: the owner's preference if we know them, else
    the language the current page is shown in."""
    profile_filter: dict[str, Any] = (
        {"user_id": user_id} if user_id else {"user__email__iexact": email}
    )
    preferred = (
        Profile.objects.filter(**profile_filter)
        .values_list("preferred_language", flat=True)
        .first()
    )
    language = preferred or translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def user_display(user: Any) -> str:
    """How allauth names a user in pages and messages: the display name, never the email."""
    return str(getattr(user, "display_name", "")) or str(_("Solidair member"))


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render and send allauth's emails in the background, in the recipient's language
        (allauth's own template names: account/email/<name>_subject.txt and so on)."""
        from solidair.accounts.tasks import send_allauth_email_task

        plain = plain_email_context(context)
        send_allauth_email_task.enqueue(
            template_prefix=template_prefix,
            email=email,
            context=plain,
            language=recipient_language(email, plain.get("user_id")),
        )

    def save_user(
        self,
        request: HttpRequest,
        user: AbstractBaseUser,
        form: BaseForm,
        commit: bool = True,
    ) -> AbstractBaseUser:
        """Create the user and, with the display name asked on the sign-up form, their
        profile (emails go out in the language the person signed up in)."""
        saved = super().save_user(request, user, form, commit=commit)
        if commit and isinstance(saved, User):
            services.create_profile(
                user=saved,
                display_name=form.cleaned_data.get("display_name") or "",
                preferred_language=translation.get_language(),
            )
        return cast(AbstractBaseUser, saved)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Past settings.LOGIN_ATTEMPTS_LIMIT failures for one address, answer with the
        site's 429 page instead of a form error: the lockout is a rate limit."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as exc:
            if exc.code == "too_many_login_attempts":
                from solidair.core.views import rate_limited

                raise ImmediateHttpResponse(rate_limited(request)) from exc
            raise

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        """After confirming an address: to my profile when logged in (a new account is
        logged in by the confirmation), else to the login page."""
        if self.request.user.is_authenticated:
            return reverse("accounts:profile")
        return reverse("account_login")
