"""Browser tests share one live server (another thread of this process, so locmem
`mail.outbox` and the ImmediateBackend's tasks are visible to the test)."""

from __future__ import annotations

from typing import Any

import pytest

DEFAULT_TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def _reference_data(transactional_db: None) -> None:
    # The live server only sees committed data, so these tests are transactional, and the
    # flush after each one empties every table, including the reference data that the
    # migrations loaded (neighbourhoods, categories...): put it back.
    # (Serialized rollback cannot do it here: once Playwright runs an event loop in this
    # thread, Django keeps its connections in a context-local store, and the copy of the
    # database serialized at setup hangs on the old connection object.)
    from django.apps import apps

    from solidair.core.models import Neighbourhood
    from solidair.core.reference import sync_reference_data

    if not Neighbourhood.objects.exists():
        sync_reference_data(apps)


@pytest.fixture(autouse=True)
def _links_point_at_the_live_server(settings: Any, live_server: Any) -> None:
    # Emails build absolute links from SITE_URL: send them to the server under test.
    settings.SITE_URL = live_server.url


@pytest.fixture(autouse=True)
def _short_timeouts(request: pytest.FixtureRequest) -> None:
    # Playwright's default 30 s makes a broken page look like a hang.
    if "page" in request.fixturenames:
        page = request.getfixturevalue("page")
        page.set_default_timeout(DEFAULT_TIMEOUT_MS)
        page.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
