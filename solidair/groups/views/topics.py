"""Discussions: a topic with its replies, writing, editing, deleting and moderating."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solidair.core.permissions import Permissions
from solidair.core.ratelimit import check_rate_limit
from solidair.core.viewhelpers import add_errors, current_user, run_action

from .. import services
from ..forms import ReplyForm, TopicForm
from ..models import GroupMembership, Reply, Topic
from ..permissions import (
    get_group_content_or_404,
    get_reply_or_404,
    get_topic_or_404,
    group_permissions,
)

REPLIES_PAGE_SIZE = 50
MESSAGE_RATE = "60/h"


def _topic_url(topic: Topic) -> str:
    return reverse("groups:topic", kwargs={"slug": topic.group.slug, "pk": topic.pk})


def _render_topic(
    request: HttpRequest,
    topic: Topic,
    membership: GroupMembership | None,
    form: ReplyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    perms = group_permissions(topic.group, membership)
    replies = (
        Reply.objects.filter(topic=topic)
        .not_hidden_from(request.user)
        .with_related()
        .order_by("created_at", "pk")
    )
    page_obj = Paginator(replies, REPLIES_PAGE_SIZE).get_page(request.GET.get("page"))
    can_post = Permissions.GROUP_POST in perms
    return render(
        request,
        "groups/topic.html",
        {
            "group": topic.group,
            "topic": topic,
            "membership": membership,
            "page_obj": page_obj,
            "replies": page_obj.object_list,
            "can_post": can_post,
            "can_moderate": Permissions.GROUP_MODERATE in perms,
            "form": form or (ReplyForm() if can_post and not topic.locked else None),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def topic(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    topic, membership = get_topic_or_404(request.user, slug, pk)
    if request.method == "GET":
        return _render_topic(request, topic, membership)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={_topic_url(topic)}")
    check_rate_limit(request, group="groups.message", rate=MESSAGE_RATE)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            reply = services.reply_to_topic(
                topic=topic, author=current_user(request), body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You cannot reply here."))
        else:
            replies = Reply.objects.filter(topic=topic).not_hidden_from(request.user).count()
            page = (replies - 1) // REPLIES_PAGE_SIZE + 1
            return redirect(f"{_topic_url(topic)}?page={page}#reply-{reply.pk}")
    return _render_topic(request, topic, membership, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request: HttpRequest, slug: str) -> HttpResponse:
    group, membership = get_group_content_or_404(request.user, slug)
    user = current_user(request)
    if Permissions.GROUP_POST not in group_permissions(group, membership):
        messages.info(request, _("Join the group to take part in its discussions."))
        return redirect("groups:detail", slug=group.slug)
    if request.method == "POST":
        check_rate_limit(request, group="groups.message", rate=MESSAGE_RATE)
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.create_topic(
                group=group,
                author=user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            return redirect("groups:topic", slug=group.slug, pk=topic.pk)
    return render(request, "groups/topic_form.html", {"group": group, "form": form, "topic": None})


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    topic, membership = get_topic_or_404(request.user, slug, pk)
    user = current_user(request)
    if topic.author_id != user.pk or membership is None or not membership.is_active:
        raise PermissionDenied
    form = TopicForm(request.POST or None, instance=Topic(title=topic.title, body=topic.body))
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_topic(
                topic=topic,
                by=user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your topic was saved."))
            return redirect(_topic_url(topic))
    return render(
        request, "groups/topic_form.html", {"group": topic.group, "form": form, "topic": topic}
    )


@login_required
@require_POST
def topic_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    topic, _membership = get_topic_or_404(request.user, slug, pk)
    group = topic.group
    services.delete_topic(topic=topic, by=current_user(request))
    messages.success(request, _("The topic was deleted."))
    return redirect("groups:detail", slug=group.slug)


@login_required
@require_POST
def topic_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    topic, _membership = get_topic_or_404(request.user, slug, pk)
    actions = {
        "pin": {"pinned": True},
        "unpin": {"pinned": False},
        "lock": {"locked": True},
        "unlock": {"locked": False},
    }
    change = actions.get(request.POST.get("action", ""))
    if change is None:
        return HttpResponseBadRequest(_("Choose pin, unpin, lock or unlock."))
    services.moderate_topic(topic=topic, by=current_user(request), **change)
    messages.success(request, _("The topic was updated."))
    return redirect(_topic_url(topic))


@login_required
@require_http_methods(["GET", "POST"])
def reply_edit(request: HttpRequest, slug: str, pk: int, reply_pk: int) -> HttpResponse:
    reply, membership = get_reply_or_404(request.user, slug, pk, reply_pk)
    user = current_user(request)
    if reply.author_id != user.pk or membership is None or not membership.is_active:
        raise PermissionDenied
    form = ReplyForm(request.POST or None, instance=Reply(body=reply.body))
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_reply(reply=reply, by=user, body=form.cleaned_data["body"])
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your reply was saved."))
            return redirect(f"{_topic_url(reply.topic)}#reply-{reply.pk}")
    return render(
        request,
        "groups/reply_form.html",
        {"group": reply.topic.group, "topic": reply.topic, "reply": reply, "form": form},
    )


@login_required
@require_POST
def reply_delete(request: HttpRequest, slug: str, pk: int, reply_pk: int) -> HttpResponse:
    reply, _membership = get_reply_or_404(request.user, slug, pk, reply_pk)
    topic = reply.topic
    run_action(
        request,
        lambda: services.delete_reply(reply=reply, by=current_user(request)),
        _("The reply was deleted."),
    )
    return redirect(_topic_url(topic))
