"""An event's and an occurrence's page, announcing and editing, registration, and the
organisers' tools (people list, CSV, message, cancellation)."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.core.viewhelpers import add_errors, current_user, error_message, run_action
from solidair.organisations.acting import get_acting_organisation
from solidair.organisations.models import Membership, Organisation
from solidair.organisations.permissions import has_verified_email

from .. import services
from ..forms import ERROR_ALIASES, CancelForm, EventForm, MessageForm, initial_from_event
from ..models import Event, Occurrence, Registration
from ..permissions import (
    can_manage_event,
    can_see_online_link,
    get_event_for_organiser_or_404,
    get_event_or_404,
    get_occurrence_for_organiser_or_404,
    get_occurrence_or_404,
)
from ..ratelimits import check_event_rate, check_message_rate, check_registration_rate

if TYPE_CHECKING:
    from solidair.accounts.models import User

SERIES_DATES_SHOWN = 12


def _organisations_for(user: User) -> list[Organisation]:
    return [
        membership.organisation
        for membership in Membership.objects.for_user(user)
        if membership.organisation.status != Organisation.Status.REJECTED
    ]


def _groups_for(user: User) -> list[Any]:
    """The groups `user` may announce an event in (active member), by name."""
    from solidair.groups.models import Group

    return list(Group.objects.postable_by(user))


def _refuse_unverified(request: HttpRequest) -> HttpResponse | None:
    if has_verified_email(request.user):
        return None
    messages.warning(request, _("Confirm your email address before you announce or register."))
    return redirect("account_email")


# --- pages --------------------------------------------------------------------------------------


def _render_occurrence(
    request: HttpRequest, occurrence: Occurrence, *, status: int = 200
) -> HttpResponse:
    event = occurrence.event
    user = request.user
    manager = can_manage_event(user, event)
    registration = None
    if user.is_authenticated:
        registration = Registration.objects.filter(occurrence=occurrence, user=user).first()
    counts = Registration.objects.filter(occurrence=occurrence).values_list("status", flat=True)
    registered = sum(1 for s in counts if s == Registration.Status.REGISTERED)
    waiting = sum(1 for s in counts if s == Registration.Status.WAITLISTED)
    places_left = None if event.capacity is None else max(event.capacity - registered, 0)
    series = []
    if event.is_recurring:
        series = list(
            event.occurrences.filter(ends_at__gt=timezone.now()).order_by("starts_at")[
                :SERIES_DATES_SHOWN
            ]
        )
    position = None
    if registration is not None and registration.status == Registration.Status.WAITLISTED:
        position = (
            Registration.objects.filter(
                occurrence=occurrence,
                status=Registration.Status.WAITLISTED,
                created_at__lt=registration.created_at,
            ).count()
            + 1
        )
    return render(
        request,
        "activities/occurrence.html",
        {
            "event": event,
            "occurrence": occurrence,
            "manager": manager,
            "registration": registration,
            "waitlist_position": position,
            "registered_count": registered,
            "waitlist_count": waiting,
            "places_left": places_left,
            "show_online_link": can_see_online_link(user, event, registration, manager=manager),
            "series": series,
            "can_register": (
                event.registration_required
                and not occurrence.is_cancelled
                and occurrence.starts_at > timezone.now()
            ),
        },
        status=status,
    )


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An event's page: its next date (or its last one, once all are past)."""
    event = get_event_or_404(request.user, pk)
    occurrence = (
        event.occurrences.filter(ends_at__gt=timezone.now()).order_by("starts_at").first()
        or event.occurrences.order_by("-starts_at").first()
    )
    if occurrence is None:
        # Every date was removed from the schedule: nothing to show but the event.
        return render(
            request,
            "activities/occurrence.html",
            {
                "event": event,
                "occurrence": None,
                "manager": can_manage_event(request.user, event),
            },
        )
    occurrence.event = event
    return _render_occurrence(request, occurrence)


@require_GET
def occurrence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_or_404(request.user, pk)
    return _render_occurrence(request, occurrence)


# --- announcing ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    refused = _refuse_unverified(request)
    if refused is not None:
        return refused
    acting = get_acting_organisation(request)
    initial: dict[str, Any] = {
        "organisation": acting.slug if acting else "",
        "registration_required": True,
    }
    if request.GET.get("type") in Event.Type.values:
        initial["type"] = request.GET["type"]
    if request.GET.get("group"):
        initial["group"] = request.GET["group"]
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        organisations=_organisations_for(user),
        groups=_groups_for(user),
        initial=initial,
    )
    if request.method == "POST":
        check_event_rate(request)
        if form.is_valid():
            try:
                event = services.create_event(
                    author=user,
                    data=form.event_data(),
                    organisation=form.organisation_slug(),
                    group=form.group_slug(),
                    image=form.cleaned_data.get("image"),
                )
            except (ValidationError, PermissionDenied) as exc:
                add_errors(form, exc, aliases=ERROR_ALIASES)
            else:
                messages.success(request, _("Your event is in the calendar."))
                return redirect(event.get_absolute_url())
    return render(
        request,
        "activities/form.html",
        {"form": form, "event": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_organiser_or_404(request.user, pk)
    user = current_user(request)
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        initial=initial_from_event(event),
    )
    if request.method == "POST" and form.is_valid():
        image = form.cleaned_data.get("image")
        try:
            services.update_event(
                event=event,
                by=user,
                data=form.event_data(),
                image=image or None,
                remove_image=image is False,
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc, aliases=ERROR_ALIASES)
        else:
            messages.success(request, _("The event was saved."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "activities/form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel_event(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_organiser_or_404(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(
                event=event, by=current_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The event is cancelled; everyone registered was told."))
            return redirect(event.get_absolute_url())
    return render(
        request,
        "activities/cancel.html",
        {"form": form, "event": event, "occurrence": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel_occurrence(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for_organiser_or_404(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_occurrence(
                occurrence=occurrence, by=current_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("This date is cancelled; everyone registered was told."))
            return redirect(occurrence.get_absolute_url())
    return render(
        request,
        "activities/cancel.html",
        {"form": form, "event": occurrence.event, "occurrence": occurrence},
        status=400 if form.errors else 200,
    )


# --- registration -------------------------------------------------------------------------------


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_or_404(request.user, pk)
    refused = _refuse_unverified(request)
    if refused is not None:
        return refused
    check_registration_rate(request)
    try:
        registration = services.register(occurrence=occurrence, user=current_user(request))
    except ValidationError as exc:
        error_message(request, exc)
    else:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("You are registered. See you there!"))
        else:
            messages.info(
                request,
                _("It is full: you are on the waiting list. We email you when a place frees up."),
            )
    return redirect(occurrence.get_absolute_url())


@login_required
@require_POST
def unregister(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_or_404(request.user, pk)
    run_action(
        request,
        lambda: services.unregister(occurrence=occurrence, user=current_user(request)),
        _("You are no longer registered."),
    )
    return redirect(occurrence.get_absolute_url())


# --- organisers ---------------------------------------------------------------------------------


def _people(occurrence: Occurrence) -> list[Registration]:
    return list(
        occurrence.registrations.select_related("user", "user__profile").order_by(
            "status", "created_at", "pk"
        )
    )


@login_required
@require_GET
def people(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for_organiser_or_404(request.user, pk)
    registrations = _people(occurrence)
    return render(
        request,
        "activities/people.html",
        {
            "occurrence": occurrence,
            "event": occurrence.event,
            "registered": [r for r in registrations if r.status == Registration.Status.REGISTERED],
            "waiting": [r for r in registrations if r.status == Registration.Status.WAITLISTED],
        },
    )


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by spreadsheet programs.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
@require_GET
def people_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The list of people as CSV: names and status only (email addresses stay private;
    organisers reach the people through "message everyone")."""
    occurrence = get_occurrence_for_organiser_or_404(request.user, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"registrations-{occurrence.event_id}-{occurrence.day:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte-order mark.
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Status"), _("Registered at"), _("Position on the waiting list")])
    position = 0
    for registration in _people(occurrence):
        waiting = registration.status == Registration.Status.WAITLISTED
        position += 1 if waiting else 0
        writer.writerow(
            [
                _csv_safe(registration.user.display_name),
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                position if waiting else "",
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def message(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for_organiser_or_404(request.user, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check_message_rate(request)
        try:
            count = services.message_registrants(
                occurrence=occurrence,
                by=current_user(request),
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                include_waitlist=form.cleaned_data["include_waitlist"],
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Your message was sent to %(count)d person.",
                    "Your message was sent to %(count)d people.",
                    count,
                )
                % {"count": count},
            )
            return redirect("activities:people", pk=occurrence.pk)
    return render(
        request,
        "activities/message.html",
        {"form": form, "occurrence": occurrence, "event": occurrence.event},
        status=400 if form.errors else 200,
    )
