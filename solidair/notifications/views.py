"""The notification list (all or unread, paginated), opening one (marks it read) and
marking read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from solidair.core.viewhelpers import current_user

from . import services
from .models import Notification

PAGE_SIZE = 25


def get_notification_for_owner_or_404(request: HttpRequest, pk: int) -> Notification:
    """One of the signed-in person's own notifications; someone else's is a 404 (nobody
    learns that it exists)."""
    return get_object_or_404(Notification.objects.for_user(request.user), pk=pk)


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    show_unread = request.GET.get("show") == "unread"
    notifications = Notification.objects.for_user(user)
    if show_unread:
        notifications = notifications.unread()
    page_obj = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page_obj": page_obj,
            "notifications": page_obj.object_list,
            "show_unread": show_unread,
            "unread_total": Notification.objects.for_user(user).unread().count(),
        },
    )


def _safe_target(request: HttpRequest, url: str) -> str:
    # Notifications link to paths on this site; anything else goes to the list.
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return "notifications:list"


@login_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link; opening it marks it read (as mail clients do)."""
    notification = get_notification_for_owner_or_404(request, pk)
    services.mark_read(notification=notification, user=current_user(request))
    return redirect(_safe_target(request, notification.url))


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_owner_or_404(request, pk)
    services.mark_read(notification=notification, user=current_user(request))
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(user=current_user(request))
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notifications:list"
