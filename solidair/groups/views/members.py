"""The member list, requests to join, roles, removals, ownership and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.core.permissions import Permissions
from solidair.core.ratelimit import check_rate_limit
from solidair.core.viewhelpers import add_errors, current_user, error_message, run_action

from .. import services
from ..forms import ROLE_CHOICES, InviteForm, RoleForm, TransferForm
from ..models import Group, GroupInvitation, GroupMembership
from ..permissions import (
    get_admin_membership_or_404,
    get_group_content_or_404,
    group_permissions,
)

MEMBERS_PAGE_SIZE = 50


def _members_url(group: Group) -> str:
    return reverse("groups:members", kwargs={"slug": group.slug})


@require_GET
def members(request: HttpRequest, slug: str) -> HttpResponse:
    # The member list is content: a closed group's list is for its members only.
    group, membership = get_group_content_or_404(request.user, slug)
    is_admin = Permissions.GROUP_MANAGE_MEMBERS in group_permissions(group, membership)
    active = GroupMembership.objects.active().filter(group=group).with_people().by_role()
    page_obj = Paginator(active, MEMBERS_PAGE_SIZE).get_page(request.GET.get("page"))
    requests = invitations = None
    if is_admin:
        requests = list(
            GroupMembership.objects.requested()
            .filter(group=group)
            .with_people()
            .order_by("created_at", "pk")
        )
        invitations = list(
            GroupInvitation.objects.open()
            .filter(group=group)
            .select_related("invited_by__profile")
            .order_by("-created_at", "pk")
        )
    return render(
        request,
        "groups/members.html",
        {
            "group": group,
            "membership": membership,
            "is_admin": is_admin,
            "page_obj": page_obj,
            "members": page_obj.object_list,
            "requests": requests,
            "invitations": invitations,
            "invite_form": InviteForm() if is_admin else None,
            "role_choices": ROLE_CHOICES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_admin_membership_or_404(request.user, slug)
    group = membership.group
    if request.method == "POST":
        # Invitations email arbitrary addresses: keep the platform from becoming a spam relay.
        check_rate_limit(request, group="groups.invite", rate="30/h")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(group=group, by=current_user(request), email=form.cleaned_data["email"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect(_members_url(group))
    return render(request, "groups/invite.html", {"group": group, "form": form})


@login_required
@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_admin_membership_or_404(request.user, slug)
    target = get_object_or_404(GroupMembership, pk=pk, group=membership.group)
    action = request.POST.get("action")
    user = current_user(request)
    try:
        if action == "accept":
            services.accept_request(membership=target, by=user)
            messages.success(
                request, _("%(name)s is now a member.") % {"name": target.user.display_name}
            )
        elif action == "refuse":
            services.refuse_request(membership=target, by=user)
            messages.info(request, _("The request was refused."))
        else:
            return HttpResponseBadRequest(_("Choose to accept or refuse the request."))
    except ValidationError as exc:
        error_message(request, exc)
    return redirect(_members_url(membership.group))


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_admin_membership_or_404(request.user, slug)
    target = get_object_or_404(GroupMembership, pk=pk, group=membership.group)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose administrator or member."))
        return redirect(_members_url(membership.group))
    run_action(
        request,
        lambda: services.change_role(
            membership=target, by=current_user(request), role=form.cleaned_data["role"]
        ),
        _("The role was changed."),
    )
    return redirect(_members_url(membership.group))


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_admin_membership_or_404(request.user, slug)
    target = get_object_or_404(GroupMembership, pk=pk, group=membership.group)
    run_action(
        request,
        lambda: services.remove_member(membership=target, by=current_user(request)),
        _("The member was removed."),
    )
    return redirect(_members_url(membership.group))


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_admin_membership_or_404(request.user, slug)
    invitation = get_object_or_404(GroupInvitation, pk=pk, group=membership.group)
    run_action(
        request,
        lambda: services.revoke_invitation(invitation=invitation, by=current_user(request)),
        _("The invitation was withdrawn."),
    )
    return redirect(_members_url(membership.group))


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_admin_membership_or_404(request.user, slug)
    group = membership.group
    if membership.role != GroupMembership.Role.OWNER:
        messages.error(request, _("Only the owner can hand the group over."))
        return redirect(_members_url(group))
    form = TransferForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            new_owner = services.transfer_ownership(
                group=group,
                from_user=current_user(request),
                to_membership=form.cleaned_data["membership"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is now the owner. You stay an administrator.")
                % {"name": new_owner.user.display_name},
            )
            return redirect(_members_url(group))
    return render(request, "groups/transfer.html", {"group": group, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    user = current_user(request)
    invitation = get_object_or_404(
        GroupInvitation.objects.select_related("group", "invited_by__profile"), token=token
    )
    error = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.accept_invitation(invitation=invitation, user=user)
                messages.success(
                    request, _("Welcome to %(name)s!") % {"name": invitation.group.name}
                )
                return redirect("groups:detail", slug=invitation.group.slug)
            if action == "decline":
                services.decline_invitation(invitation=invitation, user=user)
                messages.info(request, _("You declined the invitation."))
                return redirect("groups:mine")
            return HttpResponseBadRequest(_("Choose to accept or decline the invitation."))
        except ValidationError as exc:
            error = " ".join(exc.messages)
            status = 400
            invitation.refresh_from_db()
    already_member = GroupMembership.objects.active().filter(group=invitation.group, user=user)
    return render(
        request,
        "groups/invitation.html",
        {
            "invitation": invitation,
            "group": invitation.group,
            "already_member": already_member.exists(),
            "error": error,
        },
        status=status,
    )
