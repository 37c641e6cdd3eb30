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

    @cached_property
    def message(self) -> Any:
        from solidair.exchange.tests.factories import MessageFactory

        return MessageFactory(conversation=self.conversation, sender=self.users["volunteer"])


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


ORG_ADMINS = ("org_admin",)
# The two people in the exchange's conversation: the post's author and the responder.
PARTIES = ("citizen", "volunteer")
STAFF = ("editor", "moderator")


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
    "exchange:report": Row(users_only(), kwargs=post, why="anyone may report a post"),
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
    "exchange:message_report": Row(
        only(PARTIES, others=404),
        kwargs=lambda w: {"pk": w.conversation.pk, "message_pk": w.message.pk},
    ),
    "exchange:match_outcome": Row(only(PARTIES, others=404), kwargs=lambda w: {"pk": w.match.pk}),
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
