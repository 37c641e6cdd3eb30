"""Demo content for a local Solidair: people, organisations and memberships in Ghent.

`load_demo_content()` runs every registered demo section in order. It is idempotent: rows are
found by stable identifiers (emails demo-*@example.org, slugs) and only missing ones are
created, so running it twice adds nothing.

Later apps add their own demo content by registering a section in their `demo.py`, which
`load_demo_content` imports from every installed app:

    from solidair.core.demo import DemoContext, demo_section

    @demo_section("posts", order=30, steps=lambda size: 40)
    def posts(ctx: DemoContext) -> None:
        author = ctx.people["amanuel"]      # people and organisations of earlier sections
        ...
        ctx.tick("posts", created=True)   # once per item: advances the progress bar

Sections run in `order` (people 10, organisations 20); everything is fictional, emails
use example.org and phone numbers the unassigned +32 9 000 range.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from solidair.accounts.models import User
from solidair.organisations.models import Organisation

Size = Literal["small", "medium"]
SIZES: tuple[Size, ...] = ("small", "medium")

DEMO_PASSWORD = "solidair-demo"  # noqa: S105 - printed on purpose: a local demo only
ADMIN_EMAIL = "admin@example.org"
DEMO_EMAIL = "demo@example.org"


# --- the section registry -------------------------------------------------------------------

ProgressCallback = Callable[[str], None]


@dataclass
class DemoContext:
    """What sections share: the size, the people and organisations made so far (by key),
    and counts of what was found or created."""

    size: Size
    progress: ProgressCallback
    password_hash: str
    people: dict[str, User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    created: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)

    def tick(self, kind: str, *, created: bool) -> None:
        """Count one item of `kind` and advance the progress bar."""
        self.total[kind] += 1
        if created:
            self.created[kind] += 1
        self.progress(kind)


@dataclass(frozen=True)
class DemoSection:
    name: str
    order: int
    steps: Callable[[Size], int]
    run: Callable[[DemoContext], None]


_SECTIONS: dict[str, DemoSection] = {}


def demo_section(
    name: str, *, order: int, steps: Callable[[Size], int]
) -> Callable[[Callable[[DemoContext], None]], Callable[[DemoContext], None]]:
    """Register a function as a demo section (`steps` estimates its ticks for the bar)."""

    def register(run: Callable[[DemoContext], None]) -> Callable[[DemoContext], None]:
        _SECTIONS[name] = DemoSection(name=name, order=order, steps=steps, run=run)
        return run

    return register


def demo_sections() -> list[DemoSection]:
    """Every registered section, in order, after importing each installed app's `demo`."""
    autodiscover_modules("demo")
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.name))


def count_steps(size: Size) -> int:
    """How many ticks `load_demo_content` makes, for sizing a progress bar."""
    return sum(section.steps(size) for section in demo_sections())


@dataclass(frozen=True)
class DemoSummary:
    created: dict[str, int]
    total: dict[str, int]
    credentials: list[tuple[str, str, str]]  # (role, email, password)


@transaction.atomic
def load_demo_content(
    *, size: Size = "small", progress: ProgressCallback | None = None
) -> DemoSummary:
    """Create the demo content that is missing (idempotent) and return what exists.

    `progress` is called once per item with the item's kind (a progress bar's update)."""
    if size not in SIZES:
        raise ValueError(f"Unknown demo size {size!r}; choose one of {', '.join(SIZES)}.")
    ctx = DemoContext(
        size=size,
        progress=progress or (lambda kind: None),
        # One Argon2 hash for every demo account: hashing 30+ times would take seconds.
        password_hash=make_password(DEMO_PASSWORD),
    )
    for section in demo_sections():
        section.run(ctx)
    return DemoSummary(
        created=dict(ctx.created),
        total=dict(ctx.total),
        credentials=[
            ("staff superuser", ADMIN_EMAIL, DEMO_PASSWORD),
            ("regular user", DEMO_EMAIL, DEMO_PASSWORD),
        ],
    )


# The sections of this app register themselves when imported (after the registry above).
from solidair.core.demo import organisations as _organisations  # noqa: E402, F401
from solidair.core.demo import people as _people  # noqa: E402, F401

__all__ = [
    "ADMIN_EMAIL",
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "SIZES",
    "DemoContext",
    "DemoSection",
    "DemoSummary",
    "Size",
    "count_steps",
    "demo_section",
    "demo_sections",
    "load_demo_content",
]
