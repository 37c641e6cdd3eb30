"""Dutch text normalisation for searching posts, identical for documents and queries.

Neither SQLite nor PostgreSQL's own Dutch configuration does what people expect here
(PostgreSQL's `dutch` stems "fiets" to "fiet" but "fietsen" to "fiets", and knows no
Flemish variants or compounds), so the normalisation happens in Python, once, when a post
is written: the result is stored in Post.search_document as a space-padded list of
tokens, and a query goes through the very same function. The database then only matches
whole tokens: PostgreSQL with full-text search ('simple' configuration, GIN index),
SQLite with LIKE ' token '. Both return the same posts.

Per word: lowercase, accents stripped, Snowball Dutch stem (applied until it stops
changing, so "fietsen" → "fiets" → "fiet" meets "fiets" → "fiet"), Flemish/common variants
mapped to one canonical stem (velo → fiets), and compounds split when their head is a
known word (kinderfiets → kinderfiets + kinder + fiets) so "fiets" finds "kinderfiets".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

from .synonyms import COMPOUND_VOCABULARY, STOP_WORDS, SYNONYMS

_WORD_RE = re.compile(r"[a-z0-9]+")
# Parts of a compound shorter than this are not split off ("kast" + "eel" is no compound).
MIN_HEAD = 3
MIN_UNKNOWN_PART = 4
# Words longer than this are not split (they are URLs, codes or nonsense).
MAX_SPLIT_LENGTH = 40

_stemmer = snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lowercase and strip accents: "Café Één" → "cafe een"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenise(text: str) -> list[str]:
    """The words of `text`, folded, without stop words and one-letter words."""
    return [w for w in _WORD_RE.findall(fold(text)) if len(w) > 1 and w not in STOP_WORDS]


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Snowball Dutch stem, repeated until it stops changing (at most three times)."""
    current = word
    for _ in range(3):
        nxt = _stemmer.stemWord(current)
        if nxt == current:
            break
        current = nxt
    return current


def _build_synonym_stems() -> dict[str, str]:
    return {stem(fold(variant)): stem(fold(canonical)) for variant, canonical in SYNONYMS.items()}


SYNONYM_STEMS: dict[str, str] = _build_synonym_stems()


def canonical(word_stem: str) -> str:
    """The canonical stem for a stem (synonyms), or the stem itself."""
    return SYNONYM_STEMS.get(word_stem, word_stem)


def _build_vocabulary() -> frozenset[str]:
    words = set(COMPOUND_VOCABULARY) | set(SYNONYMS) | set(SYNONYMS.values())
    return frozenset(canonical(stem(fold(w))) for w in words)


VOCABULARY: frozenset[str] = _build_vocabulary()
# Whole words that are known as such: never rewritten from their parts ("kinderwagen" stays
# the canonical of "buggy" instead of becoming "kinder" + "wagen").
KNOWN_WHOLE: frozenset[str] = frozenset(
    {stem(fold(w)) for w in SYNONYMS} | {stem(fold(w)) for w in SYNONYMS.values()}
)


SURFACE_WORDS: frozenset[str] = frozenset(
    fold(w) for w in set(COMPOUND_VOCABULARY) | set(SYNONYMS) | set(SYNONYMS.values())
)


def _known(part: str) -> bool:
    # A part must be a real word form, not only a stem: "fiet" is the stem of "fiets" but
    # no word, so "benefiet" is not "bene" + "fiets" while "kinderfiets" is "kinder" + "fiets".
    word_stem = stem(part)
    if word_stem == part and part not in SURFACE_WORDS:
        return False
    return canonical(word_stem) in VOCABULARY


@lru_cache(maxsize=100_000)
def split_compound(word: str) -> tuple[str, str] | None:
    """(modifier, head) of a Dutch compound, or None.

    The longest head that is a known word wins ("kinderwinterjas" → "kinderwinter" +
    "jas"); otherwise the longest known modifier with a head of at least four letters
    ("fietspomp" → "fiets" + "pomp")."""
    length = len(word)
    if length < MIN_HEAD * 2 or length > MAX_SPLIT_LENGTH or word.isdigit():
        return None
    for i in range(MIN_HEAD, length - MIN_HEAD + 1):
        if _known(word[i:]):
            return word[:i], word[i:]
    for i in range(length - MIN_UNKNOWN_PART, MIN_UNKNOWN_PART - 1, -1):
        if len(word[:i]) >= MIN_UNKNOWN_PART and _known(word[:i]):
            return word[:i], word[i:]
    return None


@lru_cache(maxsize=100_000)
def query_token(word: str) -> str:
    """The one token a (folded) word is searched by, also stored for it in documents.

    A compound whose head has a synonym is written with the head's canonical stem, so
    "kindervelo" and "kinderfietsen" both become "kinderfiet"."""
    whole = stem(word)
    if whole in SYNONYM_STEMS or whole in KNOWN_WHOLE:
        return canonical(whole)
    if word.endswith("s") and stem(word[:-1]) in SYNONYM_STEMS:
        # Plurals of loanwords the Dutch stemmer leaves alone: "velos", "frigos", "gsms".
        return canonical(stem(word[:-1]))
    parts = split_compound(word)
    if parts is None:
        return canonical(whole)
    modifier, head = parts
    return modifier + canonical(stem(head))


@lru_cache(maxsize=100_000)
def document_tokens(word: str, depth: int = 0) -> tuple[str, ...]:
    """Every token a (folded) word is indexed under: its query token and, for a compound,
    the tokens of its parts (recursively, two levels)."""
    tokens = [query_token(word)]
    parts = split_compound(word) if depth < 2 else None
    if parts is not None:
        modifier, head = parts
        tokens.append(canonical(stem(head)))
        tokens.extend(document_tokens(modifier, depth + 1))
    return tuple(dict.fromkeys(tokens))


def query_terms(query: str) -> list[str]:
    """The normalised terms of a search query, in order, without duplicates; a post
    matches when its document holds every one of them."""
    return list(dict.fromkeys(query_token(w) for w in tokenise(query)))


def build_document(texts: Iterable[str | None]) -> str:
    """The search document for some texts (title, body, category names, skills): unique
    tokens joined by spaces, with a space at both ends so that SQLite can match a whole
    token with LIKE '% token %'."""
    tokens: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        for word in tokenise(text):
            for token in document_tokens(word):
                tokens[token] = None
    if not tokens:
        return ""
    return " " + " ".join(tokens) + " "
