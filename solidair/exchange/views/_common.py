"""Helpers the exchange views share (the general ones live in solidair.core.viewhelpers)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from solidair.core.viewhelpers import add_errors, current_user
from solidair.exchange import services
from solidair.exchange.forms import ReportForm


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
