"""The directory, a group's page, creating and editing, joining and leaving."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.core.permissions import Permissions
from solidair.core.ratelimit import check_rate_limit
from solidair.core.viewhelpers import (
    add_errors,
    current_user,
    error_message,
    wants_fragment,
)
from solidair.exchange.models import Post

from .. import services
from ..forms import DirectoryFilterForm, GroupForm, JoinForm, NotifyForm
from ..models import Group, GroupInvitation, GroupMembership, Topic
from ..permissions import (
    Role,
    can_create_group,
    get_admin_membership_or_404,
    get_group_or_404,
    get_membership,
    group_permissions,
)

DIRECTORY_PAGE_SIZE = 20


TOPICS_PAGE_SIZE = 25

# Requests and offers only for the group, shown on its page (newest first).
GROUP_POSTS_SHOWN = 6


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    groups = Group.objects.visible_to(request.user).directory(**form.filters())
    page_obj = Paginator(groups, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "groups/directory.html"
    if wants_fragment(request):
        template += "#results"
    response = render(
        request, template, {"form": form, "page_obj": page_obj, "groups": page_obj.object_list}
    )
    # The same URL answers with a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_or_404(request.user, slug)
    membership = get_membership(request.user, group)
    perms = group_permissions(group, membership)
    can_view = Permissions.GROUP_VIEW_CONTENT in perms
    q = (request.GET.get("q") or "").strip()[:100]
    page_obj = None
    if can_view:
        topics = (
            Topic.objects.filter(group=group)
            .not_hidden_from(request.user)
            .with_related()
            .in_group_order()
        )
        if q:
            topics = topics.search(q)
        page_obj = Paginator(topics, TOPICS_PAGE_SIZE).get_page(request.GET.get("page"))
    group_posts = (
        list(
            Post.objects.listed_for(request.user)
            .filter(group=group)
            .with_related()
            .order_by("-published_at", "-pk")[:GROUP_POSTS_SHOWN]
        )
        if can_view and not wants_fragment(request)
        else []
    )
    context = {
        "group": group,
        "membership": membership,
        "can_view": can_view,
        "can_post": Permissions.GROUP_POST in perms,
        "can_edit": Permissions.GROUP_EDIT in perms,
        "can_manage": Permissions.GROUP_MANAGE_MEMBERS in perms,
        "page_obj": page_obj,
        "topics": page_obj.object_list if page_obj else [],
        "q": q,
        "group_posts": group_posts,
        "notify_form": NotifyForm(initial={"notify": membership.notify})
        if membership and membership.is_active
        else None,
        "pending_count": GroupMembership.objects.requested().filter(group=group).count()
        if Permissions.GROUP_MANAGE_MEMBERS in perms
        else 0,
    }
    template = "groups/detail.html"
    if can_view and wants_fragment(request):
        template += "#topics"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not can_create_group(user):
        messages.warning(request, _("Confirm your email address before you start a group."))
        return redirect("account_email")
    if request.method == "POST":
        check_rate_limit(request, group="groups.create", rate="10/h")
    form = GroupForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(creator=user, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your group is ready. Invite people or start a topic."))
            return redirect("groups:detail", slug=group.slug)
    return render(request, "groups/form.html", {"form": form, "group": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_admin_membership_or_404(request.user, slug)
    group = membership.group
    user = current_user(request)
    # The form works on a copy: a rejected submission must not rename the page's heading.
    form = GroupForm(
        request.POST or None, request.FILES or None, instance=copy.copy(group), user=user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_group(group=group, by=user, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The group's page was saved."))
            return redirect("groups:detail", slug=group.slug)
    return render(request, "groups/form.html", {"form": form, "group": group})


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_or_404(request.user, slug)
    user = current_user(request)
    membership = get_membership(user, group)
    form = JoinForm(request.POST or None) if not group.is_open else None
    if request.method == "POST":
        check_rate_limit(request, group="groups.join", rate="30/h")
        if form is None or form.is_valid():
            motivation = form.cleaned_data["motivation"] if form is not None else ""
            try:
                services.join_group(group=group, user=user, motivation=motivation)
            except ValidationError as exc:
                if form is None:
                    error_message(request, exc)
                    return redirect("groups:detail", slug=group.slug)
                add_errors(form, exc)
            else:
                if group.is_open:
                    messages.success(request, _("Welcome to %(name)s!") % {"name": group.name})
                else:
                    messages.success(
                        request,
                        _("Your request was sent. You will hear when an administrator answers."),
                    )
                return redirect("groups:detail", slug=group.slug)
    return render(
        request, "groups/join.html", {"group": group, "form": form, "membership": membership}
    )


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_or_404(request.user, slug)
    try:
        services.leave_group(group=group, user=current_user(request))
    except ValidationError as exc:
        error_message(request, exc)
        return redirect("groups:detail", slug=group.slug)
    messages.success(request, _("You left %(name)s.") % {"name": group.name})
    return redirect("groups:detail", slug=group.slug)


@login_required
@require_POST
def notifications(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_or_404(request.user, slug)
    user = current_user(request)
    membership = get_membership(user, group)
    if membership is None or not membership.is_active:
        raise Http404
    form = NotifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose every message, a daily digest or off."))
    else:
        services.set_notification_preference(
            membership=membership, by=user, notify=form.cleaned_data["notify"]
        )
        messages.success(request, _("Your email preference for this group was saved."))
    return redirect("groups:detail", slug=group.slug)


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The "stop emails from this group" link: a confirmation page, then one POST (a GET
    must not change anything: mail scanners follow links)."""
    from ..services.notify import membership_for_unsubscribe_token

    pk = membership_for_unsubscribe_token(token)
    membership = (
        GroupMembership.objects.select_related("group").filter(pk=pk).first() if pk else None
    )
    if membership is None:
        raise Http404
    done = False
    if request.method == "POST":
        services.unsubscribe_by_token(token=token)
        done = True
    return render(
        request,
        "groups/unsubscribe.html",
        {"group_name": membership.group.name, "token": token, "done": done},
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    memberships = [
        m
        for m in GroupMembership.objects.for_user(user).filter(state__in=["active", "requested"])
        # A group the moderators hid is gone for everyone but its owner and administrators.
        if m.group.hidden_at is None or m.role in (Role.OWNER, Role.ADMIN)
    ]
    invitations = list(
        GroupInvitation.objects.open()
        .filter(email__iexact=user.email)
        .select_related("group")
        .order_by("-created_at", "pk")
    )
    return render(
        request,
        "groups/mine.html",
        {
            "active": [m for m in memberships if m.is_active],
            "requested": [m for m in memberships if m.state == "requested"],
            "invitations": invitations,
        },
    )
