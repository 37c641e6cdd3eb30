"""Pages about posts: the list with its filters, the form (draft → preview → publish), the
detail page with the react form or the owner's manage panel, and the owner's actions.

Each view checks access on its first line and makes one service or queryset call; forms
parse, services decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.core.pagecache import cache_anonymous_page
from solidair.core.viewhelpers import (
    add_errors,
    current_user,
    error_message,
    run_action,
    url_without_empty_params,
    wants_fragment,
)
from solidair.groups.models import Group
from solidair.matching.presenters import suggestion_cards
from solidair.organisations.acting import get_acting_organisation
from solidair.organisations.models import Membership, Organisation
from solidair.organisations.permissions import has_verified_email

from .. import services
from ..forms import (
    MAX_PHOTOS,
    ExtendForm,
    FulfilForm,
    PostFilterForm,
    PostForm,
    ResponseForm,
    initial_from_post,
)
from ..models import Conversation, Post, PostPhoto, Response
from ..permissions import (
    can_edit_post,
    can_respond,
    get_post_for_editor_or_404,
    get_post_for_viewer_or_404,
)
from ..ratelimits import check_post_rate, check_response_rate

if TYPE_CHECKING:
    from solidair.accounts.models import User

PAGE_SIZE = 20
# The list counts its results up to this number and says "more than" beyond it.
MAX_COUNTED = 1000


class CappedPaginator(Paginator[Post]):
    """Counts at most MAX_COUNTED + 1 rows: an exact count of every open post costs time
    in proportion to the table (8-35 ms at 100,000 posts on PostgreSQL), and nobody pages
    past page 50; narrower filters reach the rest."""

    @cached_property
    def count(self) -> int:
        posts = cast("QuerySet[Post]", self.object_list)
        return posts.order_by()[: MAX_COUNTED + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > MAX_COUNTED

    @property
    def max_counted(self) -> int:
        return MAX_COUNTED


# --- finding posts ----------------------------------------------------------------------------


@cache_anonymous_page()
@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    clean_url = url_without_empty_params(request)
    if clean_url is not None and not wants_fragment(request):
        return redirect(clean_url)
    form = PostFilterForm(request.GET or None)
    posts = Post.objects.listed_for(request.user).filter_list(**form.filters()).with_related()
    page_obj = CappedPaginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "exchange/list.html"
    if wants_fragment(request):
        template += "#results"
    response = render(
        request,
        template,
        {"form": form, "page_obj": page_obj, "posts": page_obj.object_list},
    )
    if clean_url is not None:
        # htmx pushes this URL to the address bar instead of the one with empty fields.
        response["HX-Push-Url"] = clean_url
    # The same URL answers with a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- posting ----------------------------------------------------------------------------------


def _organisations_for(user: User) -> list[Organisation]:
    """The organisations `user` may post for (member, not rejected), alphabetically."""
    return [
        membership.organisation
        for membership in Membership.objects.for_user(user)
        if membership.organisation.status != Organisation.Status.REJECTED
    ]


def _add_photos(*, post: Post, user: User, form: PostForm) -> None:
    for field_name, upload, alt_text in form.photos():
        try:
            services.add_post_photo(post=post, by=user, upload=upload, alt_text=alt_text)
        except ValidationError as exc:
            # Shown on the file field that was refused.
            raise ValidationError({field_name: exc.messages}) from exc


def _refuse_unverified(request: HttpRequest) -> HttpResponse | None:
    if has_verified_email(request.user):
        return None
    messages.warning(request, _("Confirm your email address before you post or respond."))
    return redirect("account_email")


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    refused = _refuse_unverified(request)
    if refused is not None:
        return refused
    organisations = _organisations_for(user)
    acting = get_acting_organisation(request)
    initial: dict[str, Any] = {
        "kind": request.GET.get("kind") if request.GET.get("kind") in Post.Kind.values else "",
        "organisation": acting.slug if acting else "",
        # "Post only for this group" from a group's page.
        "group": request.GET.get("group", ""),
    }
    form = PostForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations,
        groups=list(Group.objects.postable_by(user)),
        initial=initial,
    )
    if request.method == "POST":
        check_post_rate(request)
        if form.is_valid():
            try:
                # One transaction: a refused photo leaves no draft behind.
                with transaction.atomic():
                    post = services.create_post(
                        author=user,
                        data=form.post_data(),
                        organisation=form.organisation_slug(),
                        group=form.group_slug(),
                        publish=False,
                    )
                    _add_photos(post=post, user=user, form=form)
            except ValidationError as exc:
                add_errors(form, exc, aliases={"photo": "photo_1"})
            else:
                messages.info(
                    request,
                    _("Your post is saved as a draft. Check it, then publish it."),
                )
                return redirect(post.get_absolute_url())
    return render(
        request,
        "exchange/form.html",
        {"form": form, "post": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_editor_or_404(request.user, pk)
    user = current_user(request)
    photos = list(post.photos.all())
    groups = list(Group.objects.postable_by(user))
    if post.group is not None and post.group not in groups:
        # An organisation admin editing a colleague's group post keeps its group.
        groups.append(post.group)
    form = PostForm(
        request.POST or None,
        request.FILES or None,
        organisations=_organisations_for(user),
        groups=groups,
        initial=initial_from_post(post),
        photo_slots=MAX_PHOTOS - len(photos),
    )
    if request.method == "POST" and form.is_valid():
        data = form.post_data()
        current_slug = post.organisation.slug if post.organisation else None
        if "organisation" in form.fields and form.organisation_slug() != current_slug:
            data["organisation"] = form.organisation_slug()
        current_group = post.group.slug if post.group else None
        if "group" in form.fields and form.group_slug() != current_group:
            data["group"] = form.group_slug()
        try:
            with transaction.atomic():
                services.update_post(post=post, by=user, data=data)
                _add_photos(post=post, user=user, form=form)
        except ValidationError as exc:
            add_errors(form, exc, aliases={"photo": "photo_1"})
        else:
            if post.status == Post.Status.DRAFT:
                messages.info(request, _("Your draft was saved. Check it, then publish it."))
            else:
                messages.success(request, _("Your post was saved."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "exchange/form.html",
        {"form": form, "post": post, "photos": photos},
        status=400 if form.errors else 200,
    )


# --- the detail page --------------------------------------------------------------------------


def _render_detail(
    request: HttpRequest,
    post: Post,
    *,
    response_form: ResponseForm | None = None,
    fulfil_form: FulfilForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    is_editor = can_edit_post(user, post)
    context: dict[str, Any] = {
        "post": post,
        "photos": list(post.photos.all()),
        "is_editor": is_editor,
        "is_preview": post.status == Post.Status.DRAFT,
    }
    if is_editor:
        context["responses"] = list(
            # A small read the queryset module does not offer (yet): all responses of one
            # post with their responder and conversation, for the manage panel.
            Response.objects.filter(post=post)
            .readable()
            .with_related()
            .select_related("match")
            .order_by("created_at", "pk")
        )
        context["fulfil_form"] = fulfil_form or FulfilForm()
        if post.status == Post.Status.OPEN:
            # The best-fitting open posts of the other kind (solidair.matching).
            context["suggestions"] = suggestion_cards(post, viewer=current_user(request), limit=5)
    elif user.is_authenticated:
        context["my_conversation"] = (
            Conversation.objects.filter(post=post, responder=user).only("pk").first()
        )
        context["can_respond"] = context["my_conversation"] is None and can_respond(user, post)
        context["response_form"] = response_form or ResponseForm()
    return render(request, "exchange/detail.html", context, status=status)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_viewer_or_404(request.user, pk)
    return _render_detail(request, post)


def _get_post_to_respond_or_404(request: HttpRequest, pk: int) -> Post:
    try:
        return get_post_for_viewer_or_404(request.user, pk)
    except Http404:
        # A post that was public once but is closed now: say so instead of a bare 404. A
        # draft, or a closed group's post for an outsider, stays a 404 (nobody else may
        # learn that it exists).
        closed = Post.objects.filter(pk=pk).exclude(status=Post.Status.DRAFT)
        if closed.not_hidden_from(request.user).exists():
            raise _ClosedPost from None
        raise


class _ClosedPost(Exception):
    pass


@login_required
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        post = _get_post_to_respond_or_404(request, pk)
    except _ClosedPost:
        messages.error(request, _("This post is closed: it no longer accepts responses."))
        return redirect("exchange:list")
    refused = _refuse_unverified(request)
    if refused is not None:
        return refused
    check_response_rate(request)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, post, response_form=form, status=400)
    try:
        response = services.respond_to_post(
            post=post, responder=current_user(request), message=form.cleaned_data["message"]
        )
    except ValidationError as exc:
        error_message(request, exc)
        return redirect(post.get_absolute_url())
    messages.success(
        request,
        _(
            "Your message was sent. Continue the conversation here; "
            "you get an email when they answer."
        ),
    )
    return redirect("exchange:conversation", pk=response.conversation_id)


# --- the owner's actions ------------------------------------------------------------------------


def _owner_action(
    request: HttpRequest, pk: int, action: Any, success: str, **kwargs: Any
) -> HttpResponse:
    post = get_post_for_editor_or_404(request.user, pk)
    try:
        action(post=post, by=current_user(request), **kwargs)
    except ValidationError as exc:
        error_message(request, exc)
    else:
        messages.success(request, success)
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _owner_action(
        request, pk, services.publish_post, _("Your post is published. Everyone can find it now.")
    )


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _owner_action(
        request, pk, services.close_post, _("The post is closed. Nobody can respond any more.")
    )


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _owner_action(request, pk, services.reopen_post, _("The post is open again."))


@login_required
@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    form = ExtendForm(request.POST)
    weeks = form.cleaned_data.get("weeks") if form.is_valid() else None
    if not form.is_valid():
        post = get_post_for_editor_or_404(request.user, pk)
        messages.error(request, _("Choose from 1 to 26 weeks."))
        return redirect(post.get_absolute_url())
    return _owner_action(
        request, pk, services.extend_post, _("The post stays open longer."), weeks=weeks
    )


@login_required
@require_POST
def fulfil(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_editor_or_404(request.user, pk)
    form = FulfilForm(request.POST)
    if form.is_valid():
        quantity = form.cleaned_data.get("quantity")
        try:
            services.mark_fulfilled(post=post, by=current_user(request), quantity=quantity)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if post.status == Post.Status.FULFILLED:
                messages.success(request, _("Wonderful! The post is marked as fulfilled."))
            else:
                messages.success(
                    request,
                    _("Noted. %(n)s still open.") % {"n": post.quantity_open},
                )
            return redirect(post.get_absolute_url())
    return _render_detail(request, post, fulfil_form=form, status=400)


@login_required
@require_POST
def photo_delete(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    post = get_post_for_editor_or_404(request.user, pk)
    photo = get_object_or_404(PostPhoto, pk=photo_pk, post=post)
    run_action(
        request,
        lambda: services.remove_post_photo(photo=photo, by=current_user(request)),
        _("The photo was removed."),
    )
    return redirect("exchange:edit", pk=post.pk)
