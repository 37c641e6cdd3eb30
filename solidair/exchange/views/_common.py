"""Helpers the exchange views share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from solidair.exchange import services
from solidair.exchange.forms import ReportForm

if TYPE_CHECKING:
    from solidair.accounts.models import User


def current_user(request: HttpRequest) -> User:
    # Only called behind @login_required.
    user = request.user
    assert user.is_authenticated
    return user


def wants_fragment(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    # A history restore (back button after hx-push-url) needs the whole page.
    return bool(htmx) and not getattr(htmx, "history_restore_request", False)


def add_errors(
    form: BaseForm, exc: ValidationError, *, aliases: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: on the field when the form has it
    (after renaming through `aliases`), otherwise at the top."""
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = aliases.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def error_message(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def report_page(
    request: HttpRequest,
    *,
    target: dict[str, Any],
    thanks: str,
    back_url: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The report form for a post or a message (`target` is `{"post": …}` or
    `{"message": …}`): on a valid POST the report is stored and the reporter goes back
    with `thanks`; otherwise the form (400 with its errors)."""
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_content(
                reporter=current_user(request),
                reason=form.cleaned_data["reason"],
                remark=form.cleaned_data["remark"],
                **target,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, thanks)
            return redirect(back_url)
    return render(
        request,
        "exchange/report.html",
        {"form": form, **context},
        status=400 if form.errors else 200,
    )
