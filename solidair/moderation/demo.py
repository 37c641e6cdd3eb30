"""Demo reports, so the moderators' queue (the demo admin is a moderator) has something to
work on: a report on a post, one on a person, and a message held for its links."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from solidair.core.demo import DemoContext, demo_section
from solidair.exchange.models import Message, Post

from . import services
from .models import Report

HELD_TEXT = (
    "Goedkope meubels en gratis geld! Kijk snel op https://voorbeeld-winkel.example/aanbod "
    "en https://voorbeeld-winkel.example/geld en ook www.voorbeeld-geld.example/nu "
    "en https://nog-een.example/x"
)


@demo_section("moderation", order=60, steps=lambda size: 3)
def moderation(ctx: DemoContext) -> None:
    demo = ctx.people.get("demo")
    others = [user for key, user in ctx.people.items() if key not in ("admin", "demo")]
    if demo is None or len(others) < 2:
        for _ in range(3):
            ctx.tick("reports", created=False)
        return
    post_type = ContentType.objects.get_for_model(Post)
    post = (
        Post.objects.public().exclude(author=demo).order_by("pk").select_related("author").first()
    )
    if post is not None and not Report.objects.filter(target_type=post_type).exists():
        services.report_content(
            reporter=demo,
            kind="post",
            pk=post.pk,
            reason="scam",
            remark="Vraagt eerst een voorschot via een betaallink.",
        )
        ctx.tick("reports", created=True)
    else:
        ctx.tick("reports", created=False)
    person = others[1]
    if not Report.objects.filter(target_user=person, reporter=demo).exists():
        services.report_content(
            reporter=demo,
            kind="person",
            pk=person.pk,
            reason="unsafe",
            remark="Stuurt aandringende berichten na een weigering.",
        )
        ctx.tick("reports", created=True)
    else:
        ctx.tick("reports", created=False)
    message = (
        Message.objects.filter(sender__isnull=False, conversation__post__author=demo)
        .exclude(sender=demo)
        .order_by("pk")
        .first()
    )
    if message is not None and not Message.objects.filter(held_reason__gt="").exists():
        held = Message.objects.create(
            conversation=message.conversation, sender=message.sender, body=HELD_TEXT
        )
        services.hold_for_review(obj=held, reason="links")
        ctx.tick("reports", created=True)
    else:
        ctx.tick("reports", created=False)
