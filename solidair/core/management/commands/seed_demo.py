"""`manage.py seed_demo [--size small|medium] [--force]`: load demo content (idempotent).

Only for a local demo: it creates accounts with a published password, so it refuses to run
when DEBUG is false unless --force is given.
"""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from solidair.core.demo import SIZES, count_steps, load_demo_content


class Command(BaseCommand):
    help = "Load demo people, organisations and memberships (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            choices=SIZES,
            default="small",
            help="small: ~30 people, 20 organisations; medium: ~120 people, 45 organisations.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is false (the demo accounts have a public password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts with a public password and only runs with "
                "DEBUG=true. Add --force if you really want demo content here."
            )
        size = options["size"]
        # The bar goes to stderr and only to a terminal: logs and pipes get the summary only.
        stream = sys.stderr
        with tqdm(
            total=count_steps(size),
            desc="Demo content",
            unit="item",
            file=stream,
            disable=not stream.isatty(),
            leave=False,
        ) as bar:

            def progress(kind: str) -> None:
                bar.set_postfix_str(kind, refresh=False)
                bar.update(1)

            summary = load_demo_content(size=size, progress=progress)

        parts = [
            f"{summary.total[kind]} {kind} ({summary.created.get(kind, 0)} new)"
            for kind in summary.total
        ]
        self.stdout.write(f"Demo content ({size}): " + ", ".join(parts) + ".")
        self.stdout.write("Log in with (local demo only):")
        for role, email, password in summary.credentials:
            self.stdout.write(f"  {role:<16} {email} / {password}")
