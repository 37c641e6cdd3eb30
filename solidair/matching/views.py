"""Pages of matching: all suggestions for one's post, saved searches (list, save from the
posts list, change, delete)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.core.viewhelpers import add_errors, current_user, error_message, run_action
from solidair.exchange.models import Post

from . import services
from .forms import SavedSearchForm, SaveSearchForm
from .models import SavedSearch
from .permissions import get_post_for_suggestions_or_404, get_saved_search_for_owner_or_404
from .presenters import suggestion_cards

ALL_SUGGESTIONS = 20


@login_required
@require_GET
def post_matches(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_suggestions_or_404(request.user, pk)
    cards = suggestion_cards(post, viewer=current_user(request), limit=ALL_SUGGESTIONS)
    return render(request, "matching/post_matches.html", {"post": post, "cards": cards})


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int, suggested_pk: int) -> HttpResponse:
    post = get_post_for_suggestions_or_404(request.user, pk)
    suggested = Post.objects.filter(pk=suggested_pk).first()
    if suggested is None:
        raise Http404
    try:
        services.dismiss_suggestion(post=post, suggested=suggested, by=current_user(request))
    except ValidationError as exc:
        error_message(request, exc)
    else:
        messages.success(
            request, _("“%(title)s” is no longer suggested.") % {"title": suggested.title}
        )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(post.get_absolute_url())


def _list_url(query: str) -> str:
    base = reverse("exchange:list")
    return f"{base}?{query}" if query else base


@login_required
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    saved = list(SavedSearch.objects.filter(user=user).order_by("name", "pk"))
    rows = [
        {
            "search": s,
            "url": _list_url(s.query),
            "form": SavedSearchForm(
                initial={"name": s.name, "frequency": s.frequency}, prefix=f"s{s.pk}"
            ),
        }
        for s in saved
    ]
    return render(
        request,
        "matching/alerts.html",
        {"rows": rows, "limit": services.MAX_SAVED_SEARCHES},
    )


@login_required
@require_http_methods(["GET", "POST"])
def alert_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if request.method == "POST":
        form = SaveSearchForm(request.POST)
    else:
        form = SaveSearchForm(initial={"query": services.normalise_query(request.GET.urlencode())})
    query = services.normalise_query(str(form["query"].value() or ""))
    filters = services.filters_of(query) if query else {}
    if request.method == "POST" and form.is_valid():
        try:
            services.save_search(
                user=user,
                query=form.cleaned_data["query"],
                frequency=form.cleaned_data["frequency"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Search saved. We tell you about new posts that fit it."),
            )
            return redirect("matching:alerts")
    context: dict[str, Any] = {
        "form": form,
        "query": query,
        "list_url": _list_url(query),
        "has_filters": bool(filters),
        "default_name": services.default_name(filters) if filters else "",
    }
    return render(request, "matching/alert_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def alert_update(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_saved_search_for_owner_or_404(request.user, pk)
    form = SavedSearchForm(request.POST, prefix=f"s{saved.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the search a name and choose how often."))
        return redirect("matching:alerts")
    run_action(
        request,
        lambda: services.update_saved_search(
            saved_search=saved,
            user=current_user(request),
            frequency=form.cleaned_data["frequency"],
            name=form.cleaned_data["name"],
        ),
        _("Saved search changed."),
    )
    return redirect("matching:alerts")


@login_required
@require_POST
def alert_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_saved_search_for_owner_or_404(request.user, pk)
    services.delete_saved_search(saved_search=saved, user=current_user(request))
    messages.success(request, _("Saved search deleted."))
    return redirect("matching:alerts")
