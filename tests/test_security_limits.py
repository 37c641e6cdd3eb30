"""Brute force and flooding: the login lockout and the rate limits answer 429 with a clear
page (in the visitor's language, without technical details), the API answers 429 as JSON,
and a refused request writes nothing.

Where the limits live: allauth's ACCOUNT_RATE_LIMITS (sign-up, login, failed logins per
address = the lockout, password reset) and solidair.core.ratelimit for our own views and the
API (posting, responding, messaging, reporting, joining, registering, inviting, every API
call). Both count in the cache; the tests run on the local-memory cache, cleared per test.
Own-view limits are exercised at their real call sites with the rate lowered to 1 per hour
for the group under test, so the second request is the one over the limit.

Password reset links are single-use and expire: solidair/accounts/tests/
test_password_and_email.py (test_password_reset_email_works_once,
test_a_password_reset_link_expires) proves both.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from solidair.accounts.tests.factories import TEST_PASSWORD
from tests.test_idor import Arena, _FormScraper, build_arena, diff, snapshot

pytestmark = pytest.mark.django_db

# What the 429 page says (templates/429.html) in English and in Dutch, the default.
PAGE = {
    "en": ("Too many attempts", "You tried this too many times in a short while."),
    "nl": ("Te veel pogingen", "Je hebt dit te vaak geprobeerd in korte tijd."),
}
API_MESSAGE = {
    "en": "Too many requests. Please wait a moment.",
    "nl": "Te veel aanvragen. Wacht even.",
}
# Signs of a technical error page or a leaked exception.
TECHNICAL = ("Traceback", "RateLimited", "Ratelimited", "Exception", 'File "', "django.")


@pytest.fixture
def arena(world: Any) -> Arena:
    """The IDOR suite's objects: the matrix's world and a rival citizen."""
    return build_arena(world)


@pytest.fixture(autouse=True)
def _limits_on(settings: Any) -> Any:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "security-limits",
        }
    }
    settings.RATELIMIT_ENABLE = True
    assert settings.ACCOUNT_RATE_LIMITS, "allauth's rate limits are on unless switched off"
    # Local-memory caches of one name share their store in the process, and every test
    # client comes from the same address: without this, the per-address counts of earlier
    # tests would carry over (the suite's own clean-up empties the configured cache, which
    # on CI is Redis).
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def browser(language: str) -> Client:
    # No Accept-Language means the Dutch default (LocaleMiddleware, LANGUAGE_CODE).
    return Client(headers={"accept-language": "en"}) if language == "en" else Client()


def assert_clear_429_page(response: Any, language: str, *, where: str = "") -> None:
    assert response.status_code == 429, f"{where}: {response.status_code}"
    assert response["Content-Type"].startswith("text/html"), where
    html = response.content.decode()
    title, message = PAGE[language]
    assert title in html, f"{where}: no '{title}' on the 429 page"
    assert message in html, f"{where}: no explanation on the 429 page"
    leaked = [sign for sign in TECHNICAL if sign in html]
    assert not leaked, f"{where}: technical details on the 429 page: {leaked}"


def fail_login(client: Client, email: str) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": "not it"})


def lock_out(client: Client, email: str) -> None:
    for attempt in range(django_settings.LOGIN_ATTEMPTS_LIMIT):
        response = fail_login(client, email)
        assert response.status_code == 200, f"attempt {attempt + 1}: {response.status_code}"


# --- login lockout ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_too_many_failed_logins_lock_the_account_with_a_clear_page(
    citizen: Any, language: str
) -> None:
    client = browser(language)
    lock_out(client, citizen.email)

    # Even the right password is refused now, with the 429 page.
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": TEST_PASSWORD}
    )
    assert_clear_429_page(response, language, where="login after lockout")
    assert citizen.email not in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_account(citizen: Any, volunteer: Any) -> None:
    """Someone guessing one person's password does not lock out everyone behind the same
    address (a library, a social centre)."""
    client = browser("en")
    lock_out(client, citizen.email)
    response = client.post(
        reverse("account_login"), {"login": volunteer.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(volunteer.pk)


def test_the_lockout_ends_after_the_lockout_time(citizen: Any, monkeypatch: Any) -> None:
    import time as real_time

    from allauth.core.internal import ratelimit as allauth_ratelimit

    client = browser("en")
    lock_out(client, citizen.email)
    assert fail_login(client, citizen.email).status_code == 429

    later = real_time.time() + django_settings.LOGIN_LOCKOUT_SECONDS + 1

    class _Later:
        """The clock allauth's rate limiter reads, moved past the lockout."""

        monotonic = staticmethod(real_time.monotonic)
        sleep = staticmethod(real_time.sleep)

        @staticmethod
        def time() -> float:
            return later

    monkeypatch.setattr(allauth_ratelimit, "time", _Later)
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


# --- sign-up and password reset ----------------------------------------------------------------


def _amount(rate: str) -> int:
    """The first number of an allauth rate ("10/h/ip,3/h/key" -> 10)."""
    return int(rate.split(",")[0].split("/")[0])


def _per_key_amount(rate: str) -> int:
    for part in rate.split(","):
        if part.strip().endswith("/key"):
            return int(part.strip().split("/")[0])
    raise AssertionError(f"no per-key limit in {rate!r}")


def test_sign_ups_from_one_address_are_limited(db: Any, settings: Any) -> None:
    from solidair.accounts.models import User

    allowed = _amount(settings.ACCOUNT_RATE_LIMITS["signup"])
    client = browser("nl")
    for n in range(allowed):
        response = client.post(
            reverse("account_signup"),
            {
                "display_name": f"Persoon {n}",
                "email": f"nieuw{n}@example.org",
                "password1": "a long and unusual passphrase 42",
                "password2": "a long and unusual passphrase 42",
            },
        )
        assert response.status_code == 302, f"sign-up {n + 1}: {response.status_code}"
        client.logout()
    before = User.objects.count()
    response = client.post(
        reverse("account_signup"),
        {
            "display_name": "Een te veel",
            "email": "te-veel@example.org",
            "password1": "a long and unusual passphrase 42",
            "password2": "a long and unusual passphrase 42",
        },
    )
    assert_clear_429_page(response, "nl", where="sign-up over the limit")
    assert User.objects.count() == before


def test_password_reset_requests_for_one_address_are_limited(citizen: Any, settings: Any) -> None:
    allowed = _per_key_amount(settings.ACCOUNT_RATE_LIMITS["reset_password"])
    client = browser("en")
    for n in range(allowed):
        response = client.post(reverse("account_reset_password"), {"email": citizen.email})
        assert response.status_code == 302, f"request {n + 1}: {response.status_code}"
    assert len(mail.outbox) == allowed
    response = client.post(reverse("account_reset_password"), {"email": citizen.email})
    assert_clear_429_page(response, "en", where="password reset over the limit")
    assert len(mail.outbox) == allowed, "no email for a request over the limit"


# --- our own limits on pages ---------------------------------------------------------------------


@pytest.fixture
def one_per_hour(monkeypatch: Any) -> Callable[[str], None]:
    """Lower the rate of one rate-limit group to 1 per hour (the counting stays real)."""
    from django_ratelimit.core import is_ratelimited

    groups: set[str] = set()

    def lowered(request: Any, *, group: str, rate: str, **kwargs: Any) -> bool:
        rate = "1/h" if group in groups else rate
        return bool(is_ratelimited(request, group=group, rate=rate, **kwargs))

    monkeypatch.setattr("solidair.core.ratelimit.is_ratelimited", lowered)
    return groups.add


@dataclass(frozen=True)
class Limited:
    group: str
    persona: str
    url: Callable[[Arena], str]
    data: Callable[[Arena, Client], dict[str, Any]]


def _post_form(a: Arena, client: Client) -> dict[str, Any]:
    from solidair.exchange.tests.test_views_posts import form_data

    return form_data()


def filled_in(url: str, **changes: str) -> Callable[[Arena, Client], dict[str, Any]]:
    """The form on `url` as the signed-in person's page fills it in, with `changes`."""

    def build(a: Arena, client: Client) -> dict[str, Any]:
        scraper = _FormScraper()
        scraper.feed(client.get(url).content.decode())
        for action, fields in scraper.forms:
            if action in ("", url):
                data: dict[str, Any] = {}
                for name, value in fields:
                    data.setdefault(name, value)
                data.pop("csrfmiddlewaretoken", None)
                return {**data, **changes}
        raise AssertionError(f"no form on {url}")

    return build


def none(a: Arena, client: Client) -> dict[str, Any]:
    return {}


PAGES = [
    Limited("exchange.post", "citizen", lambda a: reverse("exchange:create"), _post_form),
    Limited(
        "exchange.response",
        "stranger",
        lambda a: reverse("exchange:respond", args=[a.w.post.pk]),
        lambda a, c: {"message": "Ik kan helpen."},
    ),
    Limited(
        "exchange.message",
        "citizen",
        lambda a: reverse("exchange:conversation", args=[a.w.conversation.pk]),
        lambda a, c: {"body": "Dag!"},
    ),
    Limited(
        "moderation.report",
        "stranger",
        lambda a: reverse("moderation:report", args=["post", a.w.post.pk]),
        lambda a, c: {"reason": "spam", "remark": "Reclame."},
    ),
    Limited(
        "groups.join",
        "stranger",
        lambda a: reverse("groups:join", args=[a.open_group.slug]),
        lambda a, c: {},
    ),
    Limited(
        "groups.message",
        "volunteer",
        lambda a: reverse("groups:topic", args=[a.open_group.slug, a.open_topic.pk]),
        lambda a, c: {"body": "Ik kom ook."},
    ),
    Limited(
        "activities.register",
        "stranger",
        lambda a: reverse("activities:register", args=[a.w.occurrence.pk]),
        lambda a, c: {},
    ),
    Limited(
        "organisations.invite",
        "org_admin",
        lambda a: reverse("organisations:invite", args=[a.w.organisation.slug]),
        lambda a, c: {"email": "nieuw-lid@example.org", "role": "member"},
    ),
    # Forms that count every attempt, valid or not: an empty one is enough.
    Limited("organisations.create", "citizen", lambda a: reverse("organisations:create"), none),
    Limited("groups.create", "citizen", lambda a: reverse("groups:create"), none),
    Limited("activities.event", "org_admin", lambda a: reverse("activities:create"), none),
    Limited(
        "groups.invite",
        "org_admin",
        lambda a: reverse("groups:invite", args=[a.open_group.slug]),
        lambda a, c: {"email": "nieuw-lid@example.org"},
    ),
    Limited(
        "accounts.delete",
        "citizen",
        lambda a: reverse("accounts:delete"),
        lambda a, c: {"password": "guessing"},
    ),
    # Forms that count only a valid submission.
    Limited(
        "activities.message",
        "org_admin",
        lambda a: reverse("activities:message", args=[a.w.occurrence.pk]),
        lambda a, c: {"subject": "Praktisch", "body": "Neem een pen mee."},
    ),
    Limited(
        "news.submit",
        "org_admin",
        lambda a: reverse("news:submit"),
        lambda a, c: filled_in(
            reverse("news:submit"),
            title="Buurtfeest",
            lead="Iedereen welkom.",
            body="Er is soep.",
        )(a, c),
    ),
]


@pytest.mark.parametrize("case", PAGES, ids=lambda c: c.group)
def test_a_page_over_its_rate_limit_answers_429_and_writes_nothing(
    case: Limited, arena: Arena, settings: Any, one_per_hour: Callable[[str], None]
) -> None:
    one_per_hour(case.group)
    client = browser("en")
    client.force_login(arena.user(case.persona))
    url = case.url(arena)
    data = case.data(arena, client)

    first = client.post(url, data)
    assert first.status_code < 429, f"{case.group}: the first request got {first.status_code}"
    before, outbox = snapshot(), len(mail.outbox)
    second = client.post(url, data)
    assert_clear_429_page(second, "en", where=case.group)
    assert diff(before, snapshot()) == [], f"{case.group}: the refused request wrote"
    assert len(mail.outbox) == outbox


def test_the_429_page_speaks_dutch_by_default(
    arena: Arena, settings: Any, one_per_hour: Callable[[str], None]
) -> None:
    one_per_hour("exchange.message")
    client = browser("nl")
    client.force_login(arena.user("citizen"))
    url = reverse("exchange:conversation", args=[arena.w.conversation.pk])
    client.post(url, {"body": "Dag!"})
    assert_clear_429_page(client.post(url, {"body": "Nog eens"}), "nl", where="Dutch")


# --- the API --------------------------------------------------------------------------------


def api_client(arena: Arena, persona: str, language: str = "en") -> Client:
    headers = {"Authorization": f"Bearer {arena.raw_tokens[persona]}"}
    if language == "en":
        headers["accept-language"] = "en"
    return Client(headers=headers)


def assert_json_429(response: Any, language: str, *, where: str) -> None:
    assert response.status_code == 429, f"{where}: {response.status_code}"
    assert response["Content-Type"].startswith("application/json"), where
    body = response.json()
    assert body == {"detail": API_MESSAGE[language]}, f"{where}: {body}"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_api_answers_429_as_json_over_its_rate_limit(
    arena: Arena, settings: Any, language: str
) -> None:
    settings.API_RATE_LIMIT = "2/m"
    client = api_client(arena, "stranger", language)
    assert [client.get("/api/v1/sectors").status_code for _ in range(2)] == [200, 200]
    assert_json_429(client.get("/api/v1/sectors"), language, where="API rate limit")


@dataclass(frozen=True)
class ApiLimited:
    group: str
    persona: str
    method: str
    path: Callable[[Arena], str]
    body: Callable[[Arena], Any]


API_CASES = [
    ApiLimited(
        "exchange.response",
        "stranger",
        "POST",
        lambda a: f"/api/v1/posts/{a.w.post.pk}/responses",
        lambda a: {"message": "Ik kan helpen."},
    ),
    ApiLimited(
        "exchange.message",
        "citizen",
        "POST",
        lambda a: f"/api/v1/conversations/{a.w.conversation.pk}/messages",
        lambda a: {"body": "Dag!"},
    ),
    ApiLimited(
        "groups.join",
        "stranger",
        "POST",
        lambda a: f"/api/v1/groups/{a.open_group.slug}/join",
        lambda a: {},
    ),
    ApiLimited(
        "activities.register",
        "stranger",
        "POST",
        lambda a: f"/api/v1/events/{a.w.event.pk}/registration",
        lambda a: None,
    ),
]


def _send(client: Client, method: str, path: str, body: Any) -> Any:
    payload = json.dumps(body) if body is not None else ""
    return client.generic(
        method, path, payload, content_type="application/json" if payload else None
    )


@pytest.mark.parametrize("case", API_CASES, ids=lambda c: c.group)
def test_an_api_write_over_its_rate_limit_answers_429_json_and_writes_nothing(
    case: ApiLimited, arena: Arena, settings: Any, one_per_hour: Callable[[str], None]
) -> None:
    one_per_hour(case.group)
    client = api_client(arena, case.persona)
    path, body = case.path(arena), case.body(arena)
    first = _send(client, case.method, path, body)
    assert first.status_code < 400, f"{case.group}: the first request got {first.status_code}"
    before, outbox = snapshot(), len(mail.outbox)
    assert_json_429(_send(client, case.method, path, body), "en", where=case.group)
    assert diff(before, snapshot()) == [], f"{case.group}: the refused request wrote"
    assert len(mail.outbox) == outbox


def test_every_rate_limited_group_called_by_a_view_is_covered() -> None:
    """A new rate limit at a call site gets a row above (or a reason here)."""
    covered = {c.group for c in PAGES} | {c.group for c in API_CASES} | set(NOT_HERE)
    assert set(_groups_in_code()) <= covered, sorted(set(_groups_in_code()) - covered)


# Groups proved elsewhere in this module.
NOT_HERE = {"api": "test_the_api_answers_429_as_json_over_its_rate_limit"}


def _groups_in_code() -> Iterator[str]:
    """Every `group="..."` passed to check_rate_limit in the apps' code."""
    import re
    from pathlib import Path

    root = Path(django_settings.BASE_DIR) / "solidair"
    pattern = re.compile(r"check_rate_limit\([^)]*?group=\"([\w.]+)\"", re.S)
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        yield from pattern.findall(path.read_text(encoding="utf-8"))
