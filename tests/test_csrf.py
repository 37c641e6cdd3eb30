"""CSRF protection on every URL of the site.

Every pattern of the access matrix is POSTed to by a signed-in person (the persona who may
use that page, so the view would otherwise act) from a client that enforces CSRF checks and
sends no token. Pages must refuse with the friendly CSRF page (403); the API, which ninja
exempts from Django's middleware, must not act on a session cookie without a token either.
Nothing in the database may change.

A view that deliberately takes POSTs without a token belongs in EXEMPT, with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from tests.test_access_matrix import EXPECTATIONS, USERS, site_patterns, url_for

EXEMPT = {
    # The language switcher: a forged request can only change the interface language.
    "core:set_language": "harmless, and pages carrying it must stay cacheable",
    # RFC 8058 one-click unsubscribe: the secret token in the URL is the credential.
    "accounts:unsubscribe": "mail clients POST without a CSRF token",
}

# Whom to sign in as for a page: the first persona whose GET the matrix answers with 200.
PREFERENCE = ("org_admin", "citizen", "volunteer", "editor", "moderator", "stranger")


def persona_for(key: str) -> str:
    row = EXPECTATIONS.get(key)
    if row is not None:
        for persona in PREFERENCE:
            if row.expect.get(persona) == 200:
                return persona
    return "citizen"


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy
    }


@pytest.mark.django_db
def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(world: Any) -> None:
    clients: dict[str, Client] = {}
    for persona in USERS:
        client = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})
        client.force_login(world.users[persona])
        clients[persona] = client
    patterns = [p for p in site_patterns() if p.key not in EXEMPT]
    urls = []
    for pattern in patterns:
        row = EXPECTATIONS.get(pattern.key)
        try:
            urls.append((pattern, url_for(pattern, row, world)))
        except Exception as exc:
            if row is None:
                continue  # a pattern with arguments and no row yet: the matrix reports it
            pytest.fail(f"cannot build {pattern.key}: {exc!r}")
    before = row_counts()

    problems = []
    for pattern, url in urls:
        persona = persona_for(pattern.key)
        response = clients[persona].post(url, {"title": "forged", "body": "forged"})
        if url.startswith("/api/"):
            if response.status_code < 400 or response.status_code >= 500:
                problems.append(f"{pattern.key} {url} as {persona}: API {response.status_code}")
        elif response.status_code != 403 or "403_csrf.html" not in {
            t.name for t in response.templates
        }:
            problems.append(f"{pattern.key} {url} as {persona}: {response.status_code}")

    assert not problems, "POSTs without a CSRF token that were not refused:\n  " + "\n  ".join(
        problems
    )
    assert row_counts() == before


def test_the_exemptions_still_exist() -> None:
    keys = {p.key for p in site_patterns()}
    assert set(EXEMPT) <= keys
