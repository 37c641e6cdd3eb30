"""Site-wide pages: home, privacy statement, terms of use, and the error views."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from solidair.activities.querysets import upcoming_occurrences
from solidair.exchange.models import Match, Post
from solidair.news.models import Article
from solidair.organisations.models import Organisation

from .pagecache import cache_anonymous_page

# How many newly verified organisations and newest requests/offers the home page shows.
HOME_NEWEST_ORGANISATIONS = 6
HOME_NEWEST_POSTS = 6
HOME_LATEST_NEWS = 3
HOME_NEXT_EVENTS = 4


@cache_anonymous_page()
def home(request: HttpRequest) -> HttpResponse:
    newest = (
        Organisation.objects.public()
        .verified()
        .select_related("neighbourhood")
        .prefetch_related("sectors")
        .order_by("-verified_at", "-pk")[:HOME_NEWEST_ORGANISATIONS]
    )
    newest_posts = (
        Post.objects.public().with_related().order_by("-published_at", "-pk")[:HOME_NEWEST_POSTS]
    )
    latest_news = Article.objects.published().with_related().newest_first()[:HOME_LATEST_NEWS]
    # Anonymous visitors share this cached page: everything on it is public and "today"
    # (the figures and events are at most ANONYMOUS_PAGE_CACHE_SECONDS old).
    next_events = upcoming_occurrences(request.user, limit=HOME_NEXT_EVENTS)
    return render(
        request,
        "core/home.html",
        {
            "newest_organisations": newest,
            "newest_posts": newest_posts,
            "latest_news": latest_news,
            "next_events": next_events,
            "figures": _headline_figures(),
        },
    )


# The headline figures are the same for everyone and need not be exact to the second: they
# are computed at most once per HOME_FIGURES_SECONDS (per process without Redis).
HOME_FIGURES_SECONDS = 300


def _headline_figures() -> dict[str, int]:
    """Open requests, open offers and the matches recorded this calendar month, from the
    cache when they were counted less than HOME_FIGURES_SECONDS ago."""
    key = f"home:figures:{timezone.localdate().isoformat()}"
    figures: dict[str, int] | None = cache.get(key)
    if figures is None:
        figures = _count_headline_figures()
        cache.set(key, figures, HOME_FIGURES_SECONDS)
    return figures


def _count_headline_figures() -> dict[str, int]:
    """One query for the posts, one for the matches. Only what everyone may see counts:
    nothing of a closed group's posts."""
    counts = Post.objects.public().aggregate(
        requests=Count("pk", filter=Q(kind=Post.Kind.REQUEST)),
        offers=Count("pk", filter=Q(kind=Post.Kind.OFFER)),
    )
    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return {
        "open_requests": int(counts["requests"] or 0),
        "open_offers": int(counts["offers"] or 0),
        "matches_this_month": Match.objects.filter(created_at__gte=month_start)
        .filter(post__in=Post.objects.not_in_closed_group().values("pk"))
        .count(),
    }


def privacy(request: HttpRequest) -> HttpResponse:
    # The periods the statement names are the ones the code applies.
    return render(
        request,
        "core/privacy.html",
        {
            "contact_email": settings.CONTACT_EMAIL,
            "retention_months": settings.RETENTION_MONTHS,
            "task_results_days": settings.TASK_RESULTS_KEEP_DAYS,
            "post_expiry_weeks": settings.POST_EXPIRY_WEEKS,
        },
    )


def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "core/terms.html", {"contact_email": settings.CONTACT_EMAIL})


# Changing one's interface language is harmless: a forged request can at worst show
# someone the site in another language, which the switcher on every page undoes. So the
# switcher is a plain GET form without a CSRF token, and pages that carry it stay the same
# for every anonymous visitor (cacheable, solidair.core.pagecache).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language in the language cookie (as Django's set_language does)
    and go back to `next` when it is a URL of this site, else to the home page. An unknown
    language changes nothing."""
    data = request.POST if request.method == "POST" else request.GET
    next_url = data.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    language = data.get("language", "")
    if language in {code for code, _name in settings.LANGUAGES}:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
        )
    return response


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "429.html", status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: usually an expired form (the session ended, or the page stayed
    open for a long time). Django's own page speaks to developers; this one to people."""
    # The technical reason helps a developer; people get a plain explanation only.
    context = {"reason": reason if settings.DEBUG else ""}
    return render(request, "403_csrf.html", context, status=403)
