"""Reporting (anyone signed in) and the moderators' workplace: the queue, a report in
context with the decision form, a person's record, and the audit log with its export."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.accounts.models import User
from solidair.core.ratelimit import check_rate_limit
from solidair.core.viewhelpers import add_errors, current_user

from . import services
from .forms import (
    AuditFilterForm,
    DecisionForm,
    PersonActionForm,
    QueueFilterForm,
    RemarkForm,
    ReportForm,
)
from .models import AuditEntry, Report
from .permissions import require_moderator
from .registry import ContentKind, get_kind, kind_for_content_type, kinds

PAGE_SIZE = 25


def _moderator(request: HttpRequest) -> User:
    user = current_user(request)
    require_moderator(user)
    return user


# --- reporting --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    user = current_user(request)
    content_kind = get_kind(kind)
    target = content_kind.get(pk) if content_kind is not None else None
    if content_kind is None or target is None or not content_kind.can_see(user, target):
        raise Http404
    back = content_kind.url(target)
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        check_rate_limit(request, group="moderation.report", rate=settings.REPORT_RATE)
        if form.is_valid():
            try:
                services.report_content(
                    reporter=user,
                    kind=kind,
                    pk=pk,
                    reason=form.cleaned_data["reason"],
                    remark=form.cleaned_data["remark"],
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. The moderators will look at it; you hear from us when "
                        "they have decided. Nobody else learns who reported it."
                    ),
                )
                return redirect(back)
    return render(
        request,
        "moderation/report.html",
        {
            "form": form,
            "kind": content_kind,
            "target_name": content_kind.describe(target),
            "excerpt": content_kind.excerpt(target),
            "back_url": back,
        },
        status=400 if form.errors else 200,
    )


# --- the queue --------------------------------------------------------------------------------


def _kind_choices() -> list[tuple[str, str]]:
    return [(key, str(kind.label)) for key, kind in kinds().items()]


def _attach_targets(reports: list[Report]) -> None:
    """Load every report's target with one query per kind of content on the page."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for each in reports:
        wanted[each.target_type_id].add(each.target_id)
    found: dict[tuple[int, int], Any] = {}
    obj: Any
    kind_of: dict[int, ContentKind | None] = {}
    for type_id, ids in wanted.items():
        kind = kind_for_content_type(type_id)
        kind_of[type_id] = kind
        if kind is None:
            continue
        for obj in kind.model_class._base_manager.filter(pk__in=ids):
            found[(type_id, obj.pk)] = obj
    for each in reports:
        kind = kind_of.get(each.target_type_id)
        obj = found.get((each.target_type_id, each.target_id))
        each.kind = kind  # type: ignore[attr-defined]
        each.target = obj  # type: ignore[attr-defined]
        each.target_name = kind.describe(obj) if kind and obj is not None else ""  # type: ignore[attr-defined]


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    form = QueueFilterForm(request.GET or None, kinds=_kind_choices())
    filters: dict[str, str] = {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    reports = Report.objects.queue(**filters)
    page_obj = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    page = list(page_obj.object_list)
    _attach_targets(page)
    return render(
        request,
        "moderation/queue.html",
        {
            "form": form,
            "page_obj": page_obj,
            "reports": page,
            "open_count": Report.objects.open().count(),
        },
    )


def _report_context(
    request: HttpRequest, report_obj: Report, form: DecisionForm | None = None
) -> dict[str, Any]:
    kind = kind_for_content_type(report_obj.target_type_id)
    target = kind.get(report_obj.target_id) if kind is not None else None
    hideable = bool(kind and kind.hideable and target is not None)
    hidden = bool(hideable and target is not None and target.hidden_at is not None)
    others = (
        Report.objects.about(report_obj.target_type, report_obj.target_id)
        .exclude(pk=report_obj.pk)
        .select_related("reporter__profile")
        .order_by("-created_at", "-pk")[:20]
    )
    person = report_obj.target_user
    history = (
        AuditEntry.objects.filter(target_user=person).select_related("moderator__profile")[:10]
        if person is not None
        else []
    )
    return {
        "report": report_obj,
        "kind": kind,
        "target": target,
        "target_name": kind.describe(target) if kind and target is not None else "",
        "excerpt": kind.excerpt(target) if kind and target is not None else "",
        "target_url": kind.url(target) if kind and target is not None else "",
        "hidden": hidden,
        "held": bool(getattr(target, "held_reason", "")),
        "others": list(others),
        "person": person,
        "history": list(history),
        "earlier_reports": (
            Report.objects.filter(target_user=person).exclude(pk=report_obj.pk).count()
            if person is not None
            else 0
        ),
        "restore_form": RemarkForm(auto_id="id_restore_%s"),
        "form": form
        or DecisionForm(
            hideable=hideable,
            hidden=hidden,
            initial={"content": "", "sanction": ""},
        ),
    }


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    report_obj = get_object_or_404(
        Report.objects.select_related(
            "reporter__profile", "target_user__profile", "closed_by__profile", "target_type"
        ),
        pk=pk,
    )
    return render(request, "moderation/report_detail.html", _report_context(request, report_obj))


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _moderator(request)
    report_obj = get_object_or_404(
        Report.objects.select_related("reporter__profile", "target_user__profile", "target_type"),
        pk=pk,
    )
    context = _report_context(request, report_obj)
    form = DecisionForm(
        request.POST,
        hideable=bool(context["kind"] and context["kind"].hideable and context["target"]),
        hidden=context["hidden"],
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            closed = services.decide_report(
                moderator=moderator,
                report=report_obj,
                decision=services.Decision(
                    content=data["content"] or "",
                    sanction=data["sanction"] or "",
                    days=data["days"],
                    remark=data["remark"],
                ),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Decision recorded; %(n)s report(s) closed and the people concerned told.")
                % {"n": len(closed)},
            )
            return redirect("moderation:queue")
    context["form"] = form
    return render(request, "moderation/report_detail.html", context, status=400)


@login_required
@require_POST
def restore(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    moderator = _moderator(request)
    form = RemarkForm(request.POST)
    back = request.POST.get("next", "")
    if not back.startswith("/moderation/"):
        back = "/moderation/log/"
    if not form.is_valid():
        messages.error(request, _("Say why you show it again."))
        return redirect(back)
    try:
        services.restore_content(
            moderator=moderator, kind=kind, pk=pk, remark=form.cleaned_data["remark"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("It is visible again."))
    return redirect(back)


# --- people -----------------------------------------------------------------------------------


def _person_context(
    person: User, form: PersonActionForm | None = None, lift_form: RemarkForm | None = None
) -> dict[str, Any]:
    reports = list(
        Report.objects.filter(target_user=person)
        .select_related("target_type", "reporter__profile")
        .order_by("-created_at", "-pk")[:25]
    )
    _attach_targets(reports)
    return {
        "person": person,
        "reports": reports,
        "report_count": Report.objects.filter(target_user=person).count(),
        "history": list(
            AuditEntry.objects.filter(target_user=person).select_related("moderator__profile")[:50]
        ),
        "form": form or PersonActionForm(initial={"days": 7}),
        "lift_form": lift_form or RemarkForm(),
    }


def _person_or_404(pk: int) -> User:
    return get_object_or_404(User.objects.select_related("profile"), pk=pk)


@login_required
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    return render(request, "moderation/person.html", _person_context(_person_or_404(pk)))


@login_required
@require_POST
def person_act(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _moderator(request)
    target = _person_or_404(pk)
    if "lift" in request.POST:
        lift_form = RemarkForm(request.POST)
        if lift_form.is_valid():
            try:
                lifted = services.lift_sanction(
                    moderator=moderator, user=target, remark=lift_form.cleaned_data["remark"]
                )
            except ValidationError as exc:
                add_errors(lift_form, exc)
            else:
                if lifted:
                    messages.success(request, _("Lifted. The person has been told."))
                else:
                    messages.info(request, _("There was nothing to lift."))
                return redirect("moderation:person", pk=target.pk)
        context = _person_context(target, lift_form=lift_form)
        return render(request, "moderation/person.html", context, status=400)
    form = PersonActionForm(request.POST)
    if form.is_valid():
        try:
            services.act_on_person(
                moderator=moderator,
                user=target,
                sanction=form.cleaned_data["sanction"],
                days=form.cleaned_data["days"],
                remark=form.cleaned_data["remark"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Done. The person has been told."))
            return redirect("moderation:person", pk=target.pk)
    return render(request, "moderation/person.html", _person_context(target, form=form), status=400)


# --- the audit log ----------------------------------------------------------------------------


def _filtered_log(request: HttpRequest) -> tuple[AuditFilterForm, Any]:
    form = AuditFilterForm(request.GET or None)
    filters: dict[str, str] = {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    return form, AuditEntry.objects.listing(**filters)


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    form, entries = _filtered_log(request)
    page_obj = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/log.html",
        {
            "form": form,
            "page_obj": page_obj,
            "entries": page_obj.object_list,
            "export_url": _export_url(request),
        },
    )


def _export_url(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    url = reverse("moderation:log_export")
    return f"{url}?{query}" if query else url


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> str:
    # Spreadsheet programs run cells that start with these as formulas.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
@require_GET
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    _moderator(request)
    _, entries = _filtered_log(request)
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(
            ["when", "moderator", "action", "about", "person", "report", "why", "until"]
        )
        for entry in entries.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    _csv_cell(entry.at.isoformat()),
                    _csv_cell(entry.moderator.display_name if entry.moderator else "system"),
                    _csv_cell(entry.action),
                    _csv_cell(entry.target_repr),
                    _csv_cell(entry.target_user.display_name if entry.target_user else ""),
                    _csv_cell(entry.report_id or ""),
                    _csv_cell(entry.remark),
                    _csv_cell(entry.until.isoformat() if entry.until else ""),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="moderation-log-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
