"""The access matrix (after Read the Docs' test_privacy_urls.py): every URL pattern of the
site, for every persona, answers a GET with the status written down here.

Each pattern of config.urls (walked recursively through includes) must have a row in
EXPECTATIONS: a new URL fails `test_every_url_pattern_has_a_row` until someone decides who
may see it. No persona may get a 500 anywhere.

The world the matrix runs in (see `World`; the `world` fixture is in tests/conftest.py):
- `organisation` (verified) is owned by `org_admin`; `volunteer` is a plain member of it;
- `citizen`, `stranger`, `editor`, `moderator` belong to no organisation;
- an open invitation to the organisation for an address nobody has;
- every persona has an API token; the token shown and revoked is the citizen's, the public
  profile shown is the citizen's;
- exchange: `citizen` posted an open offer, `volunteer` responded to it (a conversation).
API URLs (/api/...) are requested with the persona's bearer token, pages with a session.

To see what the site answers today, as rows to paste and review:
    ACCESS_MATRIX_PRINT=1 .venv/bin/pytest tests/test_access_matrix.py -s -k observed
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PERSONAS = ("anonymous", "citizen", "volunteer", "org_admin", "editor", "moderator", "stranger")
USERS = PERSONAS[1:]

# A status is an int (the exact status code), LOGIN (302 to the login page) or REDIRECT
# (a 302 anywhere else: e.g. a logged-in user sent away from the sign-up page).
LOGIN = "login"
REDIRECT = "redirect"
Status = int | str


# --- the world ---------------------------------------------------------------------------------


class World:
    """The objects the URLs point at. Objects of other apps are made on first use, so the
    matrix only builds what the URL table needs."""

    def __init__(self, users: dict[str, Any], organisation: Any) -> None:
        from datetime import timedelta

        from django.utils import timezone

        from solidair.accounts.tokens import create_api_token
        from solidair.organisations.models import Invitation, Membership
        from solidair.organisations.tests.factories import MembershipFactory

        self.users = users
        self.organisation = organisation
        # volunteer is a plain member: the matrix tells members from admins and strangers.
        self.membership: Any = MembershipFactory(
            organisation=organisation, user=users["volunteer"], role=Membership.Role.MEMBER
        )
        self.owner_membership = organisation.memberships.get(user=users["org_admin"])
        self.invitation = Invitation.objects.create(
            organisation=organisation,
            email="invitee@example.org",
            invited_by=users["org_admin"],
            expires_at=timezone.now() + timedelta(days=7),
        )
        self.raw_tokens: dict[str, str] = {}
        self.api_tokens: dict[str, Any] = {}
        for persona, user in users.items():
            token, raw = create_api_token(user=user, name=f"{persona} matrix")
            self.raw_tokens[persona] = raw
            self.api_tokens[persona] = token

    @property
    def api_token(self) -> Any:
        return self.api_tokens["citizen"]

    # -- exchange: citizen offers something; volunteer responded and talks with citizen.

    @cached_property
    def post(self) -> Any:
        from solidair.exchange.tests.factories import PostFactory

        return PostFactory(author=self.users["citizen"])

    @cached_property
    def response(self) -> Any:
        from solidair.exchange.tests.factories import ResponseFactory

        return ResponseFactory(post=self.post, responder=self.users["volunteer"])

    @cached_property
    def conversation(self) -> Any:
        return self.response.conversation

    @cached_property
    def match(self) -> Any:
        from solidair.exchange.tests.factories import MatchFactory

        return MatchFactory(response=self.response)

    @cached_property
    def photo(self) -> Any:
        from solidair.exchange.models import PostPhoto

        return PostPhoto.objects.create(post=self.post, image="posts/matrix.jpg")

    # -- groups: a closed group owned by org_admin with volunteer as a member; citizen asked
    # to join (pending); volunteer started a topic, org_admin replied; an open invitation.

    @cached_property
    def group(self) -> Any:
        from solidair.groups.tests.factories import GroupFactory, member

        group = GroupFactory.create(name="Mantelzorgers", slug="mantelzorgers", visibility="closed")
        member(group, self.users["org_admin"], role="owner")
        self.group_membership = member(group, self.users["volunteer"])
        self.group_request = member(group, self.users["citizen"], state="requested")
        return group

    @cached_property
    def topic(self) -> Any:
        from solidair.groups.tests.factories import TopicFactory

        return TopicFactory.create(group=self.group, author=self.users["volunteer"])

    @cached_property
    def reply(self) -> Any:
        from solidair.groups.tests.factories import ReplyFactory

        return ReplyFactory.create(topic=self.topic, author=self.users["org_admin"])

    @cached_property
    def group_invitation(self) -> Any:
        from solidair.groups.models import GroupInvitation

        return GroupInvitation.objects.create(
            group=self.group,
            email="group-invitee@example.org",
            invited_by=self.users["org_admin"],
            expires_at=self.invitation.expires_at,
        )

    @cached_property
    def message(self) -> Any:
        from solidair.exchange.tests.factories import MessageFactory

        return MessageFactory(conversation=self.conversation, sender=self.users["volunteer"])

    # -- moderation: stranger reported citizen's offer.

    @cached_property
    def report(self) -> Any:
        from solidair.moderation.services import report_content

        return report_content(
            reporter=self.users["stranger"], kind="post", pk=self.post.pk, reason="spam"
        )

    # -- calendar: a training by the organisation (announced by org_admin) tomorrow with
    # 2 places; citizen registered for it; citizen's private feed token.

    @cached_property
    def event(self) -> Any:
        from solidair.activities.tests.factories import EventFactory

        event = EventFactory.create(
            organisation=self.organisation,
            author=self.users["org_admin"],
            type="training",
            capacity=2,
            online_url="https://meet.example.org/matrix",
        )
        self.event_registration = event.occurrences.get().registrations.create(
            user=self.users["citizen"], status="registered"
        )
        return event

    @cached_property
    def occurrence(self) -> Any:
        return self.event.occurrences.get()

    @cached_property
    def calendar_feed_token(self) -> str:
        from solidair.activities.services import get_or_create_feed

        return str(get_or_create_feed(user=self.users["citizen"]).token)

    # -- matching and notifications: the citizen's saved search and notification.

    @cached_property
    def saved_search(self) -> Any:
        from solidair.matching.services import save_search

        return save_search(user=self.users["citizen"], query="q=fiets", frequency="daily")

    @cached_property
    def notification(self) -> Any:
        from solidair.notifications.services import notify

        return notify(user=self.users["citizen"], kind="test", title="Hello", url="/posts/")

    # -- news and the volunteer information point: a published article with a tag, an
    # article the organisation submitted (waiting for review), a seeded information page.

    @cached_property
    def article(self) -> Any:
        from solidair.news.tests.factories import ArticleFactory, TagFactory

        article = ArticleFactory.create()
        article.tags.add(TagFactory.create(name="buurt", slug="buurt"))
        return article

    @cached_property
    def submitted_article(self) -> Any:
        from solidair.news.tests.factories import ArticleFactory

        return ArticleFactory.create(
            submitted=True, organisation=self.organisation, author=self.users["org_admin"]
        )

    @cached_property
    def info_page(self) -> Any:
        from solidair.info.models import InfoPage

        return InfoPage.objects.get(path="wat-is-vrijwilligerswerk/informatienota")


# --- the expectations -------------------------------------------------------------------------


def everyone(status: Status) -> dict[str, Status]:
    return dict.fromkeys(PERSONAS, status)


def public() -> dict[str, Status]:
    return everyone(200)


def users_only(status: Status = 200, anonymous: Status = LOGIN) -> dict[str, Status]:
    return {"anonymous": anonymous, **dict.fromkeys(USERS, status)}


def anonymous_only(users: Status = REDIRECT) -> dict[str, Status]:
    """Pages for people who are not logged in (sign up, log in): users are sent on."""
    return {"anonymous": 200, **dict.fromkeys(USERS, users)}


def only(
    allowed: tuple[str, ...],
    status: Status = 200,
    *,
    others: Status = 403,
    anonymous: Status = LOGIN,
) -> dict[str, Status]:
    return {
        "anonymous": anonymous,
        **{p: (status if p in allowed else others) for p in USERS},
    }


@dataclass(frozen=True)
class Row:
    expect: dict[str, Status]
    # Builds the URL's kwargs from the world; patterns without arguments need none.
    kwargs: Callable[[World], dict[str, Any]] | None = None
    # A documented reason when the row is not what one would guess.
    why: str = ""


def org(w: World) -> dict[str, Any]:
    return {"slug": w.organisation.slug}


def org_membership(w: World) -> dict[str, Any]:
    return {"slug": w.organisation.slug, "pk": w.membership.pk}


def post(w: World) -> dict[str, Any]:
    return {"pk": w.post.pk}


def api_post(w: World) -> dict[str, Any]:
    return {"post_id": w.post.pk}


def api_conversation(w: World) -> dict[str, Any]:
    return {"conversation_id": w.conversation.pk}


def event(w: World) -> dict[str, Any]:
    return {"pk": w.event.pk}


def occurrence(w: World) -> dict[str, Any]:
    return {"pk": w.occurrence.pk}


def api_event(w: World) -> dict[str, Any]:
    return {"event_id": w.event.pk}


def grp(w: World) -> dict[str, Any]:
    return {"slug": w.group.slug}


def grp_member(w: World) -> dict[str, Any]:
    w.group  # noqa: B018 - makes the memberships
    return {"slug": w.group.slug, "pk": w.group_membership.pk}


def grp_topic(w: World) -> dict[str, Any]:
    return {"slug": w.group.slug, "pk": w.topic.pk}


def grp_reply(w: World) -> dict[str, Any]:
    return {"slug": w.group.slug, "pk": w.topic.pk, "reply_pk": w.reply.pk}


def api_grp_topic(w: World) -> dict[str, Any]:
    return {"slug": w.group.slug, "topic_id": w.topic.pk}


def closed_group_content(anonymous: Status = 404) -> dict[str, Status]:
    """A closed group's content: its active members (org_admin owns it, volunteer is a
    member). Everyone else, the pending applicant (citizen) and city staff included, gets
    the 404 a missing page gets."""
    return {
        "anonymous": anonymous,
        "org_admin": 200,
        "volunteer": 200,
        "citizen": 404,
        "editor": 404,
        "moderator": 404,
        "stranger": 404,
    }


def closed_group_admin_page() -> dict[str, Status]:
    """Managing the closed group: its owner; the plain member volunteer 403 (they know the
    inner side exists); the rest 404."""
    return {**closed_group_content(LOGIN), "volunteer": 403}


ORG_ADMINS = ("org_admin",)
# The two people in the exchange's conversation: the post's author and the responder.
PARTIES = ("citizen", "volunteer")
# Moderators: staff in the moderators group (reports, sanctions, the audit log).
MODERATORS = ("moderator",)
STAFF = ("editor", "moderator")
# City editors: staff in the editors group (news and the volunteer information point).
EDITORS = ("editor",)


def org_admin_page() -> dict[str, Status]:
    """An organisation's management page: its admins only. Outsiders are told nothing
    (404); members and city staff, who know the organisation's inner side exists, 403."""
    return {
        "anonymous": LOGIN,
        "org_admin": 200,
        "volunteer": 403,
        "editor": 403,
        "moderator": 403,
        "citizen": 404,
        "stranger": 404,
    }


def _group_unsubscribe_token(w: World) -> str:
    from solidair.groups.services.notify import unsubscribe_token

    w.group  # noqa: B018 - makes the memberships
    return unsubscribe_token(w.group_membership)


# Key: "namespace:name" for named patterns, the route for unnamed ones.
EXPECTATIONS: dict[str, Row] = {
    # -- site
    "healthz": Row(public()),
    "set_language": Row(everyone(REDIRECT), why="a GET just goes back (POST switches)"),
    "core:home": Row(public()),
    "core:privacy": Row(public()),
    "core:terms": Row(public()),
    "core:set_language": Row(everyone(REDIRECT), why="switches the language and goes back"),
    # -- allauth (what allauth does when there is nothing to do is a redirect)
    "account_login": Row(anonymous_only()),
    "account_signup": Row(anonymous_only()),
    "account_logout": Row(users_only(anonymous=REDIRECT), why="users get a confirm page"),
    "account_inactive": Row(public()),
    "account_reauthenticate": Row(users_only()),
    "account_request_reauthentication_code": Row(users_only()),
    "account_confirm_reauthentication_code": Row(users_only(REDIRECT), why="no code was requested"),
    "account_email": Row(users_only()),
    "account_email_verification_sent": Row(public()),
    "account_change_password": Row(users_only()),
    "account_set_password": Row(users_only(REDIRECT), why="users have a password already"),
    "account_reset_password": Row(public()),
    "account_reset_password_done": Row(public()),
    "account_reset_password_from_key_done": Row(public()),
    "account_confirm_login_code": Row(
        users_only(REDIRECT), why="nobody is half-way through a login by code"
    ),
    "account_confirm_email": Row(
        public(),
        kwargs=lambda w: {"key": "not-a-real-key"},
        why="an unknown key shows the 'invalid link' page",
    ),
    "account_reset_password_from_key": Row(
        public(),
        kwargs=lambda w: {"uidb36": "zz", "key": "set-password"},
        why="an unknown key shows the 'bad token' page",
    ),
    "mfa_index": Row(users_only()),
    "mfa_authenticate": Row(users_only(REDIRECT), why="nobody is half-way through a login"),
    "mfa_reauthenticate": Row(users_only(REDIRECT), why="no authenticator to reauthenticate"),
    "mfa_activate_totp": Row(users_only(REDIRECT), why="asks to reauthenticate first"),
    "mfa_deactivate_totp": Row(users_only(404), why="nobody has TOTP turned on"),
    "mfa_view_recovery_codes": Row(users_only(404), why="nobody has recovery codes"),
    "mfa_generate_recovery_codes": Row(users_only(REDIRECT), why="needs TOTP first"),
    "mfa_download_recovery_codes": Row(users_only(404), why="nobody has recovery codes"),
    # -- accounts
    "accounts:profile": Row(users_only()),
    "accounts:profile_edit": Row(users_only()),
    "accounts:notifications": Row(users_only()),
    "accounts:tokens": Row(users_only()),
    "accounts:export": Row(users_only(), why="one's own data, as a JSON download"),
    "accounts:delete": Row(users_only()),
    "accounts:token_revoke": Row(
        users_only(405), kwargs=lambda w: {"pk": w.api_token.pk}, why="POST only"
    ),
    "accounts:person": Row(public(), kwargs=lambda w: {"pk": w.users["citizen"].pk}),
    "accounts:unsubscribe": Row(
        public(),
        kwargs=lambda w: {"token": w.users["citizen"].profile.unsubscribe_token},
        why="the token in the email is the key: no login needed",
    ),
    # -- organisations
    "organisations:directory": Row(public()),
    "organisations:create": Row(users_only()),
    "organisations:mine": Row(users_only()),
    "organisations:detail": Row(public(), kwargs=org),
    "organisations:edit": Row(org_admin_page(), kwargs=org),
    "organisations:members": Row(org_admin_page(), kwargs=org),
    "organisations:invite": Row(org_admin_page(), kwargs=org),
    "organisations:transfer": Row(org_admin_page(), kwargs=org),
    "organisations:member_role": Row(users_only(405), kwargs=org_membership, why="POST only"),
    "organisations:member_remove": Row(users_only(405), kwargs=org_membership, why="POST only"),
    "organisations:invitation_revoke": Row(
        users_only(405),
        kwargs=lambda w: {"slug": w.organisation.slug, "pk": w.invitation.pk},
        why="POST only",
    ),
    "organisations:leave": Row(users_only(405), kwargs=org, why="POST only"),
    "organisations:invitation": Row(
        users_only(),
        kwargs=lambda w: {"token": w.invitation.token},
        why="the token is the key; accepting needs an account",
    ),
    "organisations:act_as": Row(users_only(405), why="POST only"),
    # -- exchange (citizen posted the offer; volunteer responded: they share a conversation)
    "exchange:list": Row(public()),
    "exchange:detail": Row(public(), kwargs=post),
    "exchange:create": Row(users_only()),
    "exchange:dashboard": Row(users_only()),
    "exchange:inbox": Row(users_only()),
    "exchange:edit": Row(only(("citizen",)), kwargs=post, why="the author only"),
    "exchange:publish": Row(users_only(405), kwargs=post, why="POST only"),
    "exchange:close": Row(users_only(405), kwargs=post, why="POST only"),
    "exchange:reopen": Row(users_only(405), kwargs=post, why="POST only"),
    "exchange:extend": Row(users_only(405), kwargs=post, why="POST only"),
    "exchange:fulfil": Row(users_only(405), kwargs=post, why="POST only"),
    "exchange:respond": Row(users_only(405), kwargs=post, why="POST only"),
    "exchange:photo_delete": Row(
        users_only(405),
        kwargs=lambda w: {"pk": w.post.pk, "photo_pk": w.photo.pk},
        why="POST only",
    ),
    "exchange:accept": Row(
        users_only(405), kwargs=lambda w: {"pk": w.response.pk}, why="POST only"
    ),
    "exchange:conversation": Row(
        only(PARTIES, others=404), kwargs=lambda w: {"pk": w.conversation.pk}
    ),
    "exchange:conversation_new": Row(
        only(PARTIES, others=404), kwargs=lambda w: {"pk": w.conversation.pk}
    ),
    "exchange:match_outcome": Row(only(PARTIES, others=404), kwargs=lambda w: {"pk": w.match.pk}),
    # -- moderation (stranger reported citizen's offer)
    "moderation:report": Row(
        users_only(),
        kwargs=lambda w: {"kind": "post", "pk": w.post.pk},
        why="anyone signed in may report what they see (the author's POST is refused)",
    ),
    "moderation:queue": Row(only(MODERATORS)),
    "moderation:report_detail": Row(only(MODERATORS), kwargs=lambda w: {"pk": w.report.pk}),
    "moderation:decide": Row(
        users_only(405), kwargs=lambda w: {"pk": w.report.pk}, why="POST only"
    ),
    "moderation:restore": Row(
        users_only(405), kwargs=lambda w: {"kind": "post", "pk": w.post.pk}, why="POST only"
    ),
    "moderation:person": Row(only(MODERATORS), kwargs=lambda w: {"pk": w.users["citizen"].pk}),
    "moderation:person_act": Row(
        users_only(405), kwargs=lambda w: {"pk": w.users["citizen"].pk}, why="POST only"
    ),
    "moderation:log": Row(only(MODERATORS)),
    "moderation:log_export": Row(only(MODERATORS), why="the audit log as CSV"),
    # -- calendar (the organisation's training, managed by org_admin; citizen registered)
    "activities:calendar": Row(public()),
    "activities:create": Row(users_only()),
    "activities:mine": Row(users_only()),
    "activities:feed": Row(public()),
    "activities:organisation_feed": Row(public(), kwargs=org),
    "activities:private_feed": Row(
        public(),
        kwargs=lambda w: {"token": w.calendar_feed_token},
        why="the secret token is the key: calendar apps send no session",
    ),
    "activities:regenerate_feed": Row(users_only(405), why="POST only"),
    "activities:event": Row(public(), kwargs=event),
    "activities:edit": Row(only(ORG_ADMINS), kwargs=event, why="the organisers only"),
    "activities:cancel_event": Row(only(ORG_ADMINS), kwargs=event, why="the organisers only"),
    "activities:event_ics": Row(public(), kwargs=event),
    "activities:occurrence": Row(public(), kwargs=occurrence),
    "activities:occurrence_ics": Row(public(), kwargs=occurrence),
    "activities:register": Row(users_only(405), kwargs=occurrence, why="POST only"),
    "activities:unregister": Row(users_only(405), kwargs=occurrence, why="POST only"),
    "activities:cancel_occurrence": Row(only(ORG_ADMINS), kwargs=occurrence),
    "activities:people": Row(only(ORG_ADMINS), kwargs=occurrence, why="names of participants"),
    "activities:people_csv": Row(only(ORG_ADMINS), kwargs=occurrence),
    "activities:message": Row(only(ORG_ADMINS), kwargs=occurrence),
    # -- matching (suggestions: the post's managers only; saved searches: one's own)
    "matching:post_matches": Row(
        only(("citizen",), others=404), kwargs=post, why="whom a post fits is its owner's"
    ),
    "matching:dismiss": Row(
        users_only(405),
        kwargs=lambda w: {"pk": w.post.pk, "suggested_pk": w.post.pk},
        why="POST only",
    ),
    "matching:alerts": Row(users_only()),
    "matching:alert_create": Row(users_only()),
    "matching:alert_update": Row(
        users_only(405), kwargs=lambda w: {"pk": w.saved_search.pk}, why="POST only"
    ),
    "matching:alert_delete": Row(
        users_only(405), kwargs=lambda w: {"pk": w.saved_search.pk}, why="POST only"
    ),
    # -- notifications (one's own only; someone else's is a 404)
    "notifications:list": Row(users_only()),
    "notifications:open": Row(
        only(("citizen",), REDIRECT, others=404),
        kwargs=lambda w: {"pk": w.notification.pk},
        why="opening marks it read and goes to its link",
    ),
    "notifications:read": Row(
        users_only(405), kwargs=lambda w: {"pk": w.notification.pk}, why="POST only"
    ),
    "notifications:read_all": Row(users_only(405), why="POST only"),
    # -- news (editors write and review; admins of a verified organisation submit)
    "news:list": Row(public()),
    "news:detail": Row(public(), kwargs=lambda w: {"slug": w.article.slug}),
    "news:feed_rss": Row(public()),
    "news:feed_atom": Row(public()),
    "news:tag_feed_rss": Row(public(), kwargs=lambda w: {"slug": w.article.tags.get().slug}),
    "news:tag_feed_atom": Row(public(), kwargs=lambda w: {"slug": w.article.tags.get().slug}),
    "news:manage": Row(only(EDITORS)),
    "news:create": Row(only(EDITORS)),
    "news:edit": Row(only(EDITORS), kwargs=lambda w: {"pk": w.article.pk}),
    "news:publish": Row(users_only(405), kwargs=lambda w: {"pk": w.article.pk}, why="POST only"),
    "news:unpublish": Row(users_only(405), kwargs=lambda w: {"pk": w.article.pk}, why="POST only"),
    "news:review": Row(only(EDITORS), kwargs=lambda w: {"pk": w.submitted_article.pk}),
    "news:preview": Row(users_only(405), why="POST only (htmx)"),
    "news:submit": Row(
        only(ORG_ADMINS), why="owners and admins of a verified organisation; others: a 403 page"
    ),
    "news:submissions": Row(users_only(), why="one's own organisations' submissions (or none)"),
    # -- volunteer information point (editors keep the pages and the allowance ceilings)
    "info:index": Row(public()),
    "info:page": Row(public(), kwargs=lambda w: {"path": w.info_page.path}),
    "info:trainings": Row(public()),
    "info:vacancies": Row(public()),
    "info:manage": Row(only(EDITORS)),
    "info:page_create": Row(only(EDITORS)),
    "info:page_edit": Row(only(EDITORS), kwargs=lambda w: {"pk": w.info_page.pk}),
    "info:page_reviewed": Row(
        users_only(405), kwargs=lambda w: {"pk": w.info_page.pk}, why="POST only"
    ),
    "info:ceilings_create": Row(only(EDITORS)),
    "info:ceilings_edit": Row(only(EDITORS), kwargs=lambda w: {"year": 2024}),
    "info:preview": Row(users_only(405), why="POST only (htmx)"),
    # -- groups (closed group: org_admin owns it, volunteer is a member, citizen asked to join)
    "groups:directory": Row(public()),
    "groups:create": Row(users_only()),
    "groups:mine": Row(users_only()),
    "groups:invitation": Row(
        users_only(),
        kwargs=lambda w: {"token": w.group_invitation.token},
        why="the token is the key; accepting needs an account",
    ),
    "groups:unsubscribe": Row(
        public(),
        kwargs=lambda w: {"token": _group_unsubscribe_token(w)},
        why="the signed token in the email is the key: no login needed",
    ),
    "groups:detail": Row(public(), kwargs=grp, why="a closed group's page shows no content"),
    "groups:edit": Row(closed_group_admin_page(), kwargs=grp),
    "groups:join": Row(users_only(), kwargs=grp, why="the page says where one stands"),
    "groups:leave": Row(users_only(405), kwargs=grp, why="POST only"),
    "groups:notifications": Row(users_only(405), kwargs=grp, why="POST only"),
    "groups:members": Row(closed_group_content(), kwargs=grp),
    "groups:invite": Row(closed_group_admin_page(), kwargs=grp),
    "groups:decide": Row(
        users_only(405),
        kwargs=lambda w: {"slug": w.group.slug, "pk": (w.group, w.group_request)[1].pk},
        why="POST only (citizen's pending request)",
    ),
    "groups:member_role": Row(users_only(405), kwargs=grp_member, why="POST only"),
    "groups:member_remove": Row(users_only(405), kwargs=grp_member, why="POST only"),
    "groups:invitation_revoke": Row(
        users_only(405),
        kwargs=lambda w: {"slug": w.group.slug, "pk": w.group_invitation.pk},
        why="POST only",
    ),
    "groups:transfer": Row(closed_group_admin_page(), kwargs=grp),
    "groups:topic_create": Row(closed_group_content(LOGIN), kwargs=grp),
    "groups:topic": Row(closed_group_content(), kwargs=grp_topic),
    "groups:topic_edit": Row(
        {**closed_group_content(LOGIN), "org_admin": 403},
        kwargs=grp_topic,
        why="volunteer wrote the topic; the owner may delete, not edit it",
    ),
    "groups:topic_delete": Row(users_only(405), kwargs=grp_topic, why="POST only"),
    "groups:topic_moderate": Row(users_only(405), kwargs=grp_topic, why="POST only"),
    "groups:reply_edit": Row(
        {**closed_group_content(LOGIN), "volunteer": 403},
        kwargs=grp_reply,
        why="org_admin wrote the reply",
    ),
    "groups:reply_delete": Row(users_only(405), kwargs=grp_reply, why="POST only"),
    # -- API (bearer token per persona)
    "api:openapi-json": Row(public()),
    "api:openapi-view": Row(public()),
    "api:index": Row(public()),
    "api:api-root": Row(public()),
    "api:list_categories": Row(public()),
    "api:list_neighbourhoods": Row(public()),
    "api:list_target_groups": Row(public()),
    "api:list_sectors": Row(public()),
    "api:list_languages": Row(public()),
    "api:me": Row(users_only(anonymous=401)),
    "api:list_organisations": Row(public()),
    "api:get_organisation": Row(public(), kwargs=org),
    "api:list_posts": Row(public()),
    "api:create_post": Row(public(), why="the URL of list_posts: a GET lists"),
    "api:get_post": Row(public(), kwargs=api_post),
    "api:update_post": Row(public(), kwargs=api_post, why="the URL of get_post: a GET reads"),
    "api:close_post": Row(everyone(405), kwargs=api_post, why="POST only"),
    "api:respond_to_post": Row(everyone(405), kwargs=api_post, why="POST only"),
    "api:list_conversations": Row(users_only(anonymous=401)),
    "api:list_messages": Row(only(PARTIES, others=404, anonymous=401), kwargs=api_conversation),
    "api:send_message": Row(
        only(PARTIES, others=404, anonymous=401),
        kwargs=api_conversation,
        why="the URL of list_messages: a GET lists",
    ),
    "api:list_post_matches": Row(
        only(("citizen",), others=404, anonymous=401), kwargs=api_post, why="the post's managers"
    ),
    "api:list_notifications": Row(users_only(anonymous=401)),
    "api:notifications_unread_count": Row(users_only(anonymous=401)),
    "api:mark_all_notifications_read": Row(everyone(405), why="POST only"),
    "api:mark_notification_read": Row(
        everyone(405), kwargs=lambda w: {"notification_id": w.notification.pk}, why="POST only"
    ),
    "api:list_news": Row(public()),
    "api:get_news": Row(public(), kwargs=lambda w: {"slug": w.article.slug}),
    "api:list_info_pages": Row(public()),
    "api:list_groups": Row(public()),
    "api:create_group": Row(public(), why="the URL of list_groups: a GET lists"),
    "api:get_group": Row(public(), kwargs=grp, why="a closed group's public side"),
    "api:join_group": Row(everyone(405), kwargs=grp, why="POST only"),
    "api:list_group_members": Row(closed_group_content(), kwargs=grp),
    "api:list_group_topics": Row(closed_group_content(), kwargs=grp),
    "api:create_group_topic": Row(
        closed_group_content(), kwargs=grp, why="the URL of list_group_topics: a GET lists"
    ),
    "api:list_topic_replies": Row(closed_group_content(), kwargs=api_grp_topic),
    "api:create_topic_reply": Row(
        closed_group_content(),
        kwargs=api_grp_topic,
        why="the URL of list_topic_replies: a GET lists",
    ),
    "api:list_events": Row(public()),
    "api:create_event": Row(public(), why="the URL of list_events: a GET lists"),
    "api:get_event": Row(public(), kwargs=api_event),
    "api:register_for_event": Row(everyone(405), kwargs=api_event, why="POST/DELETE only"),
    "api:unregister_from_event": Row(everyone(405), kwargs=api_event, why="POST/DELETE only"),
    "^api/": Row(everyone(404), why="unknown API paths answer a JSON 404"),
    # -- uploaded files (served by Django only when SERVE_MEDIA is on)
    "media": Row(everyone(404), kwargs=lambda w: {"path": "avatars/missing.jpg"}),
}

# Rows for patterns that exist only under some settings: not stale when absent.
OPTIONAL = {"media"}


# --- walking the URL patterns ------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str
    route: str
    name: str | None  # reversible name, with namespaces

    @property
    def is_admin(self) -> bool:
        return self.key.startswith("admin:") or self.route.startswith("admin/")


def walk(resolver: URLResolver | None = None, prefix: str = "", ns: str = "") -> Iterator[Pattern]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{ns}{entry.namespace}:" if entry.namespace else ns
            yield from walk(entry, prefix + str(entry.pattern), namespace)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{ns}{entry.name}" if entry.name else None
            yield Pattern(key=name or route, route=route, name=name)


def site_patterns() -> list[Pattern]:
    return [p for p in walk() if not p.is_admin]


# --- requests ------------------------------------------------------------------------------


def client_for(persona: str, world: World) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


def get(client: Client, url: str, persona: str, world: World) -> Any:
    headers = {}
    if url.startswith("/api/") and persona in world.raw_tokens:
        headers["Authorization"] = f"Bearer {world.raw_tokens[persona]}"
        client = Client()  # the API is asked with the token alone, no session
    return client.get(url, headers=headers)


def describe(response: Any) -> Status:
    """The observed outcome in the vocabulary of EXPECTATIONS."""
    if response.status_code == 302:
        login = resolve_url(settings.LOGIN_URL)
        if urlparse(response["Location"]).path == login:
            return LOGIN
        return REDIRECT
    return int(response.status_code)


def url_for(pattern: Pattern, row: Row | None, world: World) -> str:
    kwargs = row.kwargs(world) if row and row.kwargs else {}
    if pattern.name:
        return reverse(pattern.name, kwargs=kwargs)
    route = pattern.route.lstrip("^").rstrip("$")
    return "/" + route


def observe(persona: str, world: World) -> dict[str, tuple[str, Status | str]]:
    """GET every site URL as `persona`: key -> (url, outcome or the exception)."""
    client = client_for(persona, world)
    seen: dict[str, tuple[str, Status | str]] = {}
    for pattern in site_patterns():
        row = EXPECTATIONS.get(pattern.key)
        try:
            url = url_for(pattern, row, world)
        except Exception as exc:
            seen[pattern.key] = ("?", f"cannot build the URL: {exc!r}")
            continue
        try:
            seen[pattern.key] = (url, describe(get(client, url, persona, world)))
        except Exception as exc:
            seen[pattern.key] = (url, f"500 ({type(exc).__name__}: {exc})")
    return seen


# --- the tests ----------------------------------------------------------------------------


def test_every_url_pattern_has_a_row():
    keys = {p.key for p in site_patterns()}
    missing = sorted(keys - EXPECTATIONS.keys())
    assert not missing, (
        "URL patterns without a row in tests/test_access_matrix.py EXPECTATIONS "
        f"(decide who may see them): {missing}"
    )


def test_the_matrix_has_no_rows_for_urls_that_are_gone():
    keys = {p.key for p in site_patterns()}
    stale = sorted(EXPECTATIONS.keys() - keys - OPTIONAL)
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_everywhere(persona, world):
    problems = []
    for key, (url, outcome) in sorted(observe(persona, world).items()):
        row = EXPECTATIONS.get(key)
        if row is None and isinstance(outcome, str) and outcome.startswith("cannot"):
            continue  # a pattern with arguments and no row yet: the row test reports it
        if isinstance(outcome, str) and outcome.startswith(("500", "cannot")):
            problems.append(f"{key} {url}: {outcome}")
        elif outcome == 500:
            problems.append(f"{key} {url}: 500")
        elif row is not None and row.expect[persona] != outcome:
            problems.append(f"{key} {url}: expected {row.expect[persona]!r}, got {outcome!r}")
    assert not problems, f"{persona}:\n  " + "\n  ".join(problems)


@pytest.mark.skipif(not os.environ.get("ACCESS_MATRIX_PRINT"), reason="ACCESS_MATRIX_PRINT unset")
def test_print_the_observed_matrix(world):
    observed = {persona: observe(persona, world) for persona in PERSONAS}
    for pattern in site_patterns():
        outcomes = {p: observed[p][pattern.key][1] for p in PERSONAS}
        print(f"{pattern.key!r}: {outcomes}  # {observed['anonymous'][pattern.key][0]}")


# --- the admin site -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_city_staff_reach_the_admin_site(persona, world):
    response = client_for(persona, world).get(reverse("admin:index"))
    if persona in ("editor", "moderator"):
        assert response.status_code == 200
    else:
        # Everyone else is sent to the admin's own login page.
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("admin:login")


def test_every_admin_list_and_add_page_works_for_a_superuser(world, admin_client, admin_user, rf):
    # A broken list_display or form in any ModelAdmin shows up here, not in production.
    from django.contrib import admin

    world.organisation  # noqa: B018 - the world has rows for the change lists to show
    problems = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        for view in ("changelist", "add"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")
            try:
                status = admin_client.get(url).status_code
            except Exception as exc:
                status = f"500 ({type(exc).__name__}: {exc})"
            if status not in (200, 403):
                problems.append(f"{url}: {status}")
        request = rf.get("/")
        request.user = admin_user
        first = model_admin.get_queryset(request).first()
        if first is not None:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            try:
                status = admin_client.get(url).status_code
            except Exception as exc:
                status = f"500 ({type(exc).__name__}: {exc})"
            if status not in (200, 403):
                problems.append(f"{url}: {status}")
    assert not problems, "\n".join(problems)
