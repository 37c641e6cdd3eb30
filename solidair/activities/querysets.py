"""Reads: chainable querysets for events, occurrences and registrations, and
`upcoming_occurrences`, the contract other apps (home page, training overview) rely on."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeAlias

from django.db import models
from django.utils import timezone

from solidair.moderation.permissions import not_hidden_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    from .models import Event, Occurrence, Registration  # noqa: F401

    AnyUser: TypeAlias = User | AnonymousUser

EVENT_TYPES = ("activity", "training", "meeting", "info-session")
# A query of more terms is cut: every term is one more condition.
MAX_QUERY_TERMS = 8


def _user_id(user: AnyUser) -> int:
    return int(user.pk or 0)


def _admin_organisation_ids(user: AnyUser) -> models.QuerySet[Any]:
    from solidair.organisations.models import Membership

    return Membership.objects.filter(user_id=_user_id(user), role__in=["owner", "admin"]).values(
        "organisation_id"
    )


def _is_staff(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def local_midnight(day: date) -> datetime:
    """The aware start of `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _public_event_q(prefix: str = "") -> models.Q:
    # An organisation the city rejected does not announce anything in its name.
    return models.Q(**{f"{prefix}organisation__isnull": True}) | ~models.Q(
        **{f"{prefix}organisation__status": "rejected"}
    )


def _manager_q(user: AnyUser, prefix: str = "") -> models.Q:
    return models.Q(**{f"{prefix}author_id": _user_id(user)}) | models.Q(
        **{f"{prefix}organisation__in": _admin_organisation_ids(user)}
    )


def _not_hidden_q(user: AnyUser, prefix: str = "") -> models.Q:
    """What the moderators hid stays visible to its organisers and the moderators only."""
    return not_hidden_q(user, seen_by=lambda: _manager_q(user, prefix), prefix=prefix)


def _group_q(user: AnyUser, prefix: str = "") -> models.Q:
    """Events for everyone, and group events of groups whose content `user` may see (open
    groups; closed ones only for their active members, not even for city staff)."""
    from solidair.groups.models import Group

    return models.Q(**{f"{prefix}group__isnull": True}) | models.Q(
        **{f"{prefix}group__in": Group.objects.visible_content_for(user).values("pk")}
    )


def _ref(field: str, value: Any, attribute: str = "slug") -> dict[str, Any]:
    if isinstance(value, models.Model):
        return {field: value}
    return {f"{field}__{attribute}": value}


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user: AnyUser) -> EventQuerySet:
        """Every event, except those announced for a rejected organisation (which only
        their managers and city staff still see), those of a closed group `user` is
        not an active member of, and those the moderators hid (only their organisers and
        the moderators still see them)."""
        rules = _group_q(user) & _not_hidden_q(user)
        if _is_staff(user):
            return self.filter(rules)
        if not user.is_authenticated:
            return self.filter(_public_event_q() & rules)
        return self.filter((_public_event_q() | _manager_q(user)) & rules)

    def managed_by(self, user: AnyUser) -> EventQuerySet:
        """Events `user` organises: their own and those of organisations they administer."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(_manager_q(user))

    def published(self) -> EventQuerySet:
        return self.filter(status="published")

    def with_related(self) -> EventQuerySet:
        return self.select_related(
            "organisation", "neighbourhood", "group", "author", "author__profile"
        ).prefetch_related("target_groups", "languages")


class OccurrenceQuerySet(models.QuerySet["Occurrence"]):
    def visible_to(self, user: AnyUser) -> OccurrenceQuerySet:
        """Occurrences of the events `user` may see (EventQuerySet.visible_to)."""
        group = _group_q(user, "event__") & _not_hidden_q(user, "event__")
        if _is_staff(user):
            return self.filter(group)
        if not user.is_authenticated:
            return self.filter(_public_event_q("event__") & group)
        return self.filter((_public_event_q("event__") | _manager_q(user, "event__")) & group)

    def not_cancelled(self) -> OccurrenceQuerySet:
        return self.filter(cancelled_at__isnull=True, event__status="published")

    def upcoming(self, start: datetime | None = None) -> OccurrenceQuerySet:
        """Not over yet at `start` (default now): an occurrence under way still counts."""
        return self.filter(ends_at__gt=start or timezone.now())

    def between(self, start: datetime | None, end: datetime | None) -> OccurrenceQuerySet:
        """Occurrences overlapping [start, end)."""
        qs = self
        if start is not None:
            qs = qs.filter(ends_at__gt=start)
        if end is not None:
            qs = qs.filter(starts_at__lt=end)
        return qs

    def chronological(self) -> OccurrenceQuerySet:
        return self.order_by("starts_at", "event_id", "pk")

    def with_related(self) -> OccurrenceQuerySet:
        """What a card shows, in a fixed number of queries."""
        return self.select_related(
            "event", "event__organisation", "event__neighbourhood"
        ).prefetch_related("event__languages", "event__target_groups")

    def with_counts(self) -> OccurrenceQuerySet:
        """`registered_count` and `waitlist_count` per occurrence."""
        return self.annotate(
            registered_count=models.Count(
                "registrations", filter=models.Q(registrations__status="registered")
            ),
            waitlist_count=models.Count(
                "registrations", filter=models.Q(registrations__status="waitlisted")
            ),
        )

    def search(self, q: str | None) -> OccurrenceQuerySet:
        """Every term of `q` must match a whole token of the event's search document
        (normalised like the exchange's posts: solidair.exchange.search)."""
        from solidair.exchange.search import query_terms

        if not q or not q.strip():
            return self
        terms = query_terms(q)[:MAX_QUERY_TERMS]
        if not terms:
            return self.none()
        qs = self
        for term in terms:
            qs = qs.filter(event__search_document__contains=f" {term} ")
        return qs

    def filter_list(
        self,
        *,
        types: Iterable[str] | None = None,
        neighbourhood: Any = None,
        target_group: Any = None,
        language: Any = None,
        organisation: Any = None,
        group: Any = None,
        free: bool = False,
        date_from: date | None = None,
        date_to: date | None = None,
        q: str | None = None,
    ) -> OccurrenceQuerySet:
        """The filters of the calendar page and the API. Reference filters take an
        instance or a slug (language: an ISO 639-1 code); empty values are ignored.
        `date_to` is inclusive. Does not restrict visibility: chain after visible_to()."""
        qs = self
        types = [t for t in (types or []) if t]
        if types:
            qs = qs.filter(event__type__in=types)
        if neighbourhood:
            qs = qs.filter(**_ref("event__neighbourhood", neighbourhood))
        if organisation:
            qs = qs.filter(**_ref("event__organisation", organisation))
        if group:
            qs = qs.filter(**_ref("event__group", group))
        if target_group:
            from .models import Event

            qs = qs.filter(
                event__in=Event.objects.filter(**_ref("target_groups", target_group)).values("pk")
            )
        if language:
            from .models import Event

            qs = qs.filter(
                event__in=Event.objects.filter(**_ref("languages", language, "code")).values("pk")
            )
        if free:
            qs = qs.filter(models.Q(event__price__isnull=True) | models.Q(event__price=0))
        qs = qs.between(
            local_midnight(date_from) if date_from else None,
            local_midnight(date_to + timedelta(days=1)) if date_to else None,
        )
        return qs.search(q)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def not_hidden_from(self, user: AnyUser) -> RegistrationQuerySet:
        """Registrations except those for events the moderators hid from `user`."""
        return self.filter(_not_hidden_q(user, "occurrence__event__"))

    def registered(self) -> RegistrationQuerySet:
        return self.filter(status="registered")

    def waitlisted(self) -> RegistrationQuerySet:
        return self.filter(status="waitlisted")

    def queue_order(self) -> RegistrationQuerySet:
        return self.order_by("created_at", "pk")


def upcoming_occurrences(
    user: AnyUser,
    *,
    types: list[str] | None = None,
    limit: int | None = None,
    start: datetime | None = None,
) -> list[Occurrence]:
    """Occurrences not over yet at `start` (default now) and not cancelled, of events
    `user` may see (AnonymousUser allowed), soonest first; at most `limit` of them.
    `types` takes the values "activity", "training", "meeting", "info-session".

    Each occurrence has `.event` (with `.organisation` and `.neighbourhood` loaded),
    `.starts_at`, `.ends_at`, `.all_day` and `.get_absolute_url()`. Runs one query."""
    from .models import Occurrence

    qs = (
        Occurrence.objects.visible_to(user)
        .not_cancelled()
        .upcoming(start)
        .select_related("event", "event__organisation", "event__neighbourhood")
        .chronological()
    )
    if types:
        qs = qs.filter(event__type__in=list(types))
    if limit is not None:
        qs = qs[: max(limit, 0)]
    return list(qs)
