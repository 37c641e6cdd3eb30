"""The personal dashboard: my requests and offers, responses waiting, matches."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from solidair.core.viewhelpers import current_user

from ..forms import MatchOutcomeForm
from ..models import Match, Post, Response

# Each list shows the most recent ones; a person with more has an organisation's worth of
# posts and finds the rest through the list page.
DASHBOARD_LIMIT = 50


@dataclass(frozen=True)
class MatchRow:
    match: Match
    # From the user's side: were they the one who responded?
    as_responder: bool
    my_answer: str


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    mine = (
        Post.objects.for_owner(user)
        .with_response_counts()
        .select_related("category", "organisation")
        .recent()
    )
    matches = [
        MatchRow(
            match=match,
            as_responder=match.counterpart_id == user.pk,
            my_answer=match.responder_answer
            if match.counterpart_id == user.pk
            else match.poster_answer,
        )
        for match in Match.objects.involving(user)
        .select_related("post__organisation")
        .order_by("-created_at", "-pk")[:DASHBOARD_LIMIT]
    ]
    return render(
        request,
        "exchange/dashboard.html",
        {
            "requests": list(mine.requests()[:DASHBOARD_LIMIT]),
            "offers": list(mine.offers()[:DASHBOARD_LIMIT]),
            "waiting": list(
                Response.objects.for_post_owner(user)
                .waiting()
                .with_related()
                .order_by("-created_at", "-pk")[:DASHBOARD_LIMIT]
            ),
            "matches": matches,
            "outcome_form": MatchOutcomeForm(),
        },
    )
