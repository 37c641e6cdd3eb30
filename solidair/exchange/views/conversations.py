"""The inbox, conversations (with htmx polling for new messages), accepting a response,
the "did the help happen?" question."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidair.core.viewhelpers import add_errors, current_user, error_message

from .. import services
from ..forms import MatchOutcomeForm, MessageForm
from ..models import Conversation, Match, Message
from ..models import Response as PostResponse
from ..permissions import (
    can_edit_post,
    get_conversation_for_participant_or_404,
    get_match_for_party_or_404,
    get_response_for_editor_or_404,
)
from ..ratelimits import check_message_rate

INBOX_PAGE_SIZE = 20
# How often the conversation page asks for new messages (htmx polling).
POLL_SECONDS = 5


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    conversations = Conversation.objects.for_participant(request.user)
    page_obj = Paginator(conversations, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "exchange/inbox.html",
        {"page_obj": page_obj, "conversations": page_obj.object_list},
    )


def _poll_url(conversation: Conversation, after: datetime | None) -> str:
    url = reverse("exchange:conversation_new", args=[conversation.pk])
    if after is None:
        return url
    return f"{url}?{urlencode({'after': after.isoformat()})}"


def _conversation_context(
    request: HttpRequest, conversation: Conversation, form: MessageForm
) -> dict[str, Any]:
    user = current_user(request)
    thread = list(Message.objects.in_conversation(conversation).readable_by(user))
    post = conversation.post
    is_editor = can_edit_post(user, post)
    # The reverse one-to-ones: the response that opened the conversation and its match.
    response = (
        PostResponse.objects.select_related("match").filter(conversation=conversation).first()
    )
    return {
        "conversation": conversation,
        "post": post,
        "thread": thread,
        "form": form,
        "is_editor": is_editor,
        "is_responder": conversation.responder_id == user.pk,
        "response": response,
        "match": getattr(response, "match", None) if response is not None else None,
        "poll_url": _poll_url(conversation, thread[-1].created_at if thread else None),
        "poll_seconds": POLL_SECONDS,
    }


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    conv = get_conversation_for_participant_or_404(request.user, pk)
    user = current_user(request)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        check_message_rate(request)
        if form.is_valid():
            try:
                message = services.send_message(
                    conversation=conv, sender=user, body=form.cleaned_data["body"]
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect(f"{conv.get_absolute_url()}#message-{message.pk}")
    else:
        # Opening the conversation reads it: the unread badge drops.
        services.mark_conversation_read(conversation=conv, user=user)
    return render(
        request,
        "exchange/conversation.html",
        _conversation_context(request, conv, form),
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def conversation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx polling: the messages after `after` (ISO timestamp of the newest one shown) and
    a fresh poller that asks from the newest one on."""
    conv = get_conversation_for_participant_or_404(request.user, pk)
    user = current_user(request)
    after: datetime | None = None
    raw = request.GET.get("after", "")
    if raw:
        try:
            after = datetime.fromisoformat(raw)
        except ValueError:
            return HttpResponseBadRequest(_("Invalid date."))
        if timezone.is_naive(after):
            after = timezone.make_aware(after, timezone.get_current_timezone())
    new = list(Message.objects.in_conversation(conv).readable_by(user).after(after))
    if new:
        services.mark_conversation_read(conversation=conv, user=user)
    newest = new[-1].created_at if new else after
    response = render(
        request,
        "exchange/conversation.html#new_messages",
        {
            "conversation": conv,
            "new_messages": new,
            "poll_url": _poll_url(conv, newest),
            "poll_seconds": POLL_SECONDS,
            "user": user,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_editor_or_404(request.user, pk)
    try:
        services.accept_response(response=response, by=current_user(request))
    except ValidationError as exc:
        error_message(request, exc)
    else:
        messages.success(
            request,
            _("You accepted %(name)s's response. Agree on the details in the conversation.")
            % {"name": response.responder.display_name},
        )
    return redirect("exchange:conversation", pk=response.conversation_id)


def _my_answer(match: Match, user_pk: int) -> str:
    return match.responder_answer if match.counterpart_id == user_pk else match.poster_answer


@login_required
@require_http_methods(["GET", "POST"])
def match_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    match = get_match_for_party_or_404(request.user, pk)
    user = current_user(request)
    answered = _my_answer(match, user.pk)
    form = MatchOutcomeForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            services.record_match_outcome(
                match=match, user=user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Thank you for letting us know."))
            return redirect("exchange:dashboard")
    elif request.method == "POST" and answered:
        messages.info(request, _("You already answered this question."))
        return redirect("exchange:dashboard")
    return render(
        request,
        "exchange/match_outcome.html",
        {"match": match, "form": form, "answered": answered},
        status=400 if form.errors else 200,
    )
