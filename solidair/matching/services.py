"""Writes of matching: saved searches, and telling people about new posts that fit theirs
(in-app notification + email at once or in the daily digest, never the same post twice,
at most MATCHING_EMAILS_PER_DAY matching emails a day)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from solidair.accounts.models import Profile, User
from solidair.core.emails import absolute_url, send_templated_email
from solidair.core.models import Category
from solidair.exchange.models import Post
from solidair.exchange.search import query_terms
from solidair.notifications.services import notify

from . import engine, selectors
from .models import Dismissal, Notice, SavedSearch, SentEmail
from .reasons import category_labels, reason_texts, reasons_as_data

MAX_SAVED_SEARCHES = 20
NAME_MAX = 100
# The owners of at most this many fitting posts hear about a new post ...
NOTIFY_LIMIT = 20
# ... and only when it fits well: a suggestion on the post page may be weaker than one
# that is worth a notification.
NOTIFY_MIN_SCORE = 0.45
# Filters of the posts list that a saved search keeps (exchange.forms.PostFilterForm).
FILTER_KEYS = (
    "q",
    "kind",
    "nature",
    "category",
    "neighbourhood",
    "target_group",
    "language",
    "period_from",
    "period_to",
)


def emails_per_day() -> int:
    """settings.MATCHING_EMAILS_PER_DAY (default 3, at least 1)."""
    return max(1, int(getattr(settings, "MATCHING_EMAILS_PER_DAY", 3)))


# --- saved searches ----------------------------------------------------------------------------


def _filter_form(query: str) -> Any:
    from solidair.exchange.forms import PostFilterForm

    return PostFilterForm(QueryDict(query))


def normalise_query(query: str) -> str:
    """The list's query string with only its filters, without empty values or a page
    number, keys sorted: two saved searches with the same filters are the same search."""
    params = QueryDict(query.lstrip("?"))
    kept = [
        (key, value.strip())
        for key in FILTER_KEYS
        for value in params.getlist(key)[:1]
        if value.strip()
    ]
    return urlencode(kept)


def filters_of(query: str) -> dict[str, Any]:
    """The valid filters of a saved query (invalid ones are dropped, as on the list)."""
    return {k: v for k, v in _filter_form(query).filters().items() if v}


def default_name(filters: Mapping[str, Any]) -> str:
    parts = []
    if filters.get("q"):
        parts.append(f"“{filters['q']}”")
    for key in ("kind", "nature"):
        if filters.get(key):
            choices = dict(Post.Kind.choices if key == "kind" else Post.Nature.choices)
            parts.append(str(choices.get(filters[key], filters[key])))
    category = _denormalised(filters)["category"]
    if category is not None:
        parts.append(category.label)
    for key in ("neighbourhood", "target_group", "language"):
        value = filters.get(key)
        if value:
            parts.append(str(getattr(value, "label", value)))
    return (", ".join(parts) or str(_("My search")))[:NAME_MAX]


def _denormalised(filters: Mapping[str, Any]) -> dict[str, Any]:
    category = filters.get("category")
    if category is not None and not isinstance(category, Category):
        category = Category.objects.filter(slug=str(category)).first()
    return {
        "kind": filters.get("kind") or "",
        "nature": filters.get("nature") or "",
        "category": category,
    }


@transaction.atomic
def save_search(*, user: User, query: str, frequency: str, name: str = "") -> SavedSearch:
    """Save a filter state of the posts list as an alert ("instant" or "daily"). Saving
    the same filters again updates the name and frequency. At most MAX_SAVED_SEARCHES per
    person. Raises ValidationError naming the field."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError({"frequency": _("Choose how often you want to hear about it.")})
    normalised = normalise_query(query)
    filters = filters_of(normalised)
    if not filters:
        raise ValidationError(
            {"query": _("Choose at least one filter or search word before you save a search.")}
        )
    if len(normalised) > 500:
        raise ValidationError({"query": _("This search is too long to save.")})
    clean_name = " ".join(name.split())[:NAME_MAX] or default_name(filters)
    existing = SavedSearch.objects.select_for_update().filter(user=user, query=normalised).first()
    if existing is not None:
        existing.name = clean_name
        existing.frequency = frequency
        existing.save(update_fields=["name", "frequency"])
        return existing
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            _("You have %(n)s saved searches, the most there can be. Delete one first.")
            % {"n": MAX_SAVED_SEARCHES}
        )
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(
                user=user,
                name=clean_name,
                query=normalised,
                frequency=frequency,
                **_denormalised(filters),
            )
    except IntegrityError:
        raise ValidationError(_("You saved this search already.")) from None


def update_saved_search(
    *, saved_search: SavedSearch, user: User, frequency: str, name: str | None = None
) -> SavedSearch:
    """Change how often (and optionally the name of) one's own saved search."""
    if saved_search.user_id != user.pk:
        raise PermissionDenied
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError({"frequency": _("Choose how often you want to hear about it.")})
    saved_search.frequency = frequency
    fields = ["frequency"]
    if name is not None and name.strip():
        saved_search.name = " ".join(name.split())[:NAME_MAX]
        fields.append("name")
    saved_search.save(update_fields=fields)
    return saved_search


def delete_saved_search(*, saved_search: SavedSearch, user: User) -> None:
    """Delete one's own saved search (what it already announced stays announced)."""
    if saved_search.user_id != user.pk:
        raise PermissionDenied
    saved_search.delete()


# --- suggestions ------------------------------------------------------------------------------


def dismiss_suggestion(*, post: Post, suggested: Post, by: User) -> Dismissal:
    """Hide a suggestion of `post` ("not a fit"), for everyone who manages the post.
    Dismissing it again changes nothing."""
    from solidair.exchange.permissions import can_edit_post

    if not can_edit_post(by, post):
        raise PermissionDenied
    if suggested.pk == post.pk:
        raise ValidationError(_("A post cannot be a suggestion for itself."))
    dismissal, _created = Dismissal.objects.get_or_create(
        post=post, suggested=suggested, defaults={"user": by}
    )
    return dismissal


# --- does a new post pass a saved search? -------------------------------------------------------


@dataclass(frozen=True)
class PostFacts:
    """What a saved search looks at, loaded once per new post (reference data by slug,
    languages by ISO code)."""

    kind: str
    nature: str
    category: str
    neighbourhood: str
    target_groups: frozenset[str]
    languages: frozenset[str]
    starts_on: date | None
    ends_on: date | None
    tokens: frozenset[str]

    @classmethod
    def of(cls, post: Post) -> PostFacts:
        return cls(
            kind=post.kind,
            nature=post.nature,
            category=post.category.slug,
            neighbourhood=post.neighbourhood.slug,
            target_groups=frozenset(g.slug for g in post.target_groups.all()),
            languages=frozenset(lang.code for lang in post.languages.all()),
            starts_on=post.starts_on,
            ends_on=post.ends_on,
            tokens=frozenset(post.search_document.split()),
        )


def _ref(value: Any, attribute: str = "slug") -> str:
    # The filter form gives a slug for some fields and a model instance for others.
    return str(getattr(value, attribute, value))


def passes(filters: Mapping[str, Any], facts: PostFacts) -> bool:
    """The rules of PostQuerySet.filter_list, applied to one post in Python."""
    if filters.get("kind") and filters["kind"] != facts.kind:
        return False
    if filters.get("nature") and filters["nature"] != facts.nature:
        return False
    if filters.get("category") and _ref(filters["category"]) != facts.category:
        return False
    if filters.get("neighbourhood") and _ref(filters["neighbourhood"]) != facts.neighbourhood:
        return False
    group = filters.get("target_group")
    if group and _ref(group) not in facts.target_groups:
        return False
    language = filters.get("language")
    if language and _ref(language, "code") not in facts.languages:
        return False
    period_from, period_to = filters.get("period_from"), filters.get("period_to")
    if period_to is not None and facts.starts_on is not None and facts.starts_on > period_to:
        return False
    if period_from is not None and facts.ends_on is not None and facts.ends_on < period_from:
        return False
    if filters.get("q"):
        terms = query_terms(filters["q"])
        if not terms or not all(term in facts.tokens for term in terms):
            return False
    return True


def saved_searches_for_post(post: Post) -> list[tuple[SavedSearch, dict[str, Any]]]:
    """The saved searches (of active people other than the author) that the post passes.
    The database narrows them by kind, nature and category first."""
    from django.db.models import Q

    qs = (
        SavedSearch.objects.filter(Q(kind="") | Q(kind=post.kind))
        .filter(Q(nature="") | Q(nature=post.nature))
        .filter(Q(category__isnull=True) | Q(category_id=post.category_id))
        .filter(user__is_active=True)
        .exclude(user_id=post.author_id)
        .select_related("user__profile")
        .order_by("pk")
    )
    facts = PostFacts.of(post)
    found = []
    for saved in qs.iterator(chunk_size=500):
        filters = filters_of(saved.query)
        if filters and passes(filters, facts):
            found.append((saved, filters))
    return found


# --- telling people --------------------------------------------------------------------------


def _email_choice(user: User) -> str:
    profile: Profile | None = getattr(user, "profile", None)
    return profile.email_suggestions if profile is not None else Profile.EmailFrequency.DAILY


def _record(
    *,
    user: User,
    post: Post,
    source: str,
    digest: bool,
    email: bool,
    for_post: Post | None = None,
    saved_search: SavedSearch | None = None,
    score: float | None = None,
    reasons: list[dict[str, Any]] | None = None,
) -> Notice | None:
    """A Notice, unless the person heard of this post before (then None)."""
    try:
        with transaction.atomic():
            return Notice.objects.create(
                user=user,
                post=post,
                for_post=for_post,
                saved_search=saved_search,
                source=source,
                score=score,
                reasons=reasons or [],
                digest=digest,
                email=Notice.Email.PENDING if email else Notice.Email.NONE,
            )
    except IntegrityError:
        return None


def _organisation_admins(organisation_ids: set[Any]) -> dict[int, list[User]]:
    """The owners and admins of these organisations (one query): they manage the
    organisation's posts, so they hear what fits them, like the author."""
    from solidair.organisations.models import Membership

    found: dict[int, list[User]] = {}
    if not organisation_ids:
        return found
    memberships = (
        Membership.objects.filter(
            organisation_id__in=organisation_ids,
            role__in=[Membership.Role.OWNER, Membership.Role.ADMIN],
        )
        .select_related("user__profile")
        .order_by("pk")
    )
    for membership in memberships:
        found.setdefault(membership.organisation_id, []).append(membership.user)
    return found


@dataclass(frozen=True)
class AnnounceResult:
    suggestions: int
    saved_searches: int
    emails: int


def announce_post(*, post_id: int, send_emails: bool = True) -> AnnounceResult:
    """A post was published: tell the owners of the open posts it fits best (score of at
    least NOTIFY_MIN_SCORE, at most NOTIFY_LIMIT of them) and the people whose saved
    searches it passes. Each person hears of a post once (Notice), in-app at once and by
    email per their choice (Profile.email_suggestions; a saved search's own frequency),
    within MATCHING_EMAILS_PER_DAY. Safe to run twice. With `send_emails` False (demo
    content) nobody is emailed about the post, now or in a digest; in-app notifications
    still appear."""
    post = Post.objects.public().with_related().filter(pk=post_id).first()
    if post is None:
        return AnnounceResult(0, 0, 0)
    now = timezone.now()
    new_features = selectors.source_features(post)
    ranked = selectors.rank_for(post, limit=NOTIFY_LIMIT)
    fitting = {s.id: s for s in ranked if s.score >= NOTIFY_MIN_SCORE}
    owners = Post.objects.filter(pk__in=list(fitting)).select_related("author__profile")
    their_features = {f.id: f for f in selectors.features_for(owners)}
    suggestions = 0
    touched: set[int] = set()
    admins = _organisation_admins(
        {own.organisation_id for own in owners} | {post.organisation_id} - {None}
    )
    # The people who manage the new post hear nothing about it.
    managers = {post.author_id} | {u.pk for u in admins.get(post.organisation_id or 0, [])}
    pairs = [
        (fitting, person)
        for fitting in owners
        for person in [fitting.author, *admins.get(fitting.organisation_id or 0, [])]
    ]
    for own, owner in pairs:
        if not owner.is_active or owner.pk in managers or owner.pk in touched:
            continue
        # The reasons as the owner reads them: from their own post's side.
        scored = engine.score(their_features[own.pk], new_features, now=now)
        if scored is None:
            continue
        choice = _email_choice(owner)
        notice = _record(
            user=owner,
            post=post,
            source=Notice.Source.SUGGESTION,
            for_post=own,
            score=scored.score,
            reasons=reasons_as_data(scored.reasons),
            digest=choice == Profile.EmailFrequency.DAILY,
            email=choice != Profile.EmailFrequency.NEVER,
        )
        if notice is None:
            continue
        suggestions += 1
        touched.add(owner.pk)
        kind_title = (
            _("A new offer fits your request “%(own)s”: %(title)s")
            if own.kind == Post.Kind.REQUEST
            else _("A new request fits your offer “%(own)s”: %(title)s")
        )
        notify(
            user=owner,
            kind="matching.suggestion",
            title=kind_title,
            params={"own": own.title, "title": post.title},
            url=post.get_absolute_url(),
            key=f"matching:post:{post.pk}",
        )
    hits = 0
    for saved, _filters in saved_searches_for_post(post):
        person = saved.user
        choice = _email_choice(person)
        notice = _record(
            user=person,
            post=post,
            source=Notice.Source.SAVED_SEARCH,
            saved_search=saved,
            digest=saved.frequency == SavedSearch.Frequency.DAILY,
            email=choice != Profile.EmailFrequency.NEVER,
        )
        if notice is None:
            continue
        hits += 1
        touched.add(person.pk)
        notify(
            user=person,
            kind="matching.saved_search",
            title=_("New for your saved search “%(search)s”: %(title)s"),
            params={"search": saved.name, "title": post.title},
            url=post.get_absolute_url(),
            key=f"matching:post:{post.pk}",
        )
    if not send_emails:
        Notice.objects.filter(post=post, email=Notice.Email.PENDING).update(email=Notice.Email.NONE)
        return AnnounceResult(suggestions=suggestions, saved_searches=hits, emails=0)
    emails = sum(send_instant_emails(user_id=pk, now=now) for pk in sorted(touched))
    return AnnounceResult(suggestions=suggestions, saved_searches=hits, emails=emails)


def _sent_today(user_id: int, now: datetime) -> int:
    return SentEmail.objects.filter(user_id=user_id, sent_at__gt=now - timedelta(days=1)).count()


def _items(notices: list[Notice], language: str) -> list[dict[str, Any]]:
    with translation.override(language):
        labels = category_labels()
        return [
            {
                "title": notice.post.title,
                "kind": notice.post.get_kind_display(),
                "url": absolute_url(notice.post.get_absolute_url()),
                "for_title": notice.for_post.title if notice.for_post else "",
                "search_name": notice.saved_search.name if notice.saved_search else "",
                "reasons": reason_texts(
                    notice.reasons,
                    source_kind=notice.for_post.kind if notice.for_post else "",
                    categories=labels,
                )
                if notice.for_post
                else [],
            }
            for notice in notices
        ]


def _language(user: User) -> str:
    profile: Profile | None = getattr(user, "profile", None)
    return profile.preferred_language if profile is not None else settings.LANGUAGE_CODE


def _send(*, user: User, notices: list[Notice], template: str, now: datetime) -> bool:
    """One email about `notices` (still open posts only); marks them sent and logs it."""
    live = [
        n
        for n in notices
        if n.post.status == Post.Status.OPEN
        and n.post.expires_at > now
        and n.post.hidden_at is None
    ]
    gone = [n.pk for n in notices if n not in live]
    if gone:
        Notice.objects.filter(pk__in=gone).update(email=Notice.Email.NONE)
    if not live:
        return False
    send_templated_email(
        to=user,
        template=template,
        context={
            "items": _items(live, _language(user)),
            "count": len(live),
            "notifications_url": absolute_url(reverse("notifications:list")),
            "alerts_url": absolute_url(reverse("matching:alerts")),
        },
        # An email about one post is dropped if the moderators hide it before it goes out.
        about=("post", live[0].post_id) if len(live) == 1 else None,
    )
    Notice.objects.filter(pk__in=[n.pk for n in live]).update(
        email=Notice.Email.SENT, emailed_at=now
    )
    SentEmail.objects.create(user=user, sent_at=now, notice_count=len(live))
    return True


def _pending(user_id: int, *, digest: bool | None) -> list[Notice]:
    qs = Notice.objects.filter(user_id=user_id, email=Notice.Email.PENDING)
    if digest is not None:
        qs = qs.filter(digest=digest)
    return list(qs.select_related("post", "for_post", "saved_search").order_by("created_at", "pk"))


@transaction.atomic
def send_instant_emails(*, user_id: int, now: datetime | None = None) -> int:
    """Email a person their pending "at once" notices in one email, if today's cap allows;
    otherwise they wait for the daily digest. Returns the number of emails sent (0 or 1)."""
    now = now or timezone.now()
    user = (
        User.objects.select_related("profile")
        .select_for_update(of=("self",))
        .filter(pk=user_id)
        .first()
    )
    if user is None or not user.is_active:
        return 0
    notices = _pending(user_id, digest=False)
    if not notices:
        return 0
    if _sent_today(user_id, now) >= emails_per_day():
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(digest=True)
        return 0
    return int(_send(user=user, notices=notices, template="matching_new", now=now))


def send_matching_digests(*, now: datetime | None = None) -> int:
    """The daily matching digest: one email per person with everything pending for them
    (daily suggestions, daily saved searches, and "at once" notices held back by the daily
    cap), if the cap allows today. Returns the number of emails sent."""
    now = now or timezone.now()
    user_ids = sorted(
        set(
            Notice.objects.filter(email=Notice.Email.PENDING, created_at__lte=now).values_list(
                "user_id", flat=True
            )
        )
    )
    sent = 0
    for user_id in user_ids:
        with transaction.atomic():
            user = (
                User.objects.select_related("profile")
                .select_for_update(of=("self",))
                .filter(pk=user_id)
                .first()
            )
            if user is None or not user.is_active:
                continue
            if _email_choice(user) == Profile.EmailFrequency.NEVER:
                # Unsubscribed since: nothing goes out.
                Notice.objects.filter(user_id=user_id, email=Notice.Email.PENDING).update(
                    email=Notice.Email.NONE
                )
                continue
            if _sent_today(user_id, now) >= emails_per_day():
                continue
            notices = _pending(user_id, digest=None)
            sent += _send(user=user, notices=notices, template="matching_digest", now=now)
    return sent
