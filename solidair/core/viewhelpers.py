"""Small helpers every app's views share: who is asking, whether htmx wants a fragment, how
a service's ValidationError reaches the person, and short shareable filter URLs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from solidair.accounts.models import User


def current_user(request: HttpRequest) -> User:
    """The signed-in user; only for views behind @login_required. Not an assert: asserts
    vanish under `python -O`, and an anonymous caller must never reach a service."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


def wants_fragment(request: HttpRequest) -> bool:
    """True when htmx asks for the partial of a page rather than the page."""
    htmx = getattr(request, "htmx", None)
    # A history restore (back button after hx-push-url) needs the whole page.
    return bool(htmx) and not getattr(htmx, "history_restore_request", False)


def add_errors(
    form: BaseForm,
    exc: ValidationError | PermissionDenied,
    *,
    aliases: dict[str, str] | None = None,
) -> None:
    """Show a service's refusal on the form: a ValidationError on the field when the form
    has it (after renaming through `aliases`), otherwise at the top; a PermissionDenied
    (a suspended person, say) at the top with what it says."""
    aliases = aliases or {}
    if isinstance(exc, PermissionDenied):
        form.add_error(None, refusal(exc))
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = aliases.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def error_message(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    """A service's refusal as a message on the next page (for POST-only actions)."""
    if isinstance(exc, PermissionDenied):
        messages.error(request, refusal(exc))
    else:
        messages.error(request, " ".join(exc.messages))


def run_action(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a POST-only action (one service call) and tell the person how it went on the next
    page: `success`, or the service's ValidationError. True when it was done."""
    try:
        action()
    except ValidationError as exc:
        error_message(request, exc)
        return False
    messages.success(request, success)
    return True


def url_without_empty_params(request: HttpRequest) -> str | None:
    """The requested URL without its empty parameters (a GET filter form sends every
    field), or None when it has none: lists redirect there so filter URLs stay short and
    shareable."""
    params = [(key, item) for key, items in request.GET.lists() for item in items]
    kept = [(key, value) for key, value in params if value.strip()]
    if len(kept) == len(params):
        return None
    query = urlencode(kept)
    return f"{request.path}?{query}" if query else request.path


def refusal(exc: PermissionDenied) -> str:
    """What a service's PermissionDenied says (a suspension says until when), for a form
    error or a message; a bare one becomes the general "no permission"."""
    return str(exc) or str(_("You do not have permission to do this."))
