"""Demo content for matching: the demo person's saved searches, and the suggestions every
open demo post gives rise to (notices and in-app notifications), as if each post had just
been announced. Idempotent: a saved search is found by its filters, a notice by
(person, post)."""

from __future__ import annotations

from solidair.core.demo import DemoContext, demo_section
from solidair.exchange.models import Post

from . import services

SAVED_SEARCHES = [
    ("demo", "Fietsen in de buurt", "q=fiets&kind=offer", "daily"),
    ("demo", "Taalcoaching", "category=language-coaching", "instant"),
]
MAX_ANNOUNCED = 80


@demo_section("matching", order=40, steps=lambda size: len(SAVED_SEARCHES) + MAX_ANNOUNCED)
def matching(ctx: DemoContext) -> None:
    """Saved searches of the demo person and the suggestions of the open demo posts."""
    for key, name, query, frequency in SAVED_SEARCHES:
        person = ctx.people.get(key)
        if person is None:
            ctx.tick("saved searches", created=False)
            continue
        existed = person.saved_searches.filter(query=services.normalise_query(query)).exists()
        services.save_search(user=person, query=query, frequency=frequency, name=name)
        ctx.tick("saved searches", created=not existed)
    posts = list(
        Post.objects.public()
        .filter(author__email__endswith="@example.org")
        .order_by("published_at", "pk")
        .values_list("pk", flat=True)[:MAX_ANNOUNCED]
    )
    # Fictional matches dated weeks back must not be emailed by the worker `make run`
    # starts after seeding: in-app notifications only.
    for pk in posts:
        result = services.announce_post(post_id=pk, send_emails=False)
        ctx.tick("suggestions", created=bool(result.suggestions or result.saved_searches))
    # The bar was sized for MAX_ANNOUNCED posts; fewer open demo posts leave it short.
    for _ in range(MAX_ANNOUNCED - len(posts)):
        ctx.tick("suggestions", created=False)
