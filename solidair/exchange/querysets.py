"""Reads: chainable querysets for posts, conversations, messages, matches and reports."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from django.db import connections, models
from django.db.models.functions import Coalesce
from django.utils import timezone

from solidair.moderation.permissions import not_hidden_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    from .models import (  # noqa: F401
        Conversation,
        Match,
        Message,
        Post,
        Response,
    )

    AnyUser: TypeAlias = User | AnonymousUser

# Before any message: the "last read" of someone who never opened a conversation.
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# A query of more terms is cut: every term is one more condition.
MAX_QUERY_TERMS = 8


def _user_id(user: AnyUser) -> int:
    # Callers check is_authenticated first; an anonymous user (pk None) matches nobody.
    return int(user.pk or 0)


def _admin_organisation_ids(user: AnyUser) -> models.QuerySet[Any]:
    from solidair.organisations.models import Membership

    return Membership.objects.filter(user_id=_user_id(user), role__in=["owner", "admin"]).values(
        "organisation_id"
    )


def _member_organisation_ids(user: AnyUser) -> models.QuerySet[Any]:
    from solidair.organisations.models import Membership

    return Membership.objects.filter(user_id=_user_id(user)).values("organisation_id")


def _in_open_group_or_none() -> models.Q:
    """Posts for everyone, and those of open groups the moderators did not hide: a small
    subquery rather than a join, which counts the open posts from post_open_group_idx
    alone."""
    from solidair.groups.models import Group

    return models.Q(group__isnull=True) | models.Q(
        group__in=Group.objects.content_public().values("pk")
    )


def _in_visible_group(user: AnyUser) -> models.Q:
    """Posts for everyone, and those of groups whose content `user` may see."""
    from solidair.groups.models import Group

    return models.Q(group__isnull=True) | models.Q(
        group__in=Group.objects.visible_content_for(user).values("pk")
    )


def _ref(field: str, value: Any, attribute: str = "slug") -> dict[str, Any]:
    if isinstance(value, models.Model):
        return {field: value}
    return {f"{field}__{attribute}": value}


def _search_vector_sql(compiler: Any, connection: Any) -> tuple[str, list[Any]]:
    """The qualified name of the PostgreSQL-only column exchange_post.search_vector
    (migration 0002), derived from search_document's so table aliases stay right."""
    sql, params = compiler.compile(models.F("search_document").resolve_expression(compiler.query))
    column = connection.ops.quote_name("search_document")
    if not sql.endswith(column):
        raise ValueError(f"Unexpected column SQL for search_document: {sql}")
    return sql[: -len(column)] + connection.ops.quote_name("search_vector"), list(params)


class SearchMatch(models.Expression):
    """PostgreSQL: ``search_vector @@ plainto_tsquery('simple', q)`` — served by the GIN
    index on the stored vector (migration 0002)."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        vector, params = _search_vector_sql(compiler, connection)
        return f"{vector} @@ plainto_tsquery('simple'::regconfig, %s)", [*params, self.query]


class PostQuerySet(models.QuerySet["Post"]):
    def open(self) -> PostQuerySet:
        """Published, not closed, not past their expiry date (also before the daily
        expire_posts job has closed them), and not hidden by the moderators."""
        return self.filter(status="open", expires_at__gt=timezone.now(), hidden_at__isnull=True)

    def public(self) -> PostQuerySet:
        """Posts anyone may find: open ones, except those only for a closed group. (The
        home page, its figures, matching candidates and the anonymous list use this.)"""
        return self.open().not_in_closed_group()

    def not_in_closed_group(self) -> PostQuerySet:
        """Posts in any status that are for everyone or for an open group."""
        return self.filter(_in_open_group_or_none())

    def not_hidden_from(self, user: AnyUser) -> PostQuerySet:
        """Posts that are not in a group whose content `user` may not see."""
        return self.filter(_in_visible_group(user))

    def listed_for(self, user: AnyUser) -> PostQuerySet:
        """The open posts of the list for `user`: the public ones, and for a signed-in
        person also those only for a closed group they are an active member of."""
        if not user.is_authenticated:
            return self.public()
        return self.open().not_hidden_from(user)

    def visible_to(self, user: AnyUser) -> PostQuerySet:
        """Open posts for everyone; for a signed-in user also the posts of organisations
        they belong to (any status) and posts they responded to. A post only for a closed
        group stays hidden from everyone but its active members (a removed member loses it
        at once, whatever their role elsewhere), except from its author. A post the
        moderators hid is seen only by its author and the moderators."""
        public = models.Q(status="open", expires_at__gt=timezone.now())
        in_group = _in_visible_group(user) & not_hidden_q(
            user, seen_by=lambda: models.Q(author=user)
        )
        if not user.is_authenticated:
            return self.filter(public & in_group)
        from .models import Conversation

        responded = models.Exists(
            Conversation.objects.filter(post=models.OuterRef("pk"), responder=user)
        )
        return self.filter(
            models.Q(author=user)
            | (
                (public | models.Q(organisation__in=_member_organisation_ids(user)) | responded)
                & in_group
            )
        )

    def volunteer_vacancies(self) -> PostQuerySet:
        """Open requests for volunteer help on behalf of a verified organisation: the
        vacancies the volunteer information point bundles (solidair.info)."""
        return self.public().filter(
            kind="request", nature="volunteering", organisation__status="verified"
        )

    def for_owner(self, user: AnyUser) -> PostQuerySet:
        """Posts `user` manages: their own and those of organisations they administer
        (owner or admin), in any status. For the personal dashboard."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(author=user) | models.Q(organisation__in=_admin_organisation_ids(user))
        )

    def editable_by(self, user: AnyUser) -> PostQuerySet:
        """Same rule as for_owner: the author and the organisation's owner/admins."""
        return self.for_owner(user)

    def requests(self) -> PostQuerySet:
        return self.filter(kind="request")

    def offers(self) -> PostQuerySet:
        return self.filter(kind="offer")

    def with_related(self) -> PostQuerySet:
        """Everything a card or the detail page shows, in a bounded number of queries."""
        return self.select_related(
            "category", "neighbourhood", "organisation", "group", "author", "author__profile"
        ).prefetch_related("photos", "languages", "target_groups")

    def recent(self) -> PostQuerySet:
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-created_at", "-pk")

    def with_response_counts(self) -> PostQuerySet:
        """`response_count` and `match_count` per post (dashboard)."""
        return self.annotate(
            response_count=models.Count("responses", distinct=True),
            match_count=models.Count("matches", distinct=True),
        )

    def overlapping(self, period_from: date | None, period_to: date | None) -> PostQuerySet:
        """Posts whose period overlaps [period_from, period_to]; posts without a period
        (or an open end) always overlap."""
        qs = self
        if period_to is not None:
            qs = qs.filter(models.Q(starts_on__isnull=True) | models.Q(starts_on__lte=period_to))
        if period_from is not None:
            qs = qs.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=period_from))
        return qs

    def search(self, q: str | None) -> PostQuerySet:
        """Every term of `q` must match (AND), after the same normalisation as the indexed
        document (solidair.exchange.search). PostgreSQL: full-text search over the
        precomputed document (GIN index); SQLite: whole tokens in the space-padded
        document. Both give the same matches, newest first. Not ranked: every token stands
        once in a document, so ts_rank would give all matches of a query the same score
        and only cost time."""
        from .search import query_terms

        terms = query_terms(q or "")[:MAX_QUERY_TERMS]
        if not q or not q.strip():
            return self
        if not terms:
            # Only stop words or punctuation: nothing can match every term.
            return self.none()
        postgresql = connections[self.db].vendor == "postgresql"
        query = " ".join(terms)
        if postgresql:
            return self.filter(SearchMatch(query))
        qs = self
        for term in terms:
            qs = qs.filter(search_document__contains=f" {term} ")
        return qs

    def ordered_for_list(self) -> PostQuerySet:
        return self.order_by("-published_at", "-pk")

    def filter_list(
        self,
        *,
        kind: str | None = None,
        nature: str | None = None,
        category: Any = None,
        neighbourhood: Any = None,
        target_group: Any = None,
        language: Any = None,
        period_from: date | None = None,
        period_to: date | None = None,
        q: str | None = None,
    ) -> PostQuerySet:
        """The filters of the list page and the API. Reference filters take an instance
        or a slug (language: an ISO 639-1 code); empty values are ignored. Ordered newest
        first. Does not restrict visibility: chain after open()/visible_to()."""
        qs = self
        if kind:
            qs = qs.filter(kind=kind)
        if nature:
            qs = qs.filter(nature=nature)
        if category:
            qs = qs.filter(**_ref("category", category))
        if neighbourhood:
            qs = qs.filter(**_ref("neighbourhood", neighbourhood))
        if target_group:
            # Exists, not a join: a join on an M2M would repeat rows.
            from .models import Post

            through = Post.target_groups.through.objects.filter(
                post_id=models.OuterRef("pk"), **_ref("targetgroup", target_group)
            )
            qs = qs.filter(models.Exists(through))
        if language:
            from .models import Post

            through_lang = Post.languages.through.objects.filter(
                post_id=models.OuterRef("pk"), **_ref("language", language, "code")
            )
            qs = qs.filter(models.Exists(through_lang))
        qs = qs.overlapping(period_from, period_to)
        if q and q.strip():
            qs = qs.search(q)
        return qs.ordered_for_list()


class ResponseQuerySet(models.QuerySet["Response"]):
    def waiting(self) -> ResponseQuerySet:
        """Responses not accepted yet, to posts that are still open."""
        return self.filter(accepted_at__isnull=True, post__status="open")

    def for_post_owner(self, user: AnyUser) -> ResponseQuerySet:
        """Responses to the posts `user` manages."""
        if not user.is_authenticated:
            return self.none()
        from .models import Post

        return self.filter(post__in=Post.objects.for_owner(user).values("pk")).readable()

    def readable(self) -> ResponseQuerySet:
        """Responses whose conversation has a message the post's side may read: a response
        held for review reaches them only once a moderator releases it."""
        from .models import Message

        return self.filter(
            models.Exists(
                Message.objects.filter(
                    conversation=models.OuterRef("conversation"), hidden_at__isnull=True
                )
            )
        )

    def with_related(self) -> ResponseQuerySet:
        return self.select_related("post", "responder__profile", "conversation")


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def for_participant(self, user: AnyUser) -> ConversationQuerySet:
        """The conversations `user` takes part in (as responder, as the post's author, or
        as owner/admin of the organisation the post is on behalf of), each annotated with
        `unread_count` (messages of others after the user's last read) and
        `last_read_at`, with post and responder loaded: one query. Newest activity first."""
        if not user.is_authenticated:
            return self.none()
        from .models import ConversationRead, Message

        last_read = ConversationRead.objects.filter(
            conversation=models.OuterRef("pk"), user=user
        ).values("last_read_at")[:1]
        unread = (
            Message.objects.filter(
                conversation=models.OuterRef("pk"),
                created_at__gt=models.OuterRef("last_read_at"),
                hidden_at__isnull=True,
            )
            .exclude(sender=user)
            .order_by()
            .values("conversation")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        # A conversation whose every message is held or hidden (a response held for
        # review) does not reach the other side until a moderator releases it.
        readable = models.Exists(
            Message.objects.filter(conversation=models.OuterRef("pk"), hidden_at__isnull=True)
        )
        return (
            self.filter(
                models.Q(responder=user)
                | (
                    (
                        models.Q(post__author=user)
                        | models.Q(post__organisation__in=_admin_organisation_ids(user))
                    )
                    & readable
                )
            )
            .annotate(
                last_read_at=Coalesce(
                    models.Subquery(last_read),
                    models.Value(_EPOCH, output_field=models.DateTimeField()),
                )
            )
            .annotate(
                unread_count=Coalesce(
                    models.Subquery(unread, output_field=models.IntegerField()),
                    models.Value(0),
                )
            )
            .select_related(
                "post",
                "post__author__profile",
                "post__organisation",
                "responder__profile",
            )
            .order_by("-last_message_at", "-pk")
        )

    def with_unread(self) -> ConversationQuerySet:
        # An annotation of for_participant(), which django-stubs cannot see.
        return self.filter(models.Q(unread_count__gt=0))


def unread_total(user: AnyUser) -> int:
    """How many unread messages `user` has over all conversations (header badge)."""
    from .models import Conversation

    if not user.is_authenticated:
        return 0
    result = Conversation.objects.for_participant(user).aggregate(total=models.Sum("unread_count"))
    return int(result["total"] or 0)


class MessageQuerySet(models.QuerySet["Message"]):
    def in_conversation(self, conversation: Conversation) -> MessageQuerySet:
        """The messages of a conversation, oldest first, with senders' display names.
        Chain `readable_by(user)`: held and hidden messages are for their sender only."""
        return (
            self.filter(conversation=conversation)
            .select_related("sender__profile")
            .order_by("created_at", "pk")
        )

    def readable_by(self, user: AnyUser) -> MessageQuerySet:
        """Leaves out messages the moderators hid or hold, except the reader's own."""
        if not user.is_authenticated:
            return self.filter(hidden_at__isnull=True)
        return self.filter(models.Q(hidden_at__isnull=True) | models.Q(sender=user))

    def after(self, moment: datetime | None) -> MessageQuerySet:
        """Messages newer than `moment` (htmx polling for new messages)."""
        return self if moment is None else self.filter(created_at__gt=moment)


class MatchQuerySet(models.QuerySet["Match"]):
    def involving(self, user: AnyUser) -> MatchQuerySet:
        """Matches where `user` is a party: the responder, the poster or an admin of the
        organisation the post is on behalf of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(counterpart=user)
            | models.Q(post__author=user)
            | models.Q(post__organisation__in=_admin_organisation_ids(user))
        ).select_related("post", "counterpart__profile", "post__author__profile")

    def not_asked(self) -> MatchQuerySet:
        return self.filter(asked_at__isnull=True)
