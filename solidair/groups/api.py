"""Groups in the JSON API (mounted by config/api.py at /groups).

- ``GET /groups`` (filters theme, neighbourhood, visibility, q; paginated) and
  ``POST /groups`` (token; ``name``, ``description``, ``visibility``, optional ``theme``,
  ``neighbourhood`` slugs) → 201 with the group and its ``slug``.
- ``GET /groups/{slug}``; ``POST /groups/{slug}/join`` (``motivation`` for a closed group).
- ``GET /groups/{slug}/members``, ``GET|POST /groups/{slug}/topics``,
  ``GET|POST /groups/{slug}/topics/{id}/replies``: the group's content. For a closed group
  these answer 404 to anyone who is not an active member, exactly as for a missing group
  or topic.

What the moderators hid answers like something missing: a hidden group 404 for everyone
but its owner, administrators and the moderators; hidden topics and replies are left out
of lists (404 on their own) for everyone but their author and the moderators.

People appear by display name only; an email address is never part of an answer.
"""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination, paginate

from solidair.core.api_auth import required_auth
from solidair.core.apihelpers import api_user as _user
from solidair.core.apihelpers import raise_service_error as _raise_validation
from solidair.core.markdown import render_markdown
from solidair.core.models import Neighbourhood, Sector
from solidair.core.ratelimit import check_rate_limit

from . import services
from .models import Group, GroupMembership, Reply, Topic
from .permissions import get_group_content_or_404, get_group_or_404, get_topic_or_404
from .querysets import GroupMembershipQuerySet, GroupQuerySet, ReplyQuerySet, TopicQuerySet

router = Router(tags=["groups"])


class GroupsPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100, description="Default 20.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=20, max_page_size=100, **kwargs)


def _abs(request: HttpRequest, name: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


# --- schemas ----------------------------------------------------------------------------------


class GroupOut(Schema):
    slug: str
    name: str
    description: str = Field(description="Markdown, as written.")
    description_html: str
    visibility: Literal["open", "closed"]
    theme: str | None = Field(description="Theme (sector) slug.")
    neighbourhood: str | None = Field(description="Neighbourhood slug.")
    organisation: str | None = Field(description="Organisation slug.")
    member_count: int
    image_url: str | None
    url: str
    created_at: datetime

    @staticmethod
    def resolve_description_html(obj: Group) -> str:
        return render_markdown(obj.description)

    @staticmethod
    def resolve_theme(obj: Group) -> str | None:
        return obj.theme.slug if obj.theme else None

    @staticmethod
    def resolve_neighbourhood(obj: Group) -> str | None:
        return obj.neighbourhood.slug if obj.neighbourhood else None

    @staticmethod
    def resolve_organisation(obj: Group) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_member_count(obj: Group) -> int:
        return int(getattr(obj, "member_count", 0) or 0)

    @staticmethod
    def resolve_image_url(obj: Group, context: dict[str, Any]) -> str | None:
        return context["request"].build_absolute_uri(obj.image.url) if obj.image else None

    @staticmethod
    def resolve_url(obj: Group, context: dict[str, Any]) -> str:
        return _abs(context["request"], "groups:detail", slug=obj.slug)


class GroupIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    description: str = Field(..., min_length=1, max_length=5000)
    visibility: Literal["open", "closed"]
    theme: str | None = Field(None, max_length=80, description="Theme (sector) slug.")
    neighbourhood: str | None = Field(None, max_length=80, description="Neighbourhood slug.")


class GroupFilters(Schema):
    theme: str | None = Field(None, max_length=80)
    neighbourhood: str | None = Field(None, max_length=80)
    visibility: Literal["open", "closed"] | None = None
    q: str | None = Field(None, max_length=100, description="Words in the name or description.")


class JoinIn(Schema):
    motivation: str = Field("", max_length=500, description="Required for a closed group.")


class MembershipOut(Schema):
    group: str
    state: str = Field(description="active, or requested for a closed group.")
    role: str


class MemberOut(Schema):
    name: str
    role: str
    joined_at: datetime | None

    @staticmethod
    def resolve_name(obj: GroupMembership) -> str:
        return obj.user.display_name


class TopicOut(Schema):
    id: int
    title: str
    body: str
    body_html: str
    author: str | None
    pinned: bool
    locked: bool
    reply_count: int
    created_at: datetime
    last_activity_at: datetime
    url: str

    @staticmethod
    def resolve_body_html(obj: Topic) -> str:
        return render_markdown(obj.body)

    @staticmethod
    def resolve_author(obj: Topic) -> str | None:
        return obj.author.display_name if obj.author else None

    @staticmethod
    def resolve_url(obj: Topic, context: dict[str, Any]) -> str:
        return _abs(context["request"], "groups:topic", slug=obj.group.slug, pk=obj.pk)


class TopicIn(Schema):
    title: str = Field(..., min_length=1, max_length=150)
    body: str = Field(..., min_length=1, max_length=10000)


class ReplyOut(Schema):
    id: int
    body: str
    body_html: str
    author: str | None
    created_at: datetime
    edited_at: datetime | None

    @staticmethod
    def resolve_body_html(obj: Reply) -> str:
        return render_markdown(obj.body)

    @staticmethod
    def resolve_author(obj: Reply) -> str | None:
        return obj.author.display_name if obj.author else None


class ReplyIn(Schema):
    body: str = Field(..., min_length=1, max_length=10000)


# --- endpoints ---------------------------------------------------------------------------


@router.get("", response=list[GroupOut], summary="List groups", operation_id="list_groups")
@paginate(GroupsPagination)
def list_groups(request: HttpRequest, filters: Query[GroupFilters]) -> GroupQuerySet:
    """Every group (open and closed: their existence and description are public),
    alphabetically."""
    return Group.objects.visible_to(_user(request)).directory(**filters.dict())


@router.post(
    "",
    response={201: GroupOut},
    auth=required_auth,
    summary="Start a group",
    operation_id="create_group",
)
def create_group(request: HttpRequest, payload: GroupIn) -> Status[Group]:
    """Start a group; you become its owner. Answers 201 with the group (its `slug`)."""
    check_rate_limit(request, group="groups.create", rate="10/h")
    data: dict[str, Any] = payload.dict()
    for field, model in (("theme", Sector), ("neighbourhood", Neighbourhood)):
        slug = data.pop(field)
        if slug:
            found = model._default_manager.filter(slug=slug).first()
            if found is None:
                raise NinjaValidationError(
                    [{"loc": ["body", field], "msg": "Unknown slug.", "type": "invalid"}]
                )
            data[field] = found
    try:
        group = services.create_group(creator=_user(request), data=data)
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return Status(201, get_group_or_404(_user(request), group.slug))


@router.get("/{slug}", response=GroupOut, summary="One group", operation_id="get_group")
def get_group(request: HttpRequest, slug: str) -> Group:
    """A group's public side (also of a closed group)."""
    return get_group_or_404(_user(request), slug)


@router.post(
    "/{slug}/join",
    response={200: MembershipOut},
    auth=required_auth,
    summary="Join a group or ask to join",
    operation_id="join_group",
)
def join_group(request: HttpRequest, slug: str, payload: JoinIn) -> dict[str, str]:
    """Join an open group (state `active`) or ask to join a closed one (state `requested`,
    `motivation` required). Joining twice answers 400."""
    check_rate_limit(request, group="groups.join", rate="30/h")
    group = get_group_or_404(_user(request), slug)
    try:
        membership = services.join_group(
            group=group, user=_user(request), motivation=payload.motivation
        )
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return {"group": group.slug, "state": membership.state, "role": membership.role}


@router.get(
    "/{slug}/members",
    response=list[MemberOut],
    summary="Members of a group",
    operation_id="list_group_members",
)
@paginate(GroupsPagination)
def list_group_members(request: HttpRequest, slug: str) -> GroupMembershipQuerySet:
    """Active members by role (display names only). 404 for a closed group you are not in."""
    group, _membership = get_group_content_or_404(_user(request), slug)
    return GroupMembership.objects.active().filter(group=group).with_people().by_role()


@router.get(
    "/{slug}/topics",
    response=list[TopicOut],
    summary="Topics of a group",
    operation_id="list_group_topics",
)
@paginate(GroupsPagination)
def list_group_topics(request: HttpRequest, slug: str, q: str | None = None) -> TopicQuerySet:
    """Pinned topics first, then the most recently active. 404 for a closed group you are
    not in."""
    group, _membership = get_group_content_or_404(_user(request), slug)
    topics = (
        Topic.objects.filter(group=group)
        .not_hidden_from(_user(request))
        .with_related()
        .in_group_order()
    )
    if q:
        topics = topics.search(q[:100])
    return topics


@router.post(
    "/{slug}/topics",
    response={201: TopicOut},
    auth=required_auth,
    summary="Start a topic",
    operation_id="create_group_topic",
)
def create_group_topic(request: HttpRequest, slug: str, payload: TopicIn) -> Status[Topic]:
    """Start a topic (active members). 404 for a closed group you are not in, 403 for an
    open group you did not join."""
    group, _membership = get_group_content_or_404(_user(request), slug)
    check_rate_limit(request, group="groups.message", rate="60/h")
    try:
        topic = services.create_topic(
            group=group, author=_user(request), title=payload.title, body=payload.body
        )
    except DjangoValidationError as exc:
        _raise_validation(exc)
    topic.group = group
    return Status(201, topic)


@router.get(
    "/{slug}/topics/{int:topic_id}/replies",
    response=list[ReplyOut],
    summary="Replies in a topic",
    operation_id="list_topic_replies",
)
@paginate(GroupsPagination)
def list_topic_replies(request: HttpRequest, slug: str, topic_id: int) -> ReplyQuerySet:
    """Replies, oldest first. 404 for a topic you may not read, as for a missing one."""
    topic, _membership = get_topic_or_404(_user(request), slug, topic_id)
    return (
        Reply.objects.filter(topic=topic)
        .not_hidden_from(_user(request))
        .with_related()
        .order_by("created_at", "pk")
    )


@router.post(
    "/{slug}/topics/{int:topic_id}/replies",
    response={201: ReplyOut},
    auth=required_auth,
    summary="Reply in a topic",
    operation_id="create_topic_reply",
)
def create_topic_reply(
    request: HttpRequest, slug: str, topic_id: int, payload: ReplyIn
) -> Status[Reply]:
    """Reply (active members). A locked topic answers 400."""
    topic, _membership = get_topic_or_404(_user(request), slug, topic_id)
    check_rate_limit(request, group="groups.message", rate="60/h")
    try:
        reply = services.reply_to_topic(topic=topic, author=_user(request), body=payload.body)
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return Status(201, reply)
