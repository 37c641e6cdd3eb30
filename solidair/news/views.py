"""News pages: the list with its filters, an article, the feeds (feeds.py); the editors'
desk (write, schedule, update, unpublish, review submissions) and an organisation's
submission form.

Each view checks access on its first line and makes one service or queryset call.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.core.markdown import render_markdown
from solidair.core.pagecache import cache_anonymous_page
from solidair.core.ratelimit import check_rate_limit
from solidair.core.viewhelpers import (
    add_errors,
    current_user,
    error_message,
    run_action,
    url_without_empty_params,
    wants_fragment,
)
from solidair.organisations.acting import get_acting_organisation

from . import services
from .forms import (
    ArticleFilterForm,
    ArticleForm,
    PreviewForm,
    ReviewForm,
    SubmissionForm,
    initial_from_article,
)
from .models import Article
from .permissions import (
    can_submit_articles,
    get_article_for_editor_or_404,
    get_article_for_reader_or_404,
    get_submission_for_review_or_404,
    is_city_editor,
    require_city_editor,
    submittable_organisations,
)

PAGE_SIZE = 12
MANAGE_PAGE_SIZE = 25
# The editors' desk lists at most this many drafts and scheduled articles.
MANAGE_LIST_LIMIT = 50
# Submissions per person: an editor reads every one of them.
SUBMIT_RATE = "10/h"


# --- reading --------------------------------------------------------------------------------


@cache_anonymous_page()
@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    clean_url = url_without_empty_params(request)
    if clean_url is not None and not wants_fragment(request):
        return redirect(clean_url)
    form = ArticleFilterForm(request.GET or None)
    filters = form.filters()
    articles = Article.objects.published().filter_list(**filters).with_related()
    page_obj = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "news/list.html"
    if wants_fragment(request):
        template += "#results"
    response = render(
        request,
        template,
        {
            "form": form,
            "page_obj": page_obj,
            "articles": page_obj.object_list,
            "current_tag": filters.get("tag"),
            "can_submit": can_submit_articles(request.user),
            "is_editor": is_city_editor(request.user),
        },
    )
    if clean_url is not None:
        response["HX-Push-Url"] = clean_url
    patch_vary_headers(response, ["HX-Request"])
    return response


@cache_anonymous_page()
@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_reader_or_404(request.user, slug)
    return render(
        request,
        "news/detail.html",
        {
            "article": article,
            "tags": list(article.tags.all()),
            "is_editor": is_city_editor(request.user),
        },
    )


# --- the editors' desk ------------------------------------------------------------------------


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    require_city_editor(request.user)
    articles = Article.objects.with_related()
    published = Paginator(
        articles.published(with_hidden=True).newest_first(), MANAGE_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "news/manage.html",
        {
            "submitted": list(articles.submitted()[:MANAGE_LIST_LIMIT]),
            "scheduled": list(articles.scheduled().order_by("published_at", "pk")),
            "drafts": list(
                articles.filter(status__in=["draft", "unpublished"]).order_by("-updated_at", "-pk")[
                    :MANAGE_LIST_LIMIT
                ]
            ),
            "page_obj": published,
        },
    )


def _preview_html(form: Any) -> str | None:
    """The rendered text when the person pressed "Preview" (without JavaScript)."""
    if form.is_bound and "preview" in form.data:
        return render_markdown(str(form.data.get("body", "")))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    require_city_editor(request.user)
    form = ArticleForm(request.POST or None, request.FILES or None)
    preview = _preview_html(form)
    if request.method == "POST" and preview is None and form.is_valid():
        publish, moment = form.publish()
        try:
            article = services.create_article(
                by=current_user(request),
                data=form.article_data(form.cleaned_data.get("organisation")),
                publish=publish,
                publish_at=moment,
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _status_message(article))
            return redirect(article.get_absolute_url())
    return render(
        request,
        "news/form.html",
        {"form": form, "article": None, "preview": preview},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_article_for_editor_or_404(request.user, pk)
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        article=article,
        initial=initial_from_article(article),
    )
    preview = _preview_html(form)
    if request.method == "POST" and preview is None and form.is_valid():
        publish, moment = form.publish()
        if article.status in (Article.Status.SUBMITTED, Article.Status.REJECTED):
            # A submission is published through its review, not this form.
            publish_flag: bool | None = None
        else:
            publish_flag = publish
        organisation = form.cleaned_data.get("organisation", article.organisation)
        try:
            article = services.update_article(
                article=article,
                by=current_user(request),
                data=form.article_data(organisation),
                publish=publish_flag,
                publish_at=moment,
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _status_message(article))
            return redirect(article.get_absolute_url())
    return render(
        request,
        "news/form.html",
        {"form": form, "article": article, "preview": preview},
        status=400 if form.errors else 200,
    )


def _status_message(article: Article) -> str:
    if article.is_scheduled:
        return _("The article is saved and will be published at the chosen moment.")
    if article.is_live:
        return _("The article is published.")
    return _("The article is saved. Nobody but the editors can see it yet.")


@login_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_article_for_editor_or_404(request.user, pk)
    run_action(
        request,
        lambda: services.unpublish_article(article=article, by=current_user(request)),
        _("The article is offline. You can publish it again later."),
    )
    return redirect("news:edit", pk=article.pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_article_for_editor_or_404(request.user, pk)
    try:
        services.publish_article(article=article, by=current_user(request))
    except (ValidationError, PermissionDenied) as exc:
        error_message(request, exc)
        return redirect("news:edit", pk=article.pk)
    messages.success(request, _("The article is published."))
    return redirect(article.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_submission_for_review_or_404(request.user, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = current_user(request)
        data = form.cleaned_data
        try:
            if data["decision"] == ReviewForm.Decision.APPROVE:
                services.approve_article(
                    article=article,
                    by=user,
                    remark=data.get("remark") or "",
                    publish_at=data.get("published_at"),
                )
                messages.success(
                    request, _("The article is approved; the organisation is told by email.")
                )
            else:
                services.reject_article(article=article, by=user, remark=data["remark"])
                messages.success(
                    request, _("The article is refused; the organisation is told by email.")
                )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("news:manage")
    return render(
        request,
        "news/review.html",
        {"form": form, "article": article, "tags": list(article.tags.all())},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The Markdown of the form's text rendered by the same sanitiser as the article page
    (htmx; without JavaScript the form's own "Preview" button does this)."""
    user = request.user
    if not (is_city_editor(user) or can_submit_articles(user)):
        raise PermissionDenied
    form = PreviewForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return render(request, "news/includes/preview.html", {"preview": render_markdown(body)})


# --- organisations ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    organisations = submittable_organisations(request.user)
    if not organisations:
        return render(request, "news/submit_not_allowed.html", status=403)
    # The organisation the person acts for (header switcher) comes first.
    acting = get_acting_organisation(request)
    initial = {"organisation": acting.slug} if acting is not None else {}
    form = SubmissionForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations,
        initial=initial,
    )
    preview_html = _preview_html(form)
    if request.method == "POST" and preview_html is None and form.is_valid():
        check_rate_limit(request, group="news.submit", rate=SUBMIT_RATE)
        try:
            services.submit_article(
                by=current_user(request),
                organisation=form.chosen_organisation(),
                data=form.article_data(),
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. An editor reviews your article; you hear from us by email."),
            )
            return redirect("news:submissions")
    return render(
        request,
        "news/submit.html",
        {"form": form, "preview": preview_html},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def submissions(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.submitted_by_organisations_of(request.user).with_related()
    page_obj = Paginator(articles, MANAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "news/submissions.html",
        {"page_obj": page_obj, "can_submit": can_submit_articles(request.user)},
    )
