"""Fixtures for the cross-app tests: Playwright drives Debian's Chromium against the live
server (pytest-playwright), with an English UI so tests can select by the English source
strings while the Dutch translation is still being written."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

# Debian's build: `playwright install` cannot download browsers here, and we do not want to.
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No traffic to Google's servers: the tests must pass offline and stay fast.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is missing: install Debian's chromium (bin/ensure-chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], live_server: Any) -> dict[str, Any]:
    return {
        **browser_context_args,
        "locale": "en-GB",
        "base_url": live_server.url,
    }


@pytest.fixture
def world(citizen, volunteer, organisation, org_admin, editor, moderator, stranger):
    """The objects of the access matrix (tests/test_access_matrix.py), shared by the suites
    that walk every URL."""
    from tests.test_access_matrix import World

    users = {
        "citizen": citizen,
        "volunteer": volunteer,
        "org_admin": org_admin,
        "editor": editor,
        "moderator": moderator,
        "stranger": stranger,
    }
    return World(users, organisation)
