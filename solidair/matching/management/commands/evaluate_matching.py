"""Print the matching engine's quality on the development set next to the baseline."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from solidair.matching.evaluation import run_evaluation


class Command(BaseCommand):
    help = (
        "Load the labelled development set into a rolled-back transaction and print P@1, "
        "MRR and nDCG@5 for requests→offers and offers→requests, engine and baseline."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument(
            "--details", action="store_true", help="Also print each query's top 5 and grades."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        evaluation = run_evaluation()
        if options["json"]:
            payload = {
                name: {d: m.as_dict() for d, m in result.items()}
                for name, result in (
                    ("engine", evaluation.engine),
                    ("baseline", evaluation.baseline),
                )
            }
            self.stdout.write(json.dumps(payload, indent=2))
            return
        self.stdout.write(
            f"Development set: {evaluation.requests} requests, {evaluation.offers} offers\n"
        )
        header = (
            f"{'direction':<20}{'ranking':<10}{'P@1':>7}{'MRR':>7}{'nDCG@5':>8}"
            f"{'queries':>9}{'silent*':>9}"
        )
        self.stdout.write(header)
        for direction in ("requests", "offers"):
            label = "requests → offers" if direction == "requests" else "offers → requests"
            for name, result in (("engine", evaluation.engine), ("baseline", evaluation.baseline)):
                m = result[direction]
                self.stdout.write(
                    f"{label:<20}{name:<10}{m.p_at_1:>7.3f}{m.mrr:>7.3f}{m.ndcg_at_5:>8.3f}"
                    f"{m.queries:>9}{m.silent_on_no_match:>9.2f}"
                )
        self.stdout.write(
            "* share of the queries without any match for which the ranking suggests nothing"
        )
        if options["details"]:
            for direction in ("requests", "offers"):
                for row in evaluation.engine[direction].details:
                    self.stdout.write(f"{row['query']}: {row['ranking']} {row['grades']}")
