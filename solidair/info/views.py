"""The volunteer information point: the tree of information pages, the training overview
(upcoming training events of the calendar), the bundled volunteer vacancies, and the
editors' pages to keep the pages and the allowance ceilings up to date.

Each view checks access on its first line and makes one service or queryset call.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.activities.querysets import upcoming_occurrences
from solidair.core.pagecache import cache_anonymous_page
from solidair.core.viewhelpers import (
    add_errors,
    current_user,
    url_without_empty_params,
    wants_fragment,
)

from . import services
from .forms import CeilingsForm, PageForm, VacancyFilterForm, initial_from_page
from .models import AllowanceCeilings, InfoPage
from .permissions import (
    get_ceilings_for_editor_or_404,
    get_page_for_editor_or_404,
    get_page_for_reader_or_404,
    is_info_editor,
    require_info_editor,
)
from .querysets import REVIEW_AFTER_DAYS, build_tree
from .rendering import render_page_body, uses_allowances
from .vacancies import vacancies

VACANCIES_PAGE_SIZE = 20
TRAININGS_LIMIT = 60


# --- reading ----------------------------------------------------------------------------------


@cache_anonymous_page()
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    pages = list(InfoPage.objects.visible_to(request.user).in_order())
    return render(
        request,
        "info/index.html",
        {
            "tree": build_tree(pages),
            "trainings": upcoming_occurrences(request.user, types=["training"], limit=3),
            "is_editor": is_info_editor(request.user),
        },
    )


@cache_anonymous_page()
@require_GET
def page_detail(request: HttpRequest, path: str) -> HttpResponse:
    page = get_page_for_reader_or_404(request.user, path)
    # The whole (small) tree in one query: breadcrumbs, sub-pages and the side menu.
    pages = list(InfoPage.objects.visible_to(request.user).in_order())
    by_path = {p.path: p for p in pages}
    parts = page.path.split("/")
    breadcrumbs = [
        by_path[p] for p in ("/".join(parts[:i]) for i in range(1, len(parts))) if p in by_path
    ]
    ceilings = AllowanceCeilings.objects.current() if uses_allowances(page.body) else None
    return render(
        request,
        "info/page.html",
        {
            "page": page,
            "body_html": render_page_body(page.body, ceilings),
            "ceilings": ceilings,
            "uses_allowances": uses_allowances(page.body),
            "current_year": timezone.localdate().year,
            "breadcrumbs": breadcrumbs,
            "children": [p for p in pages if p.parent_id == page.pk],
            "tree": build_tree(pages),
            "is_editor": is_info_editor(request.user),
        },
    )


@cache_anonymous_page()
@require_GET
def trainings(request: HttpRequest) -> HttpResponse:
    occurrences = upcoming_occurrences(request.user, types=["training"], limit=TRAININGS_LIMIT)
    return render(
        request,
        "info/trainings.html",
        {"occurrences": occurrences, "limit": TRAININGS_LIMIT},
    )


@cache_anonymous_page()
@require_GET
def vacancy_list(request: HttpRequest) -> HttpResponse:
    clean_url = url_without_empty_params(request)
    if clean_url is not None and not wants_fragment(request):
        return redirect(clean_url)
    form = VacancyFilterForm(request.GET or None)
    posts = vacancies(**form.filters())
    page_obj = Paginator(posts, VACANCIES_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "info/vacancies.html"
    if wants_fragment(request):
        template += "#results"
    response = render(
        request,
        template,
        {"form": form, "page_obj": page_obj, "posts": page_obj.object_list},
    )
    if clean_url is not None:
        response["HX-Push-Url"] = clean_url
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- editors ----------------------------------------------------------------------------------


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    require_info_editor(request.user)
    pages = list(InfoPage.objects.in_order())
    review_before = timezone.localdate() - timedelta(days=REVIEW_AFTER_DAYS)
    return render(
        request,
        "info/manage.html",
        {
            "tree": build_tree(pages),
            "review_before": review_before,
            "ceilings": list(AllowanceCeilings.objects.order_by("-year")[:10]),
            "current": AllowanceCeilings.objects.current(),
            "current_year": timezone.localdate().year,
        },
    )


def _preview(form: PageForm) -> str | None:
    if form.is_bound and "preview" in form.data:
        return render_page_body(str(form.data.get("body", "")), AllowanceCeilings.objects.current())
    return None


@login_required
@require_http_methods(["GET", "POST"])
def page_create(request: HttpRequest) -> HttpResponse:
    require_info_editor(request.user)
    initial = {}
    parent = request.GET.get("parent", "")
    if parent.isdigit():
        initial["parent"] = int(parent)
    form = PageForm(request.POST or None, initial=initial)
    preview = _preview(form)
    if request.method == "POST" and preview is None and form.is_valid():
        try:
            page = services.create_page(by=current_user(request), data=form.page_data())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The page is saved."))
            return redirect(page.get_absolute_url())
    return render(
        request,
        "info/form.html",
        {"form": form, "page": None, "preview": preview},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def page_edit(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_page_for_editor_or_404(request.user, pk)
    form = PageForm(request.POST or None, page=page, initial=initial_from_page(page))
    preview = _preview(form)
    if request.method == "POST" and preview is None and form.is_valid():
        try:
            page = services.update_page(page=page, by=current_user(request), data=form.page_data())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The page is saved."))
            return redirect(page.get_absolute_url())
    return render(
        request,
        "info/form.html",
        {"form": form, "page": page, "preview": preview},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def page_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_page_for_editor_or_404(request.user, pk)
    services.mark_page_reviewed(page=page, by=current_user(request))
    messages.success(request, _("Marked as reviewed today."))
    return redirect(page.get_absolute_url())


@login_required
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The page text rendered as the page will show it, amounts filled in (htmx)."""
    if not is_info_editor(request.user):
        raise PermissionDenied
    body = request.POST.get("body", "")[:50000]
    html = render_page_body(body, AllowanceCeilings.objects.current())
    return render(request, "news/includes/preview.html", {"preview": html})


@login_required
@require_http_methods(["GET", "POST"])
def ceilings_create(request: HttpRequest) -> HttpResponse:
    require_info_editor(request.user)
    return _ceilings_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def ceilings_edit(request: HttpRequest, year: int) -> HttpResponse:
    ceilings = get_ceilings_for_editor_or_404(request.user, year)
    return _ceilings_form(request, ceilings)


def _ceilings_form(request: HttpRequest, ceilings: AllowanceCeilings | None) -> HttpResponse:
    form = CeilingsForm(request.POST or None, instance=ceilings)
    if request.method == "POST" and form.is_valid():
        year = ceilings.year if ceilings is not None else form.cleaned_data["year"]
        try:
            services.save_allowance_ceilings(
                by=current_user(request), year=year, data=form.ceilings_data()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The ceilings of %(year)s are saved.") % {"year": year})
            return redirect("info:manage")
    return render(
        request,
        "info/ceilings_form.html",
        {"form": form, "ceilings": ceilings},
        status=400 if form.errors else 200,
    )
