"""Search: the Dutch normaliser (pure Python) and the queryset on SQLite and PostgreSQL.

Run on PostgreSQL with DATABASE_URL=postgres://postgres@127.0.0.1:5432/solidair_dev."""

from __future__ import annotations

import pytest
from django.db import connection

from solidair.core.models import Category
from solidair.exchange.models import Post
from solidair.exchange.search import build_document, query_terms, split_compound
from solidair.exchange.synonyms import SYNONYMS

from .factories import PostFactory


def matches(document_text: str, query: str) -> bool:
    """The rule both databases apply: every query term is a token of the document."""
    tokens = set(build_document([document_text]).split())
    terms = query_terms(query)
    return bool(terms) and all(term in tokens for term in terms)


# --- normaliser ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("fietsen", "fiets"),
        ("fiets", "fietsen"),
        ("Kinderfiets te geef", "fiets"),
        ("kinderfietsen", "fiets"),
        ("Mijn oude velo", "fiets"),
        ("Een fiets", "velo"),
        ("velo's voor kinderen", "fiets"),
        ("kinderfiets", "kindervelo"),
        ("Frigo in goede staat", "koelkast"),
        ("Koelkast met vriesvak", "frigo"),
        ("koelkasten", "koelkast"),
        ("Buggy, nauwelijks gebruikt", "kinderwagen"),
        ("Kinderwagen", "buggy"),
        ("kinderwagens", "kinderwagen"),
        ("Warme winterjas maat 38", "jas"),
        ("winterjassen", "winterjas"),
        ("Winterjas", "winter"),
        ("Laptop voor school", "computer"),
        ("gsm", "smartphone"),
        ("Kleren voor baby's", "kleding"),
        ("Café Élégant", "cafe elegant"),
        ("Hulp met papieren van het OCMW", "administratie"),
    ],
)
def test_it_finds_variants_stems_synonyms_and_compounds(text, query):
    assert matches(text, query)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("fiets", "koelkast"),
        ("winterjas", "fiets"),
        ("tafel en stoelen", "tafel kast"),  # every term must match
        ("kasteel", "kast"),  # not a compound of "kast"
    ],
)
def test_it_does_not_match_unrelated_words(text, query):
    assert not matches(text, query)


def test_it_lowercases_strips_accents_and_stop_words():
    assert query_terms("Een FIETS voor de één") == ["fiet"]
    assert query_terms("de het een") == []


def test_it_splits_compounds_on_a_known_head():
    assert split_compound("kinderfiets") == ("kinder", "fiets")
    assert split_compound("winterjas") == ("winter", "jas")
    assert split_compound("fiets") is None


def test_the_document_is_space_padded_unique_tokens():
    document = build_document(["Kinderfiets", "fiets fiets"])
    assert document.startswith(" ")
    assert document.endswith(" ")
    tokens = document.split()
    assert len(tokens) == len(set(tokens))
    assert "fiet" in tokens


def test_there_are_at_least_thirty_synonym_pairs():
    assert len(SYNONYMS) >= 30


# --- queryset (runs on SQLite and PostgreSQL) ----------------------------------------------


@pytest.fixture
def posts(db):
    other = Category.objects.get(slug="other-goods")
    return {
        "kinderfiets": PostFactory.create(
            title="Kinderfiets te geef", body="Blauw, voor 6 jaar.", category=other
        ),
        "fietsen": PostFactory.create(
            title="Twee fietsen", body="Oud maar rijden nog.", category=other
        ),
        "frigo": PostFactory.create(title="Frigo", body="Werkt prima.", category=other),
        "buggy": PostFactory.create(title="Buggy", body="Plooibaar.", category=other),
        "winterjas": PostFactory.create(
            title="Winterjassen", body="Maat 38 en 40.", category=other
        ),
        "closed_fiets": PostFactory.create(
            title="Fiets", body="Al weg.", category=other, closed=True
        ),
    }


def titles(qs):
    return {post.title for post in qs}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fiets", {"Kinderfiets te geef", "Twee fietsen"}),
        ("velo", {"Kinderfiets te geef", "Twee fietsen"}),
        ("koelkast", {"Frigo"}),
        ("kinderwagen", {"Buggy"}),
        ("jas", {"Winterjassen"}),
        ("fiets blauw", {"Kinderfiets te geef"}),
        ("fiets koelkast", set()),
        ("de een", set()),
    ],
)
def test_the_queryset_search_matches_every_term(posts, query, expected):
    assert titles(Post.objects.public().filter_list(q=query)) == expected


@pytest.mark.django_db
def test_an_empty_query_filters_nothing(posts):
    assert Post.objects.public().filter_list(q="  ").count() == 5


@pytest.mark.django_db
def test_search_ignores_sql_and_tsquery_syntax(posts):
    for query in ["fiets & !koelkast", "' OR 1=1 --", "fiets:*", "(", "%", "_"]:
        list(Post.objects.public().filter_list(q=query))  # no error


@pytest.mark.django_db
def test_search_finds_words_in_the_category_name(posts):
    bikes = PostFactory.create(
        title="Rood exemplaar", body="Zonder bel.", category=Category.objects.get(slug="bicycles")
    )
    assert bikes in Post.objects.public().filter_list(q="fiets")


@pytest.mark.django_db
def test_search_results_come_newest_first(posts):
    newest = PostFactory.create(title="Nog een fiets")
    result = list(Post.objects.public().filter_list(q="fiets"))
    assert result[0] == newest
    dates = [post.published_at.timestamp() for post in result if post.published_at]
    assert len(result) > 1
    assert dates == sorted(dates, reverse=True)


@pytest.mark.django_db
def test_the_gin_index_exists_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'exchange_post_search_gin'"
        )
        row = cursor.fetchone()
    assert row is not None
    assert "gin" in row[0].lower()


@pytest.mark.django_db
def test_the_search_query_uses_the_gin_index_on_postgresql(posts):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    qs = Post.objects.search("fiets")
    with connection.cursor() as cursor:
        # The table is tiny, so force the planner's hand: it must be *able* to use the
        # index, which it is only when the expressions are identical.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()
    assert "exchange_post_search_gin" in plan


def test_a_word_that_only_ends_in_a_stem_is_not_split_as_a_compound():
    # "benefiet" ends in "fiet", the stem of "fiets", but is no bicycle.
    assert split_compound("benefiet") is None
    assert "fiet" not in build_document(["Ik kook voor jullie benefiet"]).split()
    assert "fiet" in build_document(["Kinderfiets te geef"]).split()
