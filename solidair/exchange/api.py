"""Requests and offers in the JSON API (mounted by config/api.py at the API root).

The contract (field names, statuses) is used by integrations: keep it stable.

- ``POST /posts`` (token) → 201 with the post; invalid input → 422 naming the field.
- ``GET /posts`` (public: open posts only; filters kind, nature, category, neighbourhood,
  target_group, language, from, to, q; paginated), ``GET /posts/{id}``.
- ``PATCH /posts/{id}`` and ``POST /posts/{id}/close``: the author or the organisation's
  owner/admins.
- ``POST /posts/{id}/responses`` (``message``) opens a conversation.
- ``GET /conversations``, ``GET|POST /conversations/{id}/messages``: participants only.

People appear by display name only; an email address is never part of an answer.
"""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from solidair.core.api_auth import required_auth
from solidair.core.apihelpers import api_user as _user
from solidair.core.apihelpers import raise_service_error as _raise_validation
from solidair.core.markdown import render_markdown

from . import permissions, services
from .models import Conversation, Message, Post, Response
from .querysets import ConversationQuerySet, MessageQuerySet, PostQuerySet
from .ratelimits import check_message_rate, check_post_rate, check_response_rate

router = Router(tags=["requests and offers"])


class ExchangePagination(PageNumberPagination):
    class Input(Schema):
        # An upper bound keeps an absurd page number a 422 instead of an SQL overflow.
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100, description="Default 20.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=20, max_page_size=100, **kwargs)


# --- schemas ----------------------------------------------------------------------------------


class PostOut(Schema):
    id: int
    kind: str
    nature: str
    category: str = Field(description="Category slug.")
    title: str
    body: str = Field(description="Markdown, as written.")
    body_html: str = Field(description="The body rendered and sanitised.")
    neighbourhood: str = Field(description="Neighbourhood slug.")
    quantity: int | None
    quantity_open: int | None = Field(description="Still needed or available.")
    starts_on: date | None
    ends_on: date | None
    languages: list[str] = Field(description="ISO 639-1 codes.")
    target_groups: list[str] = Field(description="Target group slugs.")
    skills: list[str]
    time_commitment: str | None = Field(description='"once", "recurring" or null.')
    hours: int | None
    status: str
    organisation: str | None = Field(description="Slug of the organisation posting, or null.")
    group: str | None = Field(description="Slug of the group the post is only for, or null.")
    author: str = Field(description="The author's display name.")
    photos: list[str] = Field(description="Photo URLs.")
    created_at: datetime
    published_at: datetime | None
    expires_at: datetime
    url: str = Field(description="The post's page on the site.")

    @staticmethod
    def resolve_category(obj: Post) -> str:
        return obj.category.slug

    @staticmethod
    def resolve_body_html(obj: Post) -> str:
        return render_markdown(obj.body)

    @staticmethod
    def resolve_neighbourhood(obj: Post) -> str:
        return obj.neighbourhood.slug

    @staticmethod
    def resolve_languages(obj: Post) -> list[str]:
        # .all() uses the prefetched rows: no query per post.
        return [language.code for language in obj.languages.all()]

    @staticmethod
    def resolve_target_groups(obj: Post) -> list[str]:
        return [group.slug for group in obj.target_groups.all()]

    @staticmethod
    def resolve_skills(obj: Post) -> list[str]:
        return [str(skill) for skill in obj.skills or []]

    @staticmethod
    def resolve_time_commitment(obj: Post) -> str | None:
        return obj.time_commitment or None

    @staticmethod
    def resolve_organisation(obj: Post) -> str | None:
        return obj.organisation.slug if obj.organisation_id and obj.organisation else None

    @staticmethod
    def resolve_group(obj: Post) -> str | None:
        return obj.group.slug if obj.group_id and obj.group else None

    @staticmethod
    def resolve_author(obj: Post) -> str:
        # The organisation's name would hide who wrote it from the org's own admins; the
        # display name is what the site shows too. Never the email address.
        return obj.author.display_name

    @staticmethod
    def resolve_photos(obj: Post, context: dict[str, Any]) -> list[str]:
        request = context["request"]
        return [str(request.build_absolute_uri(photo.image.url)) for photo in obj.photos.all()]

    @staticmethod
    def resolve_url(obj: Post, context: dict[str, Any]) -> str:
        return str(context["request"].build_absolute_uri(obj.get_absolute_url()))


class PostIn(Schema):
    kind: Literal["request", "offer"]
    nature: Literal["goods", "volunteering"]
    category: str = Field(max_length=80, description="Category slug (of the same nature).")
    title: str = Field(max_length=120)
    body: str = Field(max_length=5000, description="Markdown.")
    neighbourhood: str = Field(max_length=80, description="Neighbourhood slug.")
    quantity: int | None = Field(None, description="Goods only; at least 1.")
    starts_on: date | None = None
    ends_on: date | None = None
    languages: list[str] = Field(default_factory=list, description="ISO 639-1 codes.")
    target_groups: list[str] = Field(default_factory=list, description="Target group slugs.")
    skills: list[str] = Field(default_factory=list, description="Volunteering only.")
    time_commitment: Literal["once", "recurring"] | None = Field(
        None, description="Volunteering only."
    )
    hours: int | None = Field(None, description="Volunteering only.")
    organisation: str | None = Field(
        None, max_length=80, description="Slug of an organisation you belong to."
    )
    group: str | None = Field(
        None,
        max_length=80,
        description="Slug of a group you are a member of: the post is then only for it "
        "(in a closed group only its members see it).",
    )


class PostPatch(Schema):
    kind: Literal["request", "offer"] | None = None
    nature: Literal["goods", "volunteering"] | None = None
    category: str | None = Field(None, max_length=80)
    title: str | None = Field(None, max_length=120)
    body: str | None = Field(None, max_length=5000)
    neighbourhood: str | None = Field(None, max_length=80)
    quantity: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    languages: list[str] | None = None
    target_groups: list[str] | None = None
    skills: list[str] | None = None
    time_commitment: Literal["once", "recurring"] | None = None
    hours: int | None = None
    organisation: str | None = Field(None, max_length=80)
    group: str | None = Field(None, max_length=80, description="A group's slug, or null.")


class PostFilters(Schema):
    kind: Literal["request", "offer"] | None = None
    nature: Literal["goods", "volunteering"] | None = None
    category: str | None = Field(None, max_length=80, description="Category slug.")
    neighbourhood: str | None = Field(None, max_length=80, description="Neighbourhood slug.")
    target_group: str | None = Field(None, max_length=80, description="Target group slug.")
    language: str | None = Field(None, max_length=8, description="ISO 639-1 code.")
    period_from: date | None = Field(
        None, alias="from", description="Only posts whose period overlaps from..to."
    )
    period_to: date | None = Field(None, alias="to")
    q: str | None = Field(None, max_length=200, description="Search words (all must match).")


class ResponseIn(Schema):
    message: str = Field(max_length=2000)


class ResponseOut(Schema):
    id: int
    post: int
    conversation: int
    message: str
    created_at: datetime

    @staticmethod
    def resolve_post(obj: Response) -> int:
        return obj.post_id

    @staticmethod
    def resolve_conversation(obj: Response) -> int:
        return obj.conversation_id


class ConversationOut(Schema):
    id: int
    post: int
    post_title: str
    responder: str = Field(description="The responder's display name.")
    poster: str = Field(description="The poster's display name (or organisation name).")
    unread_count: int
    last_message_at: datetime
    url: str

    @staticmethod
    def resolve_post(obj: Conversation) -> int:
        return obj.post_id

    @staticmethod
    def resolve_post_title(obj: Conversation) -> str:
        return obj.post.title

    @staticmethod
    def resolve_responder(obj: Conversation) -> str:
        return obj.responder.display_name

    @staticmethod
    def resolve_poster(obj: Conversation) -> str:
        post = obj.post
        if post.organisation_id and post.organisation:
            return post.organisation.name
        return post.author.display_name

    @staticmethod
    def resolve_unread_count(obj: Conversation) -> int:
        return int(getattr(obj, "unread_count", 0) or 0)

    @staticmethod
    def resolve_url(obj: Conversation, context: dict[str, Any]) -> str:
        return str(context["request"].build_absolute_uri(obj.get_absolute_url()))


class MessageOut(Schema):
    id: int
    sender: str | None = Field(description="The sender's display name.")
    mine: bool = Field(description="Whether you sent it.")
    body: str
    created_at: datetime

    @staticmethod
    def resolve_sender(obj: Message) -> str | None:
        return obj.sender.display_name if obj.sender_id and obj.sender else None

    @staticmethod
    def resolve_mine(obj: Message, context: dict[str, Any]) -> bool:
        return bool(obj.sender_id == _user(context["request"]).pk)


class MessageIn(Schema):
    body: str | None = Field(None, max_length=5000)
    message: str | None = Field(None, max_length=5000, description="Same as body.")


# --- endpoints -------------------------------------------------------------------------------


def _post_out(post: Post) -> Post:
    """The post again with everything PostOut shows (a bounded number of queries)."""
    return Post.objects.with_related().get(pk=post.pk)


@router.post(
    "/posts",
    response={201: PostOut},
    auth=required_auth,
    summary="Create a request or offer",
    operation_id="create_post",
)
def create_post(request: HttpRequest, payload: PostIn) -> Status[Post]:
    """Publish a post as yourself, or on behalf of an organisation you belong to."""
    check_post_rate(request)
    data = payload.dict()
    organisation = data.pop("organisation")
    group = data.pop("group")
    data["time_commitment"] = data["time_commitment"] or ""
    try:
        post = services.create_post(
            author=_user(request), data=data, organisation=organisation, group=group
        )
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return Status(201, _post_out(post))


@router.get(
    "/posts",
    response=list[PostOut],
    summary="List open requests and offers",
    operation_id="list_posts",
)
@paginate(ExchangePagination)
def list_posts(request: HttpRequest, filters: Query[PostFilters]) -> PostQuerySet:
    """Open public posts, newest first (with `q`: best match first on PostgreSQL)."""
    return Post.objects.listed_for(_user(request)).filter_list(**filters.dict()).with_related()


@router.get(
    "/posts/{int:post_id}",
    response=PostOut,
    summary="One post",
    operation_id="get_post",
)
def get_post(request: HttpRequest, post_id: int) -> Post:
    """An open post, or one of your own / your organisations' in any status."""
    return permissions.get_post_for_viewer_or_404(_user(request), post_id)


@router.patch(
    "/posts/{int:post_id}",
    response=PostOut,
    auth=required_auth,
    summary="Change a post",
    operation_id="update_post",
)
def update_post(request: HttpRequest, post_id: int, payload: PostPatch) -> Post:
    """Change the given fields (the author or the organisation's admins)."""
    post = permissions.get_post_for_editor_or_404(_user(request), post_id)
    data = payload.dict(exclude_unset=True)
    if "time_commitment" in data:
        data["time_commitment"] = data["time_commitment"] or ""
    try:
        services.update_post(post=post, by=_user(request), data=data)
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return _post_out(post)


@router.post(
    "/posts/{int:post_id}/close",
    response=PostOut,
    auth=required_auth,
    summary="Close a post",
    operation_id="close_post",
)
def close_post(request: HttpRequest, post_id: int) -> Post:
    """Close a post: nobody can respond any more (the author or the organisation's
    admins)."""
    post = permissions.get_post_for_editor_or_404(_user(request), post_id)
    try:
        services.close_post(post=post, by=_user(request))
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return _post_out(post)


@router.post(
    "/posts/{int:post_id}/responses",
    response={201: ResponseOut},
    auth=required_auth,
    summary="Respond to a post",
    operation_id="respond_to_post",
)
def respond_to_post(request: HttpRequest, post_id: int, payload: ResponseIn) -> Status[Response]:
    """React with a message; this opens a private conversation with the poster."""
    post = permissions.get_post_for_viewer_or_404(_user(request), post_id)
    check_response_rate(request)
    try:
        response = services.respond_to_post(
            post=post, responder=_user(request), message=payload.message
        )
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return Status(201, response)


@router.get(
    "/conversations",
    response=list[ConversationOut],
    auth=required_auth,
    summary="Your conversations",
    operation_id="list_conversations",
)
@paginate(ExchangePagination)
def list_conversations(request: HttpRequest) -> ConversationQuerySet:
    """Conversations you take part in, with unread counts, latest activity first."""
    return Conversation.objects.for_participant(_user(request))


def _conversation(request: HttpRequest, conversation_id: int) -> Conversation:
    return permissions.get_conversation_for_participant_or_404(_user(request), conversation_id)


@router.get(
    "/conversations/{int:conversation_id}/messages",
    response=list[MessageOut],
    auth=required_auth,
    summary="Messages of a conversation",
    operation_id="list_messages",
)
@paginate(ExchangePagination)
def list_messages(request: HttpRequest, conversation_id: int) -> MessageQuerySet:
    """Oldest first. Only participants may read them (others get 404)."""
    conversation = _conversation(request, conversation_id)
    return Message.objects.in_conversation(conversation).readable_by(_user(request))


@router.post(
    "/conversations/{int:conversation_id}/messages",
    response={201: MessageOut},
    auth=required_auth,
    summary="Send a message",
    operation_id="send_message",
)
def send_message(request: HttpRequest, conversation_id: int, payload: MessageIn) -> Status[Message]:
    """Write in a conversation you take part in (field `body`, or `message`)."""
    conversation = _conversation(request, conversation_id)
    check_message_rate(request)
    text = payload.body if payload.body is not None else payload.message
    try:
        message = services.send_message(
            conversation=conversation, sender=_user(request), body=text or ""
        )
    except DjangoValidationError as exc:
        _raise_validation(exc)
    return Status(201, message)
