"""iCal files and feeds: the public feed, an organisation's feed, the private feed of a
person (secret token in the URL) and "add to calendar" files for an event or a date."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from solidair.core.viewhelpers import current_user
from solidair.organisations.models import Organisation

from .. import ical, services
from ..models import CalendarFeed, Event, Occurrence, Registration
from ..permissions import can_manage_event, get_event_or_404, get_occurrence_or_404

# Feeds carry the events of the last FEED_PAST_DAYS and everything ahead, at most
# FEED_MAX_EVENTS of them: a calendar app re-reads the whole feed every few hours.
FEED_PAST_DAYS = 90
FEED_MAX_EVENTS = 500


def _ics(body: bytes, filename: str, *, private: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


def _feed_events(request: HttpRequest) -> list[Event]:
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    recent = Occurrence.objects.filter(ends_at__gt=since).values("event_id")
    return list(
        Event.objects.visible_to(request.user)
        .filter(pk__in=recent)
        .select_related("organisation", "neighbourhood")
        .prefetch_related(
            Prefetch(
                "occurrences",
                queryset=Occurrence.objects.filter(cancelled_at__isnull=False).order_by(
                    "starts_at"
                ),
                to_attr="cancelled_occurrences",
            )
        )
        .order_by("starts_at", "pk")[:FEED_MAX_EVENTS]
    )


@require_GET
def public_feed(request: HttpRequest) -> HttpResponse:
    events = _feed_events(request)
    name = f"{settings.SITE_NAME}: {_('Calendar')}"
    return _ics(ical.series_feed(name, events), "calendar.ics")


@require_GET
def organisation_feed(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    recent = Occurrence.objects.filter(ends_at__gt=since).values("event_id")
    events = list(
        Event.objects.visible_to(request.user)
        .filter(organisation=organisation, pk__in=recent)
        .select_related("organisation", "neighbourhood")
        .prefetch_related(
            Prefetch(
                "occurrences",
                queryset=Occurrence.objects.filter(cancelled_at__isnull=False).order_by(
                    "starts_at"
                ),
                to_attr="cancelled_occurrences",
            )
        )
        .order_by("starts_at", "pk")[:FEED_MAX_EVENTS]
    )
    return _ics(
        ical.series_feed(f"{organisation.name} ({settings.SITE_NAME})", events), f"{slug}.ics"
    )


@require_GET
def private_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The dates the token's owner registered for (with the online links of those where
    they have a place). The token is the key: calendar apps send no session."""
    feed = (
        CalendarFeed.objects.filter(token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    if feed is None:
        raise Http404
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    registrations = (
        Registration.objects.filter(
            user=feed.user,
            occurrence__ends_at__gt=since,
            # A closed group's event leaves the feed when its owner leaves the group.
            occurrence__in=Occurrence.objects.visible_to(feed.user).values("pk"),
        )
        .select_related(
            "occurrence",
            "occurrence__event",
            "occurrence__event__organisation",
            "occurrence__event__neighbourhood",
        )
        .order_by("occurrence__starts_at")[:FEED_MAX_EVENTS]
    )
    items = [(r.occurrence, r.status == Registration.Status.REGISTERED) for r in registrations]
    name = f"{settings.SITE_NAME}: {_('My calendar')}"
    return _ics(ical.occurrences_feed(name, items), "my-calendar.ics", private=True)


@login_required
@require_POST
def regenerate_feed(request: HttpRequest) -> HttpResponse:
    services.regenerate_feed_token(user=current_user(request))
    messages.success(
        request, _("Your private calendar link was renewed: the old link no longer works.")
    )
    return redirect("activities:mine")


@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole series (or the single event) as a file to add to a calendar."""
    event = get_event_or_404(request.user, pk)
    cancelled = list(event.occurrences.filter(cancelled_at__isnull=False).order_by("starts_at"))
    event.cancelled_occurrences = cancelled  # type: ignore[attr-defined]
    return _ics(ical.series_feed(event.title, [event]), f"event-{event.pk}.ics")


@require_GET
def occurrence_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One date as a file; with the online link for its organisers and people with a place."""
    occurrence = get_occurrence_or_404(request.user, pk)
    online = can_manage_event(request.user, occurrence.event) or (
        request.user.is_authenticated
        and Registration.objects.filter(
            occurrence=occurrence, user=request.user, status=Registration.Status.REGISTERED
        ).exists()
    )
    body = ical.occurrences_feed(occurrence.event.title, [(occurrence, online)])
    return _ics(body, f"event-{occurrence.event_id}-{occurrence.day:%Y%m%d}.ics", private=online)
