"""The engine on its own: no database, no Django (the module must not need them)."""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta
from pathlib import Path

from solidair.matching import engine

NOW = datetime(2026, 5, 1, 12, 0)
RABOT = {"neighbourhood": "rabot", "latitude": 51.0630, "longitude": 3.7130}
BRUGSE_POORT = {"neighbourhood": "brugse-poort", "latitude": 51.0560, "longitude": 3.7000}
ZWIJNAARDE = {"neighbourhood": "zwijnaarde", "latitude": 51.0050, "longitude": 3.7100}

_ids = iter(range(1, 10_000))


def post(kind="offer", nature="goods", category="furniture", title="", body="", **rest):
    rest.setdefault("owner", next(_ids) + 1000)
    rest.setdefault("published_at", NOW - timedelta(days=2))
    place = rest.pop("place", RABOT)
    return engine.features(
        id=next(_ids),
        kind=kind,
        nature=nature,
        category=category,
        title=title,
        body=body,
        **{**place, **rest},
    )


def request(**kwargs):
    return post(kind="request", **kwargs)


def test_the_engine_imports_nothing_from_django():
    tree = ast.parse(Path(engine.__file__).read_text())
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [name for name in imported if name and name.startswith("django")]


def test_flemish_variants_and_synonyms_match():
    pairs = [
        ("Velo gezocht", "Fiets te geef", "bicycles"),
        ("Koelkast gezocht", "Frigo te geef", "household"),
        ("Buggy voor onze baby", "Kinderwagen met regenhoes", "baby-and-children"),
        ("Matras gezocht", "Bed met lattenbodem", "furniture"),
        ("Laptop voor school", "Computer met scherm", "electronics"),
        ("Winterjas gezocht", "Warme jas", "clothing"),
    ]
    for asked, offered, category in pairs:
        scored = engine.score(
            request(category=category, title=asked), post(category=category, title=offered)
        )
        assert scored is not None, (asked, offered)
        assert scored.score >= 0.45, (asked, offered, scored.score)


def test_the_head_of_a_compound_counts_its_modifier_hardly():
    wanted = request(category="bicycles", title="Fiets gezocht")
    bike = post(category="bicycles", title="Kinderfiets 20 inch")
    pump = post(category="bicycles", title="Fietspomp")
    ranking = engine.rank(wanted, [pump, bike], now=NOW)
    assert [s.id for s in ranking][:1] == [bike.id]
    pump_score = engine.score(wanted, pump, now=NOW)
    assert pump_score is None or pump_score.score < ranking[0].score - 0.2


def test_a_related_category_fits_but_less_than_the_same_one():
    wanted = request(category="household", title="Matras voor één persoon")
    same = post(category="household", title="Matras 90 x 200")
    related = post(category="furniture", title="Matras 90 x 200")
    unrelated = post(category="bicycles", title="Matras 90 x 200")
    scores = {s.id: s for s in engine.rank(wanted, [same, related, unrelated], now=NOW)}
    assert scores[same.id].score > scores[related.id].score
    assert (
        engine.Reason("related_category", {"category": "furniture"}) in scores[related.id].reasons
    )
    assert engine.related_categories("household", "goods") >= {"furniture", "other-goods"}
    assert unrelated.id not in scores or scores[unrelated.id].score < scores[related.id].score


def test_a_childs_size_does_not_fit_an_adult():
    adult = request(category="clothing", title="Winterjas heren maat L")
    child_coat = post(category="clothing", title="Kinderwinterjas maat 110")
    adult_coat = post(category="clothing", title="Warme winterjas maat XL voor heren")
    ranking = engine.rank(adult, [child_coat, adult_coat], now=NOW)
    assert ranking[0].id == adult_coat.id
    assert all(s.id != child_coat.id for s in ranking) or ranking[-1].score < 0.4
    assert engine.audience("Jas", "voor mijn zoontje van 4") == "child"
    assert engine.audience("Schoenen maat 43", "") == "adult"
    assert engine.audience("Schoenen maat 28", "") == "child"
    assert engine.audience("Tafel", "stevig") == ""


def test_periods_that_do_not_overlap_never_match():
    today = date(2026, 5, 1)
    wanted = request(
        category="other-goods",
        title="Partytent lenen",
        starts_on=today + timedelta(days=40),
        ends_on=today + timedelta(days=41),
    )
    too_early = post(
        category="other-goods",
        title="Partytent te leen",
        starts_on=today,
        ends_on=today + timedelta(days=14),
    )
    open_ended = post(category="other-goods", title="Partytent te leen", starts_on=today)
    assert engine.score(wanted, too_early) is None
    scored = engine.score(wanted, open_ended)
    assert scored is not None
    assert engine.Reason("period", {}) in scored.reasons


def test_a_common_language_is_a_reason_and_none_is_a_penalty_for_volunteering():
    wanted = request(
        nature="volunteering",
        category="interpreting",
        title="Tolk Arabisch voor de dokter",
        languages=frozenset({"ar"}),
    )
    arabic = post(
        nature="volunteering",
        category="interpreting",
        title="Tolken Arabisch",
        languages=frozenset({"ar", "nl"}),
    )
    french = post(
        nature="volunteering",
        category="interpreting",
        title="Tolk Frans",
        languages=frozenset({"fr", "nl"}),
    )
    ranking = engine.rank(wanted, [french, arabic], now=NOW)
    assert ranking[0].id == arabic.id
    assert engine.Reason("speaks", {"languages": ["ar"]}) in ranking[0].reasons
    french_score = engine.score(wanted, french, now=NOW)
    assert french_score is None or french_score.score < ranking[0].score / 1.5


def test_quantities_explain_themselves_and_enough_beats_too_few():
    wanted = request(category="furniture", title="30 stoelen voor ons buurthuis", quantity=30)
    many = post(category="furniture", title="40 stapelstoelen", quantity=40)
    few = post(category="furniture", title="Twee keukenstoelen", quantity=2)
    ranking = engine.rank(wanted, [few, many], now=NOW)
    assert ranking[0].id == many.id
    assert engine.Reason("quantity", {"offered": 40, "asked": 30}) in ranking[0].reasons


def test_the_same_neighbourhood_and_distance_are_reasons():
    wanted = request(category="bicycles", title="Fiets gezocht")
    here = post(category="bicycles", title="Fiets te geef")
    near = post(category="bicycles", title="Fiets te geef", place=BRUGSE_POORT)
    far = post(category="bicycles", title="Fiets te geef", place=ZWIJNAARDE)
    scores = {s.id: s for s in engine.rank(wanted, [far, near, here], now=NOW)}
    assert (
        engine.Reason("same_neighbourhood", {"neighbourhood": "rabot"}) in scores[here.id].reasons
    )
    km = next(r for r in scores[near.id].reasons if r.code == "distance").params["km"]
    assert 0.5 < float(str(km)) < 2.0
    assert scores[here.id].score > scores[near.id].score > scores[far.id].score


def test_only_the_other_kind_the_same_nature_and_never_ones_own():
    wanted = request(category="bicycles", title="Fiets gezocht", owner=7, organisation=3)
    assert engine.score(wanted, request(category="bicycles", title="Fiets gezocht")) is None
    assert (
        engine.score(wanted, post(nature="volunteering", category="bicycles", title="Fiets"))
        is None
    )
    assert engine.score(wanted, post(category="bicycles", title="Fiets", owner=7)) is None
    assert engine.score(wanted, post(category="bicycles", title="Fiets", organisation=3)) is None
    assert engine.score(wanted, post(category="bicycles", title="Fiets")) is not None


def test_goods_that_share_no_words_do_not_match_even_in_the_same_category():
    wanted = request(category="furniture", title="Kleerkast gezocht")
    table = post(category="furniture", title="Eettafel met vier stoelen")
    assert engine.score(wanted, table) is None


def test_volunteering_in_the_same_category_matches_without_shared_words():
    wanted = request(nature="volunteering", category="childcare", title="Oppas op woensdag")
    sitter = post(nature="volunteering", category="childcare", title="Studente past op")
    assert engine.score(wanted, sitter, now=NOW) is not None


def test_recency_breaks_a_tie_and_scores_stay_within_0_and_1():
    wanted = request(category="bicycles", title="Fiets gezocht")
    old = post(category="bicycles", title="Fiets te geef", published_at=NOW - timedelta(days=50))
    new = post(category="bicycles", title="Fiets te geef", published_at=NOW - timedelta(days=1))
    ranking = engine.rank(wanted, [old, new], now=NOW)
    assert [s.id for s in ranking] == [new.id, old.id]
    assert all(0 < s.score <= 1 for s in ranking)


def test_the_baseline_is_same_category_newest_first():
    wanted = request(category="bicycles", title="Fiets")
    older = post(category="bicycles", title="A", published_at=NOW - timedelta(days=3))
    newer = post(category="bicycles", title="B", published_at=NOW - timedelta(days=1))
    other = post(category="furniture", title="Fiets")
    assert [s.id for s in engine.baseline(wanted, [older, other, newer])] == [newer.id, older.id]


def test_shared_words_are_shown_as_the_reader_wrote_them():
    wanted = request(category="bicycles", title="Velo voor mijn werk")
    offered = post(category="bicycles", title="Herenfiets")
    scored = engine.score(wanted, offered, now=NOW)
    assert scored is not None
    words = next(r for r in scored.reasons if r.code == "shared_words").params["words"]
    assert words == ["velo"]
