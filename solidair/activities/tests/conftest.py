from __future__ import annotations

import pytest


@pytest.fixture
def training(db, organisation, org_admin):
    """A training by Buurtwerk Rabot (org_admin's organisation) tomorrow, with 2 places."""
    from .factories import EventFactory

    return EventFactory(
        title="Vorming: omgaan met armoede",
        type="training",
        organisation=organisation,
        author=org_admin,
        capacity=2,
    )


@pytest.fixture
def occurrence(training):
    return training.occurrences.get()
