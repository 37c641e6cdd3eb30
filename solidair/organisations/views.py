"""Organisation pages. Each view checks access on its first line and makes one service or
queryset call; forms parse, services decide."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.core.permissions import Permissions
from solidair.core.ratelimit import check_rate_limit
from solidair.core.viewhelpers import (
    add_errors,
    current_user,
    error_message,
    run_action,
    wants_fragment,
)

from . import services
from .forms import DirectoryFilterForm, InviteForm, OrganisationForm, RoleForm, TransferForm
from .models import Invitation, Membership, Organisation
from .permissions import (
    can_create_organisation,
    get_membership,
    get_membership_for_admin_or_404,
    get_membership_for_member_or_404,
    get_organisation_for_admin_or_404,
    get_organisation_for_owner_or_404,
    get_organisation_for_viewer_or_404,
    role_permissions,
)

if TYPE_CHECKING:
    pass

DIRECTORY_PAGE_SIZE = 20


def _members_url(organisation: Organisation) -> str:
    return reverse("organisations:members", kwargs={"slug": organisation.slug})


# --- public pages ---------------------------------------------------------------------------


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    organisations = Organisation.objects.directory(**form.filters())
    page_obj = Paginator(organisations, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "organisations/directory.html"
    if wants_fragment(request):
        template += "#results"
    response = render(
        request,
        template,
        {"form": form, "page_obj": page_obj, "organisations": page_obj.object_list},
    )
    # The same URL answers with a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_viewer_or_404(request.user, slug)
    membership = get_membership(request.user, organisation)
    perms = role_permissions(membership)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "membership": membership,
            "can_edit": Permissions.ORGANISATION_EDIT in perms,
            "can_manage_members": Permissions.ORGANISATION_MANAGE_MEMBERS in perms,
            "can_transfer": Permissions.ORGANISATION_TRANSFER_OWNERSHIP in perms,
        },
    )


# --- creating and editing -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not can_create_organisation(user):
        messages.warning(
            request, _("Confirm your email address before you register an organisation.")
        )
        return redirect("account_email")
    if request.method == "POST":
        check_rate_limit(request, group="organisations.create", rate="10/h")
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(creator=user, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your organisation is registered. The city will verify it; until then "
                    "its page says it is waiting for verification."
                ),
            )
            return redirect("organisations:detail", slug=organisation.slug)
    return render(request, "organisations/form.html", {"form": form, "organisation": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_admin_or_404(request.user, slug)
    # The form works on a copy: a rejected submission must not rename the page's heading.
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=copy.copy(organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                organisation=organisation, by=current_user(request), data=form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The organisation's page was saved."))
            return redirect("organisations:detail", slug=organisation.slug)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


# --- members -------------------------------------------------------------------------------


def _render_members(
    request: HttpRequest, membership: Membership, *, invite_form: InviteForm, status: int = 200
) -> HttpResponse:
    organisation = membership.organisation
    memberships = list(Membership.objects.filter(organisation=organisation).with_people().by_role())
    invitations = list(
        Invitation.objects.open()
        .filter(organisation=organisation)
        .select_related("invited_by__profile")
        .order_by("-created_at", "pk")
    )
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "membership": membership,
            "memberships": memberships,
            "invitations": invitations,
            "invite_form": invite_form,
            "role_choices": RoleForm.base_fields["role"].choices,  # type: ignore[attr-defined]
        },
        status=status,
    )


@login_required
@require_GET
def members(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_membership_for_admin_or_404(request.user, slug)
    return _render_members(request, membership, invite_form=InviteForm())


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_membership_for_admin_or_404(request.user, slug)
    organisation = membership.organisation
    if request.method == "POST":
        # Invitations email arbitrary addresses: keep the platform from becoming a spam relay.
        check_rate_limit(request, group="organisations.invite", rate="30/h")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                organisation=organisation,
                invited_by=current_user(request),
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect(_members_url(organisation))
    return render(
        request, "organisations/invite.html", {"organisation": organisation, "form": form}
    )


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_membership_for_admin_or_404(request.user, slug)
    target = get_object_or_404(Membership, pk=pk, organisation=membership.organisation)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose administrator or member."))
        return redirect(_members_url(membership.organisation))
    run_action(
        request,
        lambda: services.change_member_role(
            membership=target, by=current_user(request), role=form.cleaned_data["role"]
        ),
        _("The role was changed."),
    )
    return redirect(_members_url(membership.organisation))


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_membership_for_admin_or_404(request.user, slug)
    target = get_object_or_404(Membership, pk=pk, organisation=membership.organisation)
    try:
        services.remove_member(membership=target, by=current_user(request))
    except ValidationError as exc:
        error_message(request, exc)
    else:
        if target.user_id == membership.user_id:
            messages.success(request, _("You left the organisation."))
            return redirect("organisations:mine")
        messages.success(request, _("The member was removed."))
    return redirect(_members_url(membership.organisation))


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_membership_for_admin_or_404(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=membership.organisation)
    run_action(
        request,
        lambda: services.revoke_invitation(invitation=invitation, by=current_user(request)),
        _("The invitation was withdrawn."),
    )
    return redirect(_members_url(membership.organisation))


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_membership_for_member_or_404(request.user, slug)
    try:
        services.leave_organisation(
            organisation=membership.organisation, user=current_user(request)
        )
    except ValidationError as exc:
        error_message(request, exc)
        return redirect("organisations:detail", slug=membership.organisation.slug)
    messages.success(request, _("You left the organisation."))
    return redirect("organisations:mine")


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_owner_or_404(request.user, slug)
    form = TransferForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            new_owner = services.transfer_ownership(
                organisation=organisation,
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
            return redirect(_members_url(organisation))
    return render(
        request, "organisations/transfer.html", {"organisation": organisation, "form": form}
    )


# --- invitations ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    user = current_user(request)
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation", "invited_by__profile"), token=token
    )
    error = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.accept_invitation(invitation=invitation, user=user)
                messages.success(
                    request,
                    _("Welcome to %(name)s!") % {"name": invitation.organisation.name},
                )
                return redirect("organisations:detail", slug=invitation.organisation.slug)
            if action == "decline":
                services.decline_invitation(invitation=invitation, user=user)
                messages.info(request, _("You declined the invitation."))
                return redirect("organisations:mine")
            return HttpResponseBadRequest(_("Choose to accept or decline the invitation."))
        except ValidationError as exc:
            error = " ".join(exc.messages)
            status = 400
            invitation.refresh_from_db()
    already_member = Membership.objects.filter(
        organisation=invitation.organisation, user=user
    ).exists()
    return render(
        request,
        "organisations/invitation.html",
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "already_member": already_member,
            "error": error,
        },
        status=status,
    )


# --- my organisations and acting identity ----------------------------------------------------


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.for_user(request.user)
    return render(request, "organisations/mine.html", {"memberships": memberships})


@login_required
@require_POST
def act_as(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    slug = (request.POST.get("organisation") or "").strip()
    organisation: Organisation | None = None
    if slug:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise Http404
    try:
        services.set_acting_organisation(
            session=request.session, user=user, organisation=organisation
        )
    except PermissionDenied as exc:
        # Not a member: the answer must not confirm that the organisation exists.
        raise Http404 from exc
    if organisation is None:
        messages.info(request, _("You now act as yourself."))
    else:
        messages.info(request, _("You now act for %(name)s.") % {"name": organisation.name})
    next_url = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("organisations:mine")
    return redirect(next_url)
