"""The engine's quality on the labelled development set must not regress."""

from __future__ import annotations

import pytest

from solidair.exchange.models import Post
from solidair.matching.evaluation import (
    dcg,
    load_devset,
    metrics,
    relevance_both_ways,
    run_evaluation,
)

P_AT_1 = 0.85
NDCG_AT_5 = 0.80


def test_the_development_set_is_big_enough_and_well_formed():
    data = load_devset()
    kinds = [p["kind"] for p in data["posts"]]
    assert kinds.count("request") >= 40
    assert kinds.count("offer") >= 50
    keys = {p["key"] for p in data["posts"]}
    assert len(keys) == len(data["posts"])
    for request, offers in data["labels"].items():
        assert request in keys
        assert request.startswith("r")
        assert all(o in keys and o.startswith("o") and g in (0, 1, 2) for o, g in offers.items())
    # Hard cases: requests with no match at all are part of the set.
    assert sum(1 for offers in data["labels"].values() if not any(offers.values())) >= 4


def test_metrics_are_computed_the_textbook_way():
    relevance = {"q1": {"a": 2, "b": 1}, "q2": {"c": 2}, "q3": {}}
    result = metrics({"q1": ["b", "a"], "q2": ["x", "c"], "q3": []}, relevance)
    assert result.queries == 2
    assert result.p_at_1 == pytest.approx(0.5)
    assert result.mrr == pytest.approx((1 + 0.5) / 2)
    ideal_q1 = dcg([2, 1])
    expected = (dcg([1, 2]) / ideal_q1 + dcg([0, 2]) / dcg([2])) / 2
    assert result.ndcg_at_5 == pytest.approx(expected)
    assert result.silent_on_no_match == 1.0
    assert relevance_both_ways({"r": {"o": 2, "p": 0}}) == {"r": {"o": 2}, "o": {"r": 2}}


@pytest.mark.django_db
def test_the_engine_meets_its_targets_in_both_directions_and_beats_the_baseline():
    before = Post.objects.count()
    evaluation = run_evaluation()
    for direction in ("requests", "offers"):
        engine, baseline = evaluation.engine[direction], evaluation.baseline[direction]
        assert engine.p_at_1 >= P_AT_1, (direction, engine.as_dict())
        assert engine.ndcg_at_5 >= NDCG_AT_5, (direction, engine.as_dict())
        assert engine.mrr > baseline.mrr + 0.2
        assert engine.p_at_1 > baseline.p_at_1 + 0.2
        assert engine.ndcg_at_5 > baseline.ndcg_at_5 + 0.2
        assert engine.silent_on_no_match > baseline.silent_on_no_match
    # The scratch data was rolled back.
    assert Post.objects.count() == before


@pytest.mark.django_db
def test_the_command_prints_both_directions_next_to_the_baseline():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("evaluate_matching", stdout=out)
    text = out.getvalue()
    assert "requests → offers" in text
    assert "offers → requests" in text
    assert text.count("baseline") >= 2
    assert "nDCG@5" in text
