"""Object-level access on the write side (IDOR): nobody changes what is not theirs by
putting someone else's id, slug or token in a URL or a request body.

Every URL pattern whose route names an object (an id, a slug, a path or a token) is in
WRITES, classified once by what a POST to it may do:

- OWNER: only the people who manage the object may write. The attackers (anonymous, a
  signed-in `stranger` with no relation to anything, and a `rival` citizen who owns
  objects of every kind himself, responded to the victim's post and is a plain member of
  the victim's open group) POST plausible data with the victim's ids and, where the route
  nests a child under a parent, with the rival's own parent and the victim's child. The
  answer must be 403/404 (a redirect to the login page for anonymous) and NOTHING may
  change in the database, nor may an email go out. The same request by the rightful
  person must change something: that proves the data was good enough to act on.
- SELF: the request acts on the sender's own relation with the object (leave, unregister,
  email preference). People without that relation change nothing.
- OPEN: anyone signed in acts on their own behalf (respond to a post, join a group,
  register, report). They may add rows but change or delete nobody else's, and objects
  they cannot see (a draft, a closed group's content, someone else's message) answer
  403/404 and change nothing.
- TOKEN: the secret in the URL is the credential (email links). A forged token changes
  nothing.
- MODERATOR: moderators' actions. Everyone else (city editors too) is refused.
- READ: the route only reads: a POST (refused with 405 by most) changes nothing.

A new URL pattern with an argument fails `test_every_object_route_is_classified` until it
has a row. The API is walked through its OpenAPI schema the same way (API_WRITES): every
operation with a path parameter that writes, with a stranger's or the rival's bearer token
against another person's object. Reading another person's private objects through the API
(conversations, messages, notifications, registrations, tokens, a post's matches) is
refused or leaves them out.

The snapshot compares every row of every model (M2M tables included) before and after each
request, except sessions and "last used" timestamps, which legitimately move on any request.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from tests.test_access_matrix import World, site_patterns

pytestmark = pytest.mark.django_db

# --- the database snapshot -----------------------------------------------------------------

# Rows that any request may write: the session store, and "when was this last used" stamps
# (signing in sets last_login; every API call stamps its token).
SKIPPED_MODELS = {"sessions.Session"}
SKIPPED_FIELDS = {
    "accounts.User": {"last_login"},
    "accounts.ApiToken": {"last_used_at"},
    "mfa.Authenticator": {"last_used_at"},
}

Snapshot = dict[str, dict[Any, tuple[Any, ...]]]


def _snapshot_models() -> list[tuple[str, Any, list[str]]]:
    models = []
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed or opts.label in SKIPPED_MODELS:
            continue
        skipped = SKIPPED_FIELDS.get(opts.label, set())
        names = [f.attname for f in opts.concrete_fields if f.name not in skipped]
        models.append((opts.label, model, names))
    return models


def snapshot() -> Snapshot:
    """Every row of every model, by primary key."""
    state: Snapshot = {}
    for label, model, names in _snapshot_models():
        pk = model._meta.pk.attname
        rows = model._base_manager.order_by().values_list(pk, *names)
        state[label] = {row[0]: tuple(row[1:]) for row in rows}
    return state


def diff(before: Snapshot, after: Snapshot) -> list[str]:
    """What changed, one line per row: '+ label pk', '- label pk', '~ label pk: fields'."""
    names = {label: n for label, _m, n in _snapshot_models()}
    changes = []
    for label in sorted(before.keys() | after.keys()):
        old, new = before.get(label, {}), after.get(label, {})
        changes += [f"+ {label} {pk}" for pk in sorted(new.keys() - old.keys(), key=str)]
        changes += [f"- {label} {pk}" for pk in sorted(old.keys() - new.keys(), key=str)]
        for pk in sorted(old.keys() & new.keys(), key=str):
            if old[pk] != new[pk]:
                fields = [
                    n for n, a, b in zip(names[label], old[pk], new[pk], strict=True) if a != b
                ]
                changes.append(f"~ {label} {pk}: {', '.join(fields)}")
    return changes


def modified_rows(changes: list[str]) -> list[str]:
    """The lines of `changes` that alter or remove an existing row (not additions)."""
    return [c for c in changes if not c.startswith("+")]


# --- the arena: the matrix's world plus a rival ----------------------------------------------


class Arena:
    """The access matrix's World (objects of citizen, volunteer, org_admin, editor), plus:

    - `rival`: a citizen who owns one object of every kind (a request, with a photo; an
      organisation with a member and an open invitation; a closed group with a topic, a
      reply, a pending request and an invitation; an event; a saved search; a notification;
      an API token), who responded to the citizen's offer, and who is a plain member of
      `open_group`;
    - the victims' objects the World lacks: an open group (owned by org_admin, volunteer
      wrote a topic there, org_admin replied), a draft and a closed post of the citizen, a
      closed group's post and event, an unpublished article, a report about the citizen's
      post.
    """

    def __init__(self, world: World, rival: Any) -> None:
        from solidair.accounts.tokens import create_api_token

        self.w = world
        self.users = {**world.users, "rival": rival}
        self.rival = rival
        self.raw_tokens = dict(world.raw_tokens)
        self.rival_token, self.raw_tokens["rival"] = create_api_token(user=rival, name="rival")

    def user(self, persona: str) -> Any:
        return self.users[persona]

    # -- the victims' objects the World does not make

    @cached_property
    def open_group(self) -> Any:
        from solidair.groups.tests.factories import GroupFactory, member

        group = GroupFactory.create(name="Buren van de Rabot", slug="buren-rabot")
        member(group, self.users["org_admin"], role="owner")
        self.open_membership = member(group, self.users["volunteer"])
        self.rival_open_membership = member(group, self.rival)
        return group

    @cached_property
    def open_topic(self) -> Any:
        from solidair.groups.tests.factories import TopicFactory

        return TopicFactory.create(group=self.open_group, author=self.users["volunteer"])

    @cached_property
    def open_reply(self) -> Any:
        from solidair.groups.tests.factories import ReplyFactory

        return ReplyFactory.create(topic=self.open_topic, author=self.users["org_admin"])

    @cached_property
    def draft_post(self) -> Any:
        from solidair.exchange.tests.factories import PostFactory

        return PostFactory.create(author=self.users["citizen"], draft=True)

    @cached_property
    def closed_post(self) -> Any:
        from solidair.exchange.tests.factories import PostFactory

        return PostFactory.create(author=self.users["citizen"], closed=True)

    @cached_property
    def group_post(self) -> Any:
        """A post only for the closed group's members, by its member volunteer."""
        from solidair.exchange.tests.factories import PostFactory

        return PostFactory.create(author=self.users["volunteer"], group=self.w.group)

    @cached_property
    def group_event(self) -> Any:
        """An event only for the closed group's members."""
        from solidair.activities.tests.factories import EventFactory

        return EventFactory.create(author=self.users["org_admin"], group=self.w.group)

    @cached_property
    def hidden_post(self) -> Any:
        """The citizen's post, hidden by a moderator."""
        from django.utils import timezone

        from solidair.exchange.tests.factories import PostFactory

        return PostFactory.create(author=self.users["citizen"], hidden_at=timezone.now())

    @cached_property
    def unpublished_article(self) -> Any:
        from solidair.news.tests.factories import ArticleFactory

        return ArticleFactory.create(unpublished=True)

    @cached_property
    def report(self) -> Any:
        from django.contrib.contenttypes.models import ContentType

        from solidair.moderation.models import Report

        return Report.objects.create(
            target_type=ContentType.objects.get_for_model(self.w.post),
            target_id=self.w.post.pk,
            target_user=self.users["citizen"],
            reporter=self.users["volunteer"],
            reason="spam",
        )

    @cached_property
    def ceilings(self) -> Any:
        from solidair.info.models import AllowanceCeilings

        found = AllowanceCeilings.objects.order_by("-year").first()
        assert found is not None, "the migrations seed the allowance ceilings"
        return found

    # -- the rival's own objects

    @cached_property
    def rival_post(self) -> Any:
        """The rival's request: it fits the citizen's offer (same category)."""
        from solidair.exchange.tests.factories import PostFactory

        return PostFactory.create(author=self.rival, request=True, title="Zoek een tafel")

    @cached_property
    def rival_photo(self) -> Any:
        from solidair.exchange.models import PostPhoto

        return PostPhoto.objects.create(post=self.rival_post, image="posts/rival.jpg")

    @cached_property
    def rival_response(self) -> Any:
        """The rival responded to the citizen's offer."""
        from solidair.exchange.tests.factories import ResponseFactory

        return ResponseFactory.create(post=self.w.post, responder=self.rival)

    @cached_property
    def rival_organisation(self) -> Any:
        from solidair.accounts.tests.factories import UserFactory
        from solidair.organisations.models import Invitation
        from solidair.organisations.tests.factories import MembershipFactory, OrganisationFactory

        organisation = OrganisationFactory.create(name="Rivaal vzw", verified=True)
        MembershipFactory.create(organisation=organisation, user=self.rival, role="owner")
        MembershipFactory.create(organisation=organisation, user=UserFactory.create())
        Invitation.objects.create(
            organisation=organisation,
            email="rival-invitee@example.org",
            invited_by=self.rival,
            expires_at=self.w.invitation.expires_at,
        )
        return organisation

    @cached_property
    def rival_group(self) -> Any:
        from solidair.accounts.tests.factories import UserFactory
        from solidair.groups.tests.factories import GroupFactory, member

        group = GroupFactory.create(name="Rivalen", slug="rivalen", visibility="closed")
        member(group, self.rival, role="owner")
        member(group, UserFactory.create())
        member(group, UserFactory.create(), state="requested")
        return group

    @cached_property
    def rival_topic(self) -> Any:
        from solidair.groups.tests.factories import ReplyFactory, TopicFactory

        topic = TopicFactory.create(group=self.rival_group, author=self.rival)
        ReplyFactory.create(topic=topic, author=self.rival)
        return topic

    @cached_property
    def rival_event(self) -> Any:
        from solidair.activities.tests.factories import EventFactory

        return EventFactory.create(author=self.rival, organisation=self.rival_organisation)

    def build_rivals_belongings(self) -> None:
        """The rival owns all his objects before anyone attacks (an attacker with nothing
        of his own proves less)."""
        from solidair.matching.services import save_search
        from solidair.notifications.services import notify

        for name in (
            "rival_photo",
            "rival_response",
            "rival_topic",
            "rival_event",
            "open_reply",
        ):
            getattr(self, name)
        save_search(user=self.rival, query="q=tafel", frequency="daily")
        notify(user=self.rival, kind="test", title="Hallo rivaal", url="/posts/")


# --- classification ----------------------------------------------------------------------------

OWNER, SELF, OPEN, TOKEN, MODERATOR, READ = "owner", "self", "open", "token", "moderator", "read"

Kwargs = dict[str, Any]
Data = dict[str, Any]


@dataclass(frozen=True)
class Write:
    kind: str
    # URL kwargs naming the victims' objects (OWNER/SELF/MODERATOR/READ), the objects an
    # OPEN write may act on, or forged tokens (TOKEN).
    targets: Callable[[Arena], list[Kwargs]] = lambda a: []
    # Plausible form data: the rightful person's request would act on it.
    data: Callable[[Arena, Client], Data] = lambda a, c: {}
    # Who may do it (the control request; None when there is nothing to prove it on).
    owner: str | None = None
    # The rival's own parent object with the victim's child in it.
    mixed: Callable[[Arena], list[Kwargs]] = lambda a: []
    # Attackers besides anonymous, stranger and rival: people close to the object who still
    # may not do this (a plain member, the author of a submission, a city editor).
    also: tuple[str, ...] = ()
    # OPEN: the objects the sender cannot see (URL kwargs): 403/404 and nothing changes.
    private: Callable[[Arena], list[Kwargs]] = lambda a: []
    why: str = ""


def one(**kwargs: Any) -> Callable[[Arena], list[Kwargs]]:
    """Targets from attribute paths on the arena: one(pk="w.post.pk")."""

    def build(a: Arena) -> list[Kwargs]:
        return [{k: _path(a, v) if isinstance(v, str) else v for k, v in kwargs.items()}]

    return build


def _path(a: Arena, dotted: str) -> Any:
    value: Any = a
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def const(**data: Any) -> Callable[[Arena, Client], Data]:
    return lambda a, c: dict(data)


# -- plausible data for edit forms: what the rightful person's browser sends, one field changed


class _FormScraper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._multiple = False
        self._option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._form = []
            self.forms.append((attrs.get("action", ""), self._form))
        if self._form is None:
            return
        name = attrs.get("name", "")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._form.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self._form.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if self._form is None:
            return
        if tag == "select" and self._select:
            # A browser sends the first option of a single select when none is selected.
            if not self._select_chosen and self._select_first is not None and not self._multiple:
                self._form.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._form.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)


def scraped(**changes: str) -> Callable[[Arena, Client], Data]:
    """The edit form as the rightful person's page fills it in, with `changes` applied: the
    attackers send exactly what would have worked for the owner."""

    def build(a: Arena, owner: Client) -> Data:
        url = owner.url_under_attack  # type: ignore[attr-defined]
        page = owner.get(url)
        assert page.status_code == 200, f"the owner cannot open {url}: {page.status_code}"
        scraper = _FormScraper()
        scraper.feed(page.content.decode())
        for action, fields in scraper.forms:
            if urlparse(action).path in ("", url):
                values: dict[str, list[str]] = {}
                for name, value in fields:
                    values.setdefault(name, []).append(value)
                data: Data = {k: v[0] if len(v) == 1 else v for k, v in values.items()}
                data.pop("csrfmiddlewaretoken", None)
                data.update(changes)
                return data
        raise AssertionError(f"no POST form for {url} on the owner's page")

    return build


INTRUDER = "Changed by an intruder"

WRITES: dict[str, Write] = {
    # -- accounts
    "accounts:token_revoke": Write(OWNER, one(pk="w.api_token.pk"), owner="citizen"),
    "accounts:unsubscribe": Write(TOKEN, lambda a: [{"token": "forged-unsubscribe-token"}]),
    "accounts:person": Write(READ, lambda a: [{"pk": a.users["citizen"].pk}]),
    "account_confirm_email": Write(TOKEN, lambda a: [{"key": "forged-key"}]),
    "account_reset_password_from_key": Write(
        TOKEN,
        lambda a: [{"uidb36": "zz", "key": "set-password"}],
        data=const(password1="N1euw-wachtwoord!", password2="N1euw-wachtwoord!"),
    ),
    # -- organisations (org_admin owns `organisation`; volunteer is a plain member)
    "organisations:detail": Write(READ, one(slug="w.organisation.slug")),
    "organisations:edit": Write(
        OWNER,
        one(slug="w.organisation.slug"),
        data=scraped(name=INTRUDER, description=INTRUDER),
        owner="org_admin",
        also=("volunteer",),
    ),
    "organisations:members": Write(READ, one(slug="w.organisation.slug")),
    "organisations:invite": Write(
        OWNER,
        one(slug="w.organisation.slug"),
        data=const(email="intruder@example.org", role="admin"),
        owner="org_admin",
        also=("volunteer",),
    ),
    "organisations:member_role": Write(
        OWNER,
        one(slug="w.organisation.slug", pk="w.membership.pk"),
        data=const(role="admin"),
        owner="org_admin",
        mixed=lambda a: [{"slug": a.rival_organisation.slug, "pk": a.w.membership.pk}],
        also=("volunteer",),
        why="volunteer tries to promote himself",
    ),
    "organisations:member_remove": Write(
        OWNER,
        one(slug="w.organisation.slug", pk="w.membership.pk"),
        owner="org_admin",
        mixed=lambda a: [{"slug": a.rival_organisation.slug, "pk": a.w.membership.pk}],
    ),
    "organisations:invitation_revoke": Write(
        OWNER,
        one(slug="w.organisation.slug", pk="w.invitation.pk"),
        owner="org_admin",
        mixed=lambda a: [{"slug": a.rival_organisation.slug, "pk": a.w.invitation.pk}],
        also=("volunteer",),
    ),
    "organisations:leave": Write(
        SELF, one(slug="w.organisation.slug"), owner="volunteer", why="a member leaves"
    ),
    "organisations:transfer": Write(
        OWNER,
        one(slug="w.organisation.slug"),
        data=lambda a, c: {"membership": a.w.membership.pk, "confirm": "on"},
        owner="org_admin",
        also=("volunteer",),
    ),
    "organisations:invitation": Write(
        TOKEN,
        lambda a: [{"token": "forged-invitation-token"}],
        data=const(action="accept"),
        why="the token sent by email is the invitation",
    ),
    "activities:organisation_feed": Write(READ, one(slug="w.organisation.slug")),
    # -- exchange (citizen offers `post`; volunteer responded; the rival responded too)
    "exchange:detail": Write(READ, one(pk="w.post.pk")),
    "exchange:edit": Write(
        OWNER,
        one(pk="w.post.pk"),
        data=scraped(title=INTRUDER, body=INTRUDER),
        owner="citizen",
        also=("volunteer",),
    ),
    "exchange:publish": Write(OWNER, one(pk="draft_post.pk"), owner="citizen"),
    "exchange:close": Write(OWNER, one(pk="w.post.pk"), owner="citizen", also=("volunteer",)),
    "exchange:reopen": Write(OWNER, one(pk="closed_post.pk"), owner="citizen"),
    "exchange:extend": Write(OWNER, one(pk="w.post.pk"), data=const(weeks=4), owner="citizen"),
    "exchange:fulfil": Write(OWNER, one(pk="w.post.pk"), owner="citizen", also=("volunteer",)),
    "exchange:respond": Write(
        OPEN,
        one(pk="w.post.pk"),
        data=const(message="Ik kan helpen."),
        private=lambda a: [{"pk": a.draft_post.pk}, {"pk": a.group_post.pk}],
        why="anyone may respond to a post they can see",
    ),
    "exchange:photo_delete": Write(
        OWNER,
        one(pk="w.post.pk", photo_pk="w.photo.pk"),
        owner="citizen",
        mixed=lambda a: [{"pk": a.rival_post.pk, "photo_pk": a.w.photo.pk}],
    ),
    "exchange:conversation": Write(
        OWNER,
        one(pk="w.conversation.pk"),
        data=const(body=INTRUDER),
        owner="citizen",
        why="the two people in the conversation (POST sends a message)",
    ),
    "exchange:conversation_new": Write(READ, one(pk="w.conversation.pk")),
    "exchange:accept": Write(
        OWNER,
        lambda a: [{"pk": a.w.response.pk}, {"pk": a.rival_response.pk}],
        owner="citizen",
        why="only the poster accepts; the rival may not accept his own response either",
    ),
    "exchange:match_outcome": Write(
        OWNER, one(pk="w.match.pk"), data=const(answer="yes"), owner="citizen"
    ),
    # -- matching
    "matching:post_matches": Write(READ, one(pk="w.post.pk")),
    "matching:dismiss": Write(
        OWNER,
        lambda a: [{"pk": a.w.post.pk, "suggested_pk": a.rival_post.pk}],
        owner="citizen",
        why="dismissing a suggestion for someone else's post",
    ),
    "matching:alert_update": Write(
        OWNER,
        one(pk="w.saved_search.pk"),
        data=lambda a, c: {
            f"s{a.w.saved_search.pk}-name": INTRUDER,
            f"s{a.w.saved_search.pk}-frequency": "instant",
        },
        owner="citizen",
    ),
    "matching:alert_delete": Write(OWNER, one(pk="w.saved_search.pk"), owner="citizen"),
    # -- notifications
    "notifications:open": Write(READ, one(pk="w.notification.pk")),
    "notifications:read": Write(OWNER, one(pk="w.notification.pk"), owner="citizen"),
    # -- calendar (org_admin announced the organisation's training; citizen registered)
    "activities:private_feed": Write(READ, one(token="w.calendar_feed_token")),
    "activities:event": Write(READ, one(pk="w.event.pk")),
    "activities:event_ics": Write(READ, one(pk="w.event.pk")),
    "activities:occurrence": Write(READ, one(pk="w.occurrence.pk")),
    "activities:occurrence_ics": Write(READ, one(pk="w.occurrence.pk")),
    "activities:people": Write(READ, one(pk="w.occurrence.pk")),
    "activities:people_csv": Write(READ, one(pk="w.occurrence.pk")),
    "activities:edit": Write(
        OWNER,
        one(pk="w.event.pk"),
        data=scraped(title=INTRUDER),
        owner="org_admin",
        also=("volunteer",),
    ),
    "activities:cancel_event": Write(
        OWNER,
        one(pk="w.event.pk"),
        data=const(reason=INTRUDER),
        owner="org_admin",
        also=("volunteer",),
    ),
    "activities:cancel_occurrence": Write(
        OWNER,
        one(pk="w.occurrence.pk"),
        data=const(reason=INTRUDER),
        owner="org_admin",
        also=("volunteer",),
    ),
    "activities:message": Write(
        OWNER,
        one(pk="w.occurrence.pk"),
        data=const(subject=INTRUDER, body=INTRUDER),
        owner="org_admin",
        also=("volunteer",),
        why="emails the registered people",
    ),
    "activities:register": Write(
        OPEN,
        one(pk="w.occurrence.pk"),
        private=lambda a: [{"pk": a.group_event.occurrences.get().pk}],
        why="anyone may register for a date they can see",
    ),
    "activities:unregister": Write(
        SELF, one(pk="w.occurrence.pk"), owner="citizen", why="one's own registration"
    ),
    # -- news (city editors; the organisation's admin submitted `submitted_article`)
    "news:detail": Write(READ, one(slug="w.article.slug")),
    "news:tag_feed_rss": Write(READ, lambda a: [{"slug": a.w.article.tags.get().slug}]),
    "news:tag_feed_atom": Write(READ, lambda a: [{"slug": a.w.article.tags.get().slug}]),
    "news:edit": Write(
        OWNER,
        one(pk="w.article.pk"),
        data=scraped(title=INTRUDER),
        owner="editor",
        also=("moderator", "org_admin"),
    ),
    "news:publish": Write(
        OWNER, one(pk="unpublished_article.pk"), owner="editor", also=("moderator",)
    ),
    "news:unpublish": Write(OWNER, one(pk="w.article.pk"), owner="editor", also=("moderator",)),
    "news:review": Write(
        OWNER,
        one(pk="w.submitted_article.pk"),
        data=const(decision="approve", remark="ok"),
        owner="editor",
        also=("moderator", "org_admin"),
        why="the organisation's admin may not approve their own submission",
    ),
    # -- volunteer information (city editors)
    "info:page": Write(READ, one(path="w.info_page.path")),
    "info:page_edit": Write(
        OWNER,
        one(pk="w.info_page.pk"),
        data=scraped(title=INTRUDER),
        owner="editor",
        also=("moderator",),
    ),
    "info:page_reviewed": Write(
        OWNER, one(pk="w.info_page.pk"), owner="editor", also=("moderator",)
    ),
    "info:ceilings_edit": Write(
        OWNER,
        one(year="ceilings.year"),
        data=scraped(daily="1.00"),
        owner="editor",
        also=("moderator",),
    ),
    # -- groups (org_admin owns the closed `group` and `open_group`; volunteer is a member
    # of both and wrote their topics; org_admin replied; citizen asked to join the closed one)
    "groups:detail": Write(READ, one(slug="w.group.slug")),
    "groups:members": Write(READ, one(slug="w.group.slug")),
    "groups:invitation": Write(
        TOKEN, lambda a: [{"token": "forged-invitation-token"}], data=const(action="accept")
    ),
    "groups:unsubscribe": Write(TOKEN, lambda a: [{"token": "forged.token"}]),
    "groups:edit": Write(
        OWNER,
        lambda a: [{"slug": a.w.group.slug}, {"slug": a.open_group.slug}],
        data=scraped(name=INTRUDER, description=INTRUDER),
        owner="org_admin",
        also=("volunteer",),
    ),
    "groups:join": Write(
        OPEN,
        lambda a: [{"slug": a.w.group.slug}],
        data=const(motivation="Ik wil graag meedoen."),
        why="anyone may ask to join; a closed group's admins decide",
    ),
    "groups:leave": Write(SELF, one(slug="w.group.slug"), owner="volunteer"),
    "groups:notifications": Write(
        SELF, one(slug="w.group.slug"), data=const(notify="off"), owner="volunteer"
    ),
    "groups:invite": Write(
        OWNER,
        lambda a: [{"slug": a.w.group.slug}, {"slug": a.open_group.slug}],
        data=const(email="intruder@example.org"),
        owner="org_admin",
        also=("volunteer",),
    ),
    "groups:decide": Write(
        OWNER,
        lambda a: [{"slug": a.w.group.slug, "pk": a.w.group_request.pk}],
        data=const(action="accept"),
        owner="org_admin",
        mixed=lambda a: [{"slug": a.rival_group.slug, "pk": a.w.group_request.pk}],
        also=("citizen", "volunteer"),
        why="citizen may not accept his own request to join",
    ),
    "groups:member_role": Write(
        OWNER,
        lambda a: [
            {"slug": a.w.group.slug, "pk": a.w.group_membership.pk},
            {"slug": a.open_group.slug, "pk": a.open_membership.pk},
            {"slug": a.open_group.slug, "pk": a.rival_open_membership.pk},
        ],
        data=const(role="admin"),
        owner="org_admin",
        mixed=lambda a: [{"slug": a.rival_group.slug, "pk": a.w.group_membership.pk}],
        also=("volunteer",),
        why="a plain member may not promote himself (or anyone)",
    ),
    "groups:member_remove": Write(
        OWNER,
        lambda a: [
            {"slug": a.w.group.slug, "pk": a.w.group_membership.pk},
            {"slug": a.open_group.slug, "pk": a.open_membership.pk},
        ],
        owner="org_admin",
        mixed=lambda a: [{"slug": a.rival_group.slug, "pk": a.w.group_membership.pk}],
    ),
    "groups:invitation_revoke": Write(
        OWNER,
        lambda a: [{"slug": a.w.group.slug, "pk": a.w.group_invitation.pk}],
        owner="org_admin",
        mixed=lambda a: [{"slug": a.rival_group.slug, "pk": a.w.group_invitation.pk}],
        also=("volunteer",),
    ),
    "groups:transfer": Write(
        OWNER,
        one(slug="w.group.slug"),
        data=lambda a, c: {"membership": a.w.group_membership.pk, "confirm": "on"},
        owner="org_admin",
    ),
    "groups:topic_create": Write(
        OWNER,
        one(slug="w.group.slug"),
        data=const(title=INTRUDER, body=INTRUDER),
        owner="volunteer",
        also=("citizen",),
        why="a closed group's members only (citizen's request is still pending)",
    ),
    "groups:topic": Write(
        OWNER,
        lambda a: [{"slug": a.w.group.slug, "pk": a.w.topic.pk}],
        data=const(body=INTRUDER),
        owner="volunteer",
        mixed=lambda a: [{"slug": a.rival_group.slug, "pk": a.w.topic.pk}],
        also=("citizen",),
        why="POST replies: a closed group's members only",
    ),
    "groups:topic_edit": Write(
        OWNER,
        lambda a: [
            {"slug": a.w.group.slug, "pk": a.w.topic.pk},
            {"slug": a.open_group.slug, "pk": a.open_topic.pk},
        ],
        data=const(title=INTRUDER, body=INTRUDER),
        owner="volunteer",
        mixed=lambda a: [{"slug": a.rival_group.slug, "pk": a.w.topic.pk}],
        also=("org_admin",),
        why="the author only (the group's owner may delete, not edit)",
    ),
    "groups:topic_delete": Write(
        OWNER,
        lambda a: [
            {"slug": a.w.group.slug, "pk": a.w.topic.pk},
            {"slug": a.open_group.slug, "pk": a.open_topic.pk},
        ],
        owner="volunteer",
        mixed=lambda a: [{"slug": a.rival_group.slug, "pk": a.w.topic.pk}],
    ),
    "groups:topic_moderate": Write(
        OWNER,
        lambda a: [
            {"slug": a.w.group.slug, "pk": a.w.topic.pk},
            {"slug": a.open_group.slug, "pk": a.open_topic.pk},
        ],
        data=const(action="lock"),
        owner="org_admin",
        mixed=lambda a: [{"slug": a.rival_group.slug, "pk": a.w.topic.pk}],
        also=("volunteer",),
        why="the group's admins pin and lock; the topic's author is a plain member",
    ),
    "groups:reply_edit": Write(
        OWNER,
        lambda a: [
            {"slug": a.w.group.slug, "pk": a.w.topic.pk, "reply_pk": a.w.reply.pk},
            {"slug": a.open_group.slug, "pk": a.open_topic.pk, "reply_pk": a.open_reply.pk},
        ],
        data=const(body=INTRUDER),
        owner="org_admin",
        mixed=lambda a: [
            {"slug": a.rival_group.slug, "pk": a.rival_topic.pk, "reply_pk": a.w.reply.pk}
        ],
        also=("volunteer",),
        why="the author only",
    ),
    "groups:reply_delete": Write(
        OWNER,
        lambda a: [
            {"slug": a.w.group.slug, "pk": a.w.topic.pk, "reply_pk": a.w.reply.pk},
            {"slug": a.open_group.slug, "pk": a.open_topic.pk, "reply_pk": a.open_reply.pk},
        ],
        owner="org_admin",
        mixed=lambda a: [
            {"slug": a.rival_group.slug, "pk": a.rival_topic.pk, "reply_pk": a.w.reply.pk}
        ],
    ),
    # -- moderation: moderators only (city editors are staff, and still refused)
    "moderation:report": Write(
        OPEN,
        lambda a: [{"kind": "post", "pk": a.w.post.pk}],
        data=const(reason="spam", remark="Lijkt reclame."),
        private=lambda a: [
            {"kind": "message", "pk": a.w.message.pk},
            {"kind": "topic", "pk": a.w.topic.pk},
            {"kind": "post", "pk": a.draft_post.pk},
        ],
        why="anyone may report what they can see; not a message or topic they cannot read",
    ),
    "moderation:report_detail": Write(READ, one(pk="report.pk")),
    "moderation:person": Write(READ, lambda a: [{"pk": a.users["citizen"].pk}]),
    "moderation:decide": Write(
        MODERATOR,
        one(pk="report.pk"),
        data=const(content="hide", sanction="warn", remark=INTRUDER),
        owner="moderator",
        also=("editor",),
    ),
    "moderation:restore": Write(
        MODERATOR,
        lambda a: [{"kind": "post", "pk": a.hidden_post.pk}],
        data=const(remark=INTRUDER),
        owner="moderator",
        also=("editor",),
    ),
    "moderation:person_act": Write(
        MODERATOR,
        lambda a: [{"pk": a.users["citizen"].pk}],
        data=const(sanction="warn", remark=INTRUDER),
        owner="moderator",
        also=("editor",),
    ),
    # -- uploaded files
    "media": Write(READ, lambda a: [{"path": "posts/matrix.jpg"}]),
}

# Patterns that exist only under some settings.
OPTIONAL = {"media"}


def _has_argument(route: str) -> bool:
    return "<" in route or "(?P" in route


def object_routes() -> list[str]:
    """Every non-API, non-admin URL pattern whose route names something."""
    return sorted(
        p.key
        for p in site_patterns()
        if _has_argument(p.route) and not p.key.startswith("api:") and p.route != "^api/"
    )


# --- requests ----------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
ATTACKERS = (ANONYMOUS, "stranger", "rival")
REFUSED = {403, 404}


def is_login_redirect(response: Any) -> bool:
    if response.status_code != 302:
        return False
    return bool(urlparse(response["Location"]).path == resolve_url(settings.LOGIN_URL))


def client_for(arena: Arena, persona: str) -> Client:
    client = Client(headers={"accept-language": "en"})
    if persona != ANONYMOUS:
        client.force_login(arena.user(persona))
    return client


@dataclass
class Attempt:
    persona: str
    url: str
    status: int | str
    changes: list[str]
    emails: int

    def __str__(self) -> str:
        changed = f"; changed {self.changes}" if self.changes else ""
        emails = f"; sent {self.emails} email(s)" if self.emails else ""
        return f"{self.persona} POST {self.url}: {self.status}{changed}{emails}"


def attempt(client: Client, persona: str, url: str, data: Data) -> Attempt:
    """POST `data` to `url` and note the answer and everything it changed."""
    before, outbox = snapshot(), len(mail.outbox)
    try:
        response = client.post(url, data)
        status: int | str = "login" if is_login_redirect(response) else response.status_code
    except Exception as exc:  # the test client re-raises what would be a 500
        status = f"500 ({type(exc).__name__}: {exc})"
    return Attempt(persona, url, status, diff(before, snapshot()), len(mail.outbox) - outbox)


def build_arena(world: World) -> Arena:
    """The arena on top of the matrix's world, the rival's belongings made."""
    from solidair.accounts.tests.factories import UserFactory

    arena = Arena(world, UserFactory(profile__display_name="Rivaal"))
    arena.build_rivals_belongings()
    return arena


@pytest.fixture
def arena(world: World, settings: Any) -> Arena:
    # Rate limits would answer 429 before the access check under test.
    settings.RATELIMIT_ENABLE = False
    return build_arena(world)


# --- the tests -----------------------------------------------------------------------------


def test_every_object_route_is_classified() -> None:
    routes = set(object_routes())
    missing = sorted(routes - WRITES.keys())
    assert not missing, (
        "URL patterns naming an object without a row in tests/test_idor.py WRITES (decide "
        f"who may POST to them): {missing}"
    )
    stale = sorted(WRITES.keys() - routes - OPTIONAL)
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


def _refusal_problem(a: Attempt) -> str | None:
    """None when `a` was refused (403/404, or the login page for anonymous) and changed
    nothing; otherwise what went wrong."""
    allowed: set[int | str] = {*REFUSED, "login"} if a.persona == ANONYMOUS else set(REFUSED)
    if a.status not in allowed or a.changes or a.emails:
        return str(a)
    return None


@pytest.mark.parametrize(
    "key", sorted(k for k, w in WRITES.items() if w.kind in (OWNER, MODERATOR))
)
def test_nobody_but_the_owner_writes(key: str, arena: Arena) -> None:
    row = WRITES[key]
    problems = []
    targets = row.targets(arena)
    assert targets, f"{key}: no target"
    for kwargs in targets:
        url = reverse(key, kwargs=kwargs)
        data = _data_for(row, arena, url)
        for persona in (*ATTACKERS, *row.also):
            problem = _refusal_problem(attempt(client_for(arena, persona), persona, url, data))
            if problem:
                problems.append(problem)
    # The victim's child under the rival's own parent, with what works on the victim's.
    data = _data_for(row, arena, reverse(key, kwargs=targets[0]))
    for kwargs in row.mixed(arena):
        url = reverse(key, kwargs=kwargs)
        problem = _refusal_problem(attempt(client_for(arena, "rival"), "rival", url, data))
        if problem:
            problems.append(f"(own parent, victim's child) {problem}")
    assert not problems, f"{key}: refused writes that were not refused:\n  " + "\n  ".join(problems)
    if row.owner:
        # The control: the same request by the rightful person acts, so the data above was
        # good enough and "nothing changed" means "refused", not "invalid".
        url = reverse(key, kwargs=targets[0])
        owner = attempt(client_for(arena, row.owner), row.owner, url, _data_for(row, arena, url))
        assert not str(owner.status).startswith("500"), str(owner)
        assert owner.changes or owner.emails, (
            f"{key}: the control request by {row.owner} changed nothing ({owner}): "
            "the data in WRITES is not plausible"
        )


def _data_for(row: Write, arena: Arena, url: str) -> Data:
    owner = client_for(arena, row.owner) if row.owner else Client()
    owner.url_under_attack = url  # type: ignore[attr-defined]
    return row.data(arena, owner)


@pytest.mark.parametrize("key", sorted(k for k, w in WRITES.items() if w.kind == SELF))
def test_people_without_the_relation_change_nothing(key: str, arena: Arena) -> None:
    row = WRITES[key]
    problems = []
    targets = row.targets(arena)
    for kwargs in targets:
        url = reverse(key, kwargs=kwargs)
        data = row.data(arena, Client())
        for persona in ATTACKERS:
            a = attempt(client_for(arena, persona), persona, url, data)
            if str(a.status).startswith("500") or a.changes or a.emails:
                problems.append(str(a))
    assert not problems, f"{key}:\n  " + "\n  ".join(problems)
    assert row.owner
    url = reverse(key, kwargs=targets[0])
    owner = attempt(client_for(arena, row.owner), row.owner, url, row.data(arena, Client()))
    assert owner.changes, f"{key}: the control request changed nothing ({owner})"


@pytest.mark.parametrize("key", sorted(k for k, w in WRITES.items() if w.kind == OPEN))
def test_open_writes_touch_only_the_senders_rows(key: str, arena: Arena) -> None:
    row = WRITES[key]
    problems = []
    data = row.data(arena, Client())
    for kwargs in row.private(arena):
        url = reverse(key, kwargs=kwargs)
        for persona in ATTACKERS:
            problem = _refusal_problem(attempt(client_for(arena, persona), persona, url, data))
            if problem:
                problems.append(f"(cannot see it) {problem}")
    for kwargs in row.targets(arena):
        url = reverse(key, kwargs=kwargs)
        for persona in ("stranger", "rival"):
            a = attempt(client_for(arena, persona), persona, url, data)
            if str(a.status).startswith("500") or modified_rows(a.changes):
                problems.append(f"(may add, not alter) {a}")
        a = attempt(client_for(arena, ANONYMOUS), ANONYMOUS, url, data)
        if a.status not in {"login", 401, 403, 404} or a.changes:
            problems.append(str(a))
    assert not problems, f"{key}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("key", sorted(k for k, w in WRITES.items() if w.kind == TOKEN))
def test_a_forged_token_changes_nothing(key: str, arena: Arena) -> None:
    row = WRITES[key]
    problems = []
    for kwargs in row.targets(arena):
        url = reverse(key, kwargs=kwargs)
        for persona in ATTACKERS:
            a = attempt(client_for(arena, persona), persona, url, row.data(arena, Client()))
            if str(a.status).startswith("500") or a.changes or a.emails:
                problems.append(str(a))
    assert not problems, f"{key}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("key", sorted(k for k, w in WRITES.items() if w.kind == READ))
def test_read_only_routes_take_no_post(key: str, arena: Arena) -> None:
    row = WRITES[key]
    problems = []
    for kwargs in row.targets(arena):
        url = reverse(key, kwargs=kwargs)
        for persona in ("stranger", "citizen"):
            a = attempt(client_for(arena, persona), persona, url, {"title": INTRUDER})
            # Most answer 405; a page or feed that ignores the method is harmless as long
            # as it changes nothing.
            if str(a.status).startswith("500") or a.changes or a.emails:
                problems.append(str(a))
    assert not problems, f"{key}:\n  " + "\n  ".join(problems)


# --- the same through the request body ---------------------------------------------------------


def test_acting_for_someone_elses_organisation_is_refused(arena: Arena) -> None:
    """The acting identity (kept in the session) is one of one's own organisations."""
    for persona in ("stranger", "rival", "volunteer"):
        response = client_for(arena, persona).post(
            reverse("organisations:act_as"), {"organisation": arena.w.organisation.pk}
        )
        assert response.status_code == 404, persona


def _post_form() -> Data:
    from solidair.exchange.tests.test_views_posts import form_data

    return form_data(title=INTRUDER)


def _event_form() -> Data:
    from solidair.activities.tests.test_views import form_data

    return dict(form_data(title=INTRUDER))


@pytest.mark.parametrize(
    ("name", "form", "model"),
    [
        ("exchange:create", _post_form, "exchange.Post"),
        ("activities:create", _event_form, "activities.Event"),
    ],
)
def test_nobody_publishes_for_someone_elses_organisation_or_closed_group(
    name: str, form: Callable[[], Data], model: str, arena: Arena
) -> None:
    """The organisation and the group are chosen in the form: naming one the sender does
    not belong to refuses the whole form."""
    client = client_for(arena, "rival")
    url = reverse(name)
    for foreign in (
        {"organisation": arena.w.organisation.slug},
        {"group": arena.w.group.slug},
    ):
        a = attempt(client, "rival", url, {**form(), **foreign})
        assert a.status in (200, 400, 403, 404), str(a)
        assert not a.changes, f"{a} with {foreign}"
    # The control: the same form on the rival's own behalf publishes.
    own = attempt(client, "rival", url, form())
    assert any(c.startswith(f"+ {model} ") for c in own.changes), str(own)


# --- the API -----------------------------------------------------------------------------------

WRITE_METHODS = {"post", "put", "patch", "delete"}


def api_operations() -> Iterator[tuple[str, str]]:
    """(METHOD, path) of every API operation that names an object and writes."""
    from config.api import api

    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            if method in WRITE_METHODS and "{" in path:
                yield method.upper(), path


@dataclass(frozen=True)
class ApiWrite:
    kind: str  # OWNER, SELF or OPEN
    # Path parameters naming the victims' objects.
    targets: Callable[[Arena], list[Kwargs]]
    body: Callable[[Arena], Any] = lambda a: None
    owner: str | None = None
    mixed: Callable[[Arena], list[Kwargs]] = lambda a: []
    also: tuple[str, ...] = ()
    private: Callable[[Arena], list[Kwargs]] = lambda a: []
    # OPEN: bodies naming an object the sender may not use (with the targets' parameters).
    private_bodies: Callable[[Arena], list[Any]] = lambda a: []
    why: str = ""


API_WRITES: dict[tuple[str, str], ApiWrite] = {
    ("PATCH", "/api/v1/posts/{post_id}"): ApiWrite(
        OWNER,
        lambda a: [{"post_id": a.w.post.pk}],
        body=lambda a: {"title": INTRUDER},
        owner="citizen",
        also=("volunteer",),
    ),
    ("POST", "/api/v1/posts/{post_id}/close"): ApiWrite(
        OWNER, lambda a: [{"post_id": a.w.post.pk}], owner="citizen", also=("volunteer",)
    ),
    ("POST", "/api/v1/posts/{post_id}/responses"): ApiWrite(
        OPEN,
        lambda a: [{"post_id": a.w.post.pk}],
        body=lambda a: {"message": "Ik kan helpen."},
        private=lambda a: [{"post_id": a.draft_post.pk}, {"post_id": a.group_post.pk}],
    ),
    ("POST", "/api/v1/conversations/{conversation_id}/messages"): ApiWrite(
        OWNER,
        lambda a: [{"conversation_id": a.w.conversation.pk}],
        body=lambda a: {"body": INTRUDER},
        owner="citizen",
    ),
    ("POST", "/api/v1/notifications/{notification_id}/read"): ApiWrite(
        OWNER, lambda a: [{"notification_id": a.w.notification.pk}], owner="citizen"
    ),
    ("POST", "/api/v1/events/{event_id}/registration"): ApiWrite(
        OPEN,
        lambda a: [{"event_id": a.w.event.pk}],
        private=lambda a: [{"event_id": a.group_event.pk}],
        # A public event's id with a date of the closed group's event in the body.
        private_bodies=lambda a: [{"occurrence": a.group_event.occurrences.get().pk}],
    ),
    ("DELETE", "/api/v1/events/{event_id}/registration"): ApiWrite(
        SELF, lambda a: [{"event_id": a.w.event.pk}], owner="citizen"
    ),
    ("POST", "/api/v1/groups/{slug}/join"): ApiWrite(
        OPEN, lambda a: [{"slug": a.w.group.slug}], body=lambda a: {"motivation": "Graag."}
    ),
    ("POST", "/api/v1/groups/{slug}/topics"): ApiWrite(
        OWNER,
        lambda a: [{"slug": a.w.group.slug}],
        body=lambda a: {"title": INTRUDER, "body": INTRUDER},
        owner="volunteer",
        also=("citizen",),
        why="a closed group's active members",
    ),
    ("POST", "/api/v1/groups/{slug}/topics/{topic_id}/replies"): ApiWrite(
        OWNER,
        lambda a: [{"slug": a.w.group.slug, "topic_id": a.w.topic.pk}],
        body=lambda a: {"body": INTRUDER},
        owner="volunteer",
        mixed=lambda a: [{"slug": a.rival_group.slug, "topic_id": a.w.topic.pk}],
        also=("citizen",),
    ),
}


def api_call(
    arena: Arena, persona: str, method: str, path: str, params: Kwargs, body: Any
) -> Attempt:
    url = path.format(**params)
    headers = {}
    if persona != ANONYMOUS:
        headers["Authorization"] = f"Bearer {arena.raw_tokens[persona]}"
    client = Client(headers={"accept-language": "en", **headers})
    before, outbox = snapshot(), len(mail.outbox)
    payload = json.dumps(body) if body is not None else None
    try:
        response = client.generic(
            method, url, payload or "", content_type="application/json" if payload else None
        )
        status: int | str = response.status_code
        if isinstance(status, int) and status >= 400:
            assert response["Content-Type"].startswith("application/json"), url
    except Exception as exc:
        status = f"500 ({type(exc).__name__}: {exc})"
    return Attempt(
        persona, f"{method} {url}", status, diff(before, snapshot()), len(mail.outbox) - outbox
    )


def test_every_api_write_on_an_object_is_classified() -> None:
    operations = set(api_operations())
    missing = sorted(operations - API_WRITES.keys())
    assert not missing, f"API operations without a row in API_WRITES: {missing}"
    stale = sorted(API_WRITES.keys() - operations)
    assert not stale, f"rows for API operations that no longer exist: {stale}"


def _api_refusal_problem(a: Attempt) -> str | None:
    allowed = {401, 403, 404} if a.persona == ANONYMOUS else REFUSED
    if a.status not in allowed or a.changes or a.emails:
        return str(a)
    return None


@pytest.mark.parametrize(
    "operation", sorted(API_WRITES), ids=lambda op: f"{op[0]} {op[1]}" if op else ""
)
def test_api_writes_on_someone_elses_object(operation: tuple[str, str], arena: Arena) -> None:
    method, path = operation
    row = API_WRITES[operation]
    body = row.body(arena)
    problems = []
    targets = row.targets(arena)
    if row.kind == OWNER:
        for params in targets:
            for persona in (*ATTACKERS, *row.also):
                problem = _api_refusal_problem(api_call(arena, persona, method, path, params, body))
                if problem:
                    problems.append(problem)
        for params in row.mixed(arena):
            problem = _api_refusal_problem(api_call(arena, "rival", method, path, params, body))
            if problem:
                problems.append(f"(own parent, victim's child) {problem}")
    elif row.kind == SELF:
        for params in targets:
            for persona in ATTACKERS:
                a = api_call(arena, persona, method, path, params, body)
                if str(a.status).startswith("500") or a.changes or a.emails:
                    problems.append(str(a))
    else:
        for params in row.private(arena):
            for persona in ATTACKERS:
                problem = _api_refusal_problem(api_call(arena, persona, method, path, params, body))
                if problem:
                    problems.append(f"(cannot see it) {problem}")
        for private_body in row.private_bodies(arena):
            for persona in ("stranger", "rival"):
                a = api_call(arena, persona, method, path, targets[0], private_body)
                if a.status not in {403, 404, 422} or a.changes or a.emails:
                    problems.append(f"(cannot see it, named in the body) {a}")
        for params in targets:
            for persona in ("stranger", "rival"):
                a = api_call(arena, persona, method, path, params, body)
                if str(a.status).startswith("500") or modified_rows(a.changes):
                    problems.append(f"(may add, not alter) {a}")
    assert not problems, f"{method} {path}:\n  " + "\n  ".join(problems)
    if row.owner:
        owner = api_call(arena, row.owner, method, path, targets[0], body)
        assert owner.changes, f"{method} {path}: the control request changed nothing ({owner})"


# -- reading another person's private objects through the API


def items(page: Any) -> list[Any]:
    """The rows of a paginated API answer."""
    return list(page["items"]) if isinstance(page, dict) else list(page)


def api_get(arena: Arena, persona: str, url: str) -> Any:
    client = Client(headers={"Authorization": f"Bearer {arena.raw_tokens[persona]}"})
    return client.get(url)


@pytest.mark.parametrize("persona", ["stranger", "rival"])
def test_the_api_keeps_other_peoples_private_objects_private(persona: str, arena: Arena) -> None:
    w = arena.w
    refused = {
        f"/api/v1/conversations/{w.conversation.pk}/messages": "someone else's conversation",
        f"/api/v1/posts/{w.post.pk}/matches": "whom someone else's post fits",
        f"/api/v1/posts/{arena.draft_post.pk}": "someone else's draft",
        f"/api/v1/posts/{arena.group_post.pk}": "a closed group's post",
        f"/api/v1/events/{arena.group_event.pk}": "a closed group's event",
        f"/api/v1/groups/{w.group.slug}/members": "a closed group's members",
        f"/api/v1/groups/{w.group.slug}/topics": "a closed group's topics",
        f"/api/v1/groups/{w.group.slug}/topics/{w.topic.pk}/replies": "a closed group's replies",
    }
    for url, what in refused.items():
        response = api_get(arena, persona, url)
        assert response.status_code in REFUSED, f"{what}: {url} {response.status_code}"
        assert response["Content-Type"].startswith("application/json")

    # Lists hold one's own rows only (the rival's own conversation and notification show,
    # which proves the lists are not simply empty).
    conversations = items(api_get(arena, persona, "/api/v1/conversations").json())
    ids = {c["id"] for c in conversations}
    assert w.conversation.pk not in ids
    assert (arena.rival_response.conversation_id in ids) == (persona == "rival")
    notifications = items(api_get(arena, persona, "/api/v1/notifications").json())
    assert w.notification.pk not in {n["id"] for n in notifications}
    assert len(notifications) == (1 if persona == "rival" else 0)
    assert api_get(arena, persona, "/api/v1/notifications/unread-count").json()["unread"] == (
        1 if persona == "rival" else 0
    )

    # Registrations: the citizen's shows to nobody else, not even as "my registration".
    event = api_get(arena, persona, f"/api/v1/events/{w.event.pk}").json()
    assert {o["my_registration"] for o in event["occurrences"]} == {None}
    listed = items(api_get(arena, persona, "/api/v1/events").json())
    assert w.occurrence.pk in {o["occurrence_id"] for o in listed}
    assert all(o["my_registration"] is None for o in listed)

    # Tokens: a token speaks for its owner only; the citizen's revoked token for nobody.
    me = api_get(arena, persona, "/api/v1/me").json()
    assert me.get("id", arena.user(persona).pk) == arena.user(persona).pk
    assert arena.user("citizen").profile.display_name not in json.dumps(me)


def test_a_revoked_or_foreign_token_opens_nothing(arena: Arena) -> None:
    from solidair.accounts.tokens import revoke_api_token

    citizen = arena.user("citizen")
    revoke_api_token(user=citizen, token_id=arena.w.api_token.pk)
    response = Client(headers={"Authorization": f"Bearer {arena.raw_tokens['citizen']}"}).get(
        "/api/v1/me"
    )
    assert response.status_code == 401
    # The rival cannot revoke the citizen's other tokens through the page either.
    other = arena.w.api_tokens["stranger"]
    before = snapshot()
    response = client_for(arena, "rival").post(reverse("accounts:token_revoke", args=[other.pk]))
    assert response.status_code == 404
    assert diff(before, snapshot()) == []


def test_an_anonymous_caller_never_reaches_a_service(rf: Any) -> None:
    """Views behind @login_required take the user from `current_user`, which refuses an
    anonymous caller itself (an assert would vanish under `python -O`)."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    from solidair.core.viewhelpers import current_user

    request = rf.get("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        current_user(request)
