"""Browsing the calendar: list (agenda), week and month views with filters, and a
person's own calendar (registrations, events they organise, private feed)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from solidair.core.pagecache import cache_anonymous_page
from solidair.core.viewhelpers import current_user, wants_fragment

from .. import services
from ..forms import CalendarFilterForm
from ..models import Event, Occurrence, Registration
from ..querysets import local_midnight
from ._common import clean_query, query_with

PAGE_SIZE = 30
# A month grid shows at most this many dates (the rest: "more" links to the day's list).
MAX_GRID_OCCURRENCES = 400
PER_DAY_IN_MONTH = 4


def _month_grid(anchor: date) -> tuple[date, date]:
    first = anchor.replace(day=1)
    start = first - timedelta(days=first.weekday())
    next_month = (first + timedelta(days=32)).replace(day=1)
    end = next_month + timedelta(days=(7 - next_month.weekday()) % 7)
    return start, end


def _by_day(occurrences: list[Occurrence], start: date, end: date) -> dict[date, list[Occurrence]]:
    days: dict[date, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        day = max(occurrence.local_start.date(), start)
        last = min(occurrence.last_day, end - timedelta(days=1))
        while day <= last:
            days[day].append(occurrence)
            day += timedelta(days=1)
    return days


@cache_anonymous_page()
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    clean_url = clean_query(request)
    if clean_url is not None and not wants_fragment(request):
        return redirect(clean_url)
    form = CalendarFilterForm(request.GET or None)
    form.is_valid()
    filters = form.filters()
    view = (form.cleaned_data.get("view") if form.is_bound else "") or "list"
    today = timezone.localdate()
    anchor: date = (form.cleaned_data.get("date") if form.is_bound else None) or today
    occurrences = (
        Occurrence.objects.visible_to(request.user)
        .filter_list(**filters)
        .with_counts()
        .select_related("event", "event__organisation", "event__neighbourhood")
        .chronological()
    )
    context: dict[str, Any] = {"form": form, "view": view, "today": today, "anchor": anchor}
    if view == "list":
        if not filters["date_from"]:
            occurrences = occurrences.upcoming()
        page_obj = Paginator(occurrences, PAGE_SIZE).get_page(request.GET.get("page"))
        items = list(page_obj.object_list)
        groups: dict[date, list[Occurrence]] = defaultdict(list)
        for occurrence in items:
            groups[occurrence.local_start.date()].append(occurrence)
        context.update(page_obj=page_obj, day_groups=sorted(groups.items()))
    else:
        if view == "month":
            start, end = _month_grid(anchor)
            first = anchor.replace(day=1)
            previous = (first - timedelta(days=1)).replace(day=1)
            following = (first + timedelta(days=32)).replace(day=1)
        else:
            start = anchor - timedelta(days=anchor.weekday())
            end = start + timedelta(days=7)
            previous, following = start - timedelta(days=7), start + timedelta(days=7)
        found = list(
            occurrences.between(local_midnight(start), local_midnight(end))[:MAX_GRID_OCCURRENCES]
        )
        days = _by_day(found, start, end)
        grid = []
        day = start
        while day < end:
            items = days.get(day, [])
            if view == "month" and len(items) > PER_DAY_IN_MONTH:
                grid.append((day, items[:PER_DAY_IN_MONTH], len(items) - PER_DAY_IN_MONTH))
            else:
                grid.append((day, items, 0))
            day += timedelta(days=1)
        context.update(
            grid=grid,
            truncated=len(found) >= MAX_GRID_OCCURRENCES,
            nothing=not found,
            previous_url=query_with(request, date=previous.isoformat()),
            next_url=query_with(request, date=following.isoformat()),
            today_url=query_with(request, date=None),
            month_start=anchor.replace(day=1),
            week_start=start,
            week_end=end - timedelta(days=1),
        )
    context["view_links"] = [
        (name, label, query_with(request, view=None if name == "list" else name))
        for name, label in form.VIEWS
    ]
    template = "activities/calendar.html"
    if wants_fragment(request):
        template += "#results"
    response = render(request, template, context)
    if clean_url is not None:
        response["HX-Push-Url"] = clean_url
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def my_calendar(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    now = timezone.now()
    registrations = list(
        Registration.objects.filter(user=user, occurrence__ends_at__gt=now)
        .not_hidden_from(user)
        .select_related(
            "occurrence",
            "occurrence__event",
            "occurrence__event__neighbourhood",
            "occurrence__event__organisation",
        )
        .order_by("occurrence__starts_at", "pk")[:200]
    )
    organised = list(
        Occurrence.objects.filter(event__in=Event.objects.managed_by(user), ends_at__gt=now)
        .with_counts()
        .select_related("event", "event__neighbourhood", "event__organisation")
        .chronological()[:100]
    )
    feed = services.get_or_create_feed(user=user)
    feed_url = request.build_absolute_uri(
        reverse("activities:private_feed", kwargs={"token": feed.token})
    )
    return render(
        request,
        "activities/mine.html",
        {
            "registrations": registrations,
            "organised": organised,
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        },
    )
