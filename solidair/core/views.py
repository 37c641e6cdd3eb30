"""Site-wide pages: home, privacy statement, terms of use, and the error views."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from solidair.exchange.models import Post
from solidair.organisations.models import Organisation

# How many newly verified organisations and newest requests/offers the home page shows.
HOME_NEWEST_ORGANISATIONS = 6
HOME_NEWEST_POSTS = 6


def home(request: HttpRequest) -> HttpResponse:
    newest = (
        Organisation.objects.verified()
        .select_related("neighbourhood")
        .prefetch_related("sectors")
        .order_by("-verified_at", "-pk")[:HOME_NEWEST_ORGANISATIONS]
    )
    newest_posts = (
        Post.objects.public().with_related().order_by("-published_at", "-pk")[:HOME_NEWEST_POSTS]
    )
    return render(
        request,
        "core/home.html",
        {"newest_organisations": newest, "newest_posts": newest_posts},
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html", {"contact_email": settings.CONTACT_EMAIL})


def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "core/terms.html", {"contact_email": settings.CONTACT_EMAIL})


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "429.html", status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: usually an expired form (the session ended, or the page stayed
    open for a long time). Django's own page speaks to developers; this one to people."""
    # The technical reason helps a developer; people get a plain explanation only.
    context = {"reason": reason if settings.DEBUG else ""}
    return render(request, "403_csrf.html", context, status=403)
