"""The matching engine: how well does an open post of one kind fit a post of the other kind,
and why. Pure Python (no Django), so it is unit-tested on its own and reused by the
suggestions panel, the API, the notifications after publishing and `evaluate_matching`.

The Django side (solidair.matching.selectors) selects a bounded set of candidates in the
database (open, other kind, same nature, related category, overlapping period, not the
owner's own, visible) and turns each post into `Features`; `rank` scores them here.

Scoring is a weighted sum of feature similarities in [0, 1], multiplied by penalties for
facts that make a match unlikely (a children's size for an adult, no common language for
volunteer help), then cut at a threshold: a post with nothing that fits gets nothing.
Reasons are codes with parameters (`Reason`), translated by the caller.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from solidair.exchange.search import canonical, fold, query_token, split_compound, stem, tokenise

# --- categories ---------------------------------------------------------------------------------

# Categories whose posts often fit each other: people file the same thing under different
# headings (a mattress under furniture or household, a child's bike under bicycles or baby
# and children). Symmetric; "other-*" relates to every category of its nature.
RELATED_CATEGORIES: dict[str, frozenset[str]] = {
    "furniture": frozenset({"household", "baby-and-children"}),
    "household": frozenset({"furniture", "electronics", "hygiene", "food"}),
    "clothing": frozenset({"baby-and-children"}),
    "baby-and-children": frozenset({"clothing", "furniture", "bicycles", "school-supplies"}),
    "school-supplies": frozenset({"electronics", "baby-and-children"}),
    "electronics": frozenset({"household", "school-supplies"}),
    "bicycles": frozenset({"baby-and-children"}),
    "food": frozenset({"household", "hygiene"}),
    "hygiene": frozenset({"food", "household", "baby-and-children"}),
    "language-coaching": frozenset({"homework-help", "companionship", "interpreting"}),
    "homework-help": frozenset({"language-coaching", "childcare", "digital-help"}),
    "transport": frozenset({"odd-jobs"}),
    "odd-jobs": frozenset({"transport"}),
    "paperwork": frozenset({"interpreting", "digital-help"}),
    "interpreting": frozenset({"paperwork", "language-coaching"}),
    "digital-help": frozenset({"paperwork", "homework-help"}),
    "companionship": frozenset({"sports-and-leisure", "language-coaching", "cooking"}),
    "sports-and-leisure": frozenset({"companionship", "childcare"}),
    "childcare": frozenset({"homework-help", "sports-and-leisure"}),
    "cooking": frozenset({"companionship"}),
}
CATCH_ALL = {"goods": "other-goods", "volunteering": "other-help"}


def related_categories(category: str, nature: str, all_of_nature: Iterable[str] = ()) -> set[str]:
    """The categories a post in `category` may match: its own, the related ones, the
    catch-all of its nature; and for a catch-all post every category of its nature."""
    family = {category, CATCH_ALL.get(nature, category)}
    family |= RELATED_CATEGORIES.get(category, frozenset())
    family |= {c for c, related in RELATED_CATEGORIES.items() if category in related}
    if category == CATCH_ALL.get(nature):
        family |= set(all_of_nature)
    return family


# --- text ---------------------------------------------------------------------------------------

# Words every post uses ("zoek", "gratis", "goede staat"): they carry no information about
# what is asked or given, so they weigh little. Folded, unstemmed; compared after stemming.
GENERIC_WORDS = frozenset(
    {
        "zoek", "zoeken", "gezocht", "nodig", "hebben", "heeft", "gratis", "geef", "geven",
        "weg", "af", "halen", "ophalen", "brengen", "goed", "goede", "staat", "prima",
        "nieuw", "nieuwe", "oud", "oude", "gebruikt", "iemand", "graag", "hulp", "helpen",
        "help", "bied", "bieden", "aan", "mag", "kunt", "kun", "zou", "willen", "wil",
        "gent", "gentse", "wijk", "buurt", "thuis", "huis", "mensen", "persoon", "gezin",
        "gezinnen", "familie", "mama", "papa", "week", "weken", "maand", "dag", "dagen",
        "keer", "per", "paar", "stuk", "stuks", "aantal", "meer", "veel", "alle", "elke",
        "samen", "even", "zeer", "heel", "echt", "nog", "welkom", "bedankt", "dank",
        "contact", "bericht", "stuur", "vraag", "aanbod", "beschikbaar", "tijd", "uur",
        "uren", "jaar", "jaren", "sinds", "onlangs", "net", "kleine", "klein", "grote",
        "groot", "ander", "andere", "iets", "wat", "hier", "daar", "iedereen", "vzw",
        "organisatie", "vrijwilliger", "vrijwilligers", "vrijwilligerswerk", "kan", "ben",
        "kom", "komen", "moet", "moeten", "iedere", "zelf", "mee", "wel", "alleen",
        "gerust", "liefst", "ongeveer", "maximum", "minimum", "omdat", "want",
        "zodat", "via", "iemands", "onze", "we", "jullie", "hen", "haar", "zijn", "hem",
        "jouw", "jou", "mij", "me", "ons", "kinderen", "zoon", "dochter",
    }
)  # fmt: skip
GENERIC_STEMS = frozenset(canonical(stem(w)) for w in GENERIC_WORDS)
GENERIC_WEIGHT = 0.15

# How much each field of a post says about the thing itself.
TITLE_WEIGHT = 1.0
BODY_WEIGHT = 0.4
SKILL_WEIGHT = 0.8
# A whole word or compound counts fully, the head of a compound nearly (a kinderfiets is a
# fiets), its modifier little (a fietspomp is no fiets).
WHOLE_PART = 1.0
HEAD_PART = 0.8
MODIFIER_PART = 0.25

# Marks of children's things: words, and sizes ("maat 104", "maat 28" for shoes).
CHILD_WORDS = frozenset(
    canonical(stem(fold(w)))
    for w in (
        "kind", "kinder", "kinderen", "baby", "babys", "peuter", "kleuter", "jongen",
        "jongens", "meisje", "meisjes", "zoon", "dochter", "zoontje", "dochtertje", "tiener",
        "kleuters", "peuters", "babykleding", "kinderkleding",
    )
)  # fmt: skip
ADULT_WORDS = frozenset(
    canonical(stem(fold(w)))
    for w in ("volwassen", "volwassene", "volwassenen", "heren", "dames", "man", "vrouw")
)
_SIZE_RE = re.compile(r"\bmaat\s*(\d{2,3}|xxs|xs|s|m|l|xl|xxl|xxxl)\b")
_AGE_RE = re.compile(r"\b(\d{1,2})\s*(?:jaar|maanden)\b")


@dataclass(frozen=True)
class Text:
    """A post's text as weighted tokens (normalised exactly like search)."""

    weights: dict[str, float]
    # The title's "thing" tokens with their surface word, for the shared-words reason.
    surface: dict[str, str]

    @property
    def norm(self) -> float:
        return math.sqrt(sum(w * w for w in self.weights.values()))


def _add(weights: dict[str, float], token: str, weight: float) -> None:
    if token in GENERIC_STEMS:
        weight *= GENERIC_WEIGHT
    if weight > weights.get(token, 0.0):
        weights[token] = weight


def text_features(
    title: str,
    body: str = "",
    skills: Sequence[str] = (),
    *,
    document: str | None = None,
    ignore: frozenset[str] = frozenset(),
) -> Text:
    """Weighted tokens of a post's title, body and skills (the category is a feature of its
    own, so its name is not added here).

    `document` is the post's stored search document (solidair.exchange.search: the same
    normalised tokens): when given, the body is not tokenised again, its tokens weigh
    BODY_WEIGHT each, and `ignore` (the category's own words) is left out. That keeps
    ranking hundreds of candidates cheap."""
    weights: dict[str, float] = {}
    surface: dict[str, str] = {}
    fields = (
        ((title, TITLE_WEIGHT),)
        if document is not None
        else ((title, TITLE_WEIGHT), (body, BODY_WEIGHT))
    )
    for text, field_weight in fields:
        for word in tokenise(text):
            whole = query_token(word)
            _add(weights, whole, field_weight * WHOLE_PART)
            if field_weight == TITLE_WEIGHT and whole not in GENERIC_STEMS:
                surface.setdefault(whole, word)
            parts = split_compound(word)
            if parts is not None:
                modifier, head = parts
                head_token = canonical(stem(head))
                _add(weights, head_token, field_weight * HEAD_PART)
                _add(weights, query_token(modifier), field_weight * MODIFIER_PART)
                if field_weight == TITLE_WEIGHT:
                    surface.setdefault(head_token, head)
    for skill in skills:
        for word in tokenise(skill):
            _add(weights, query_token(word), SKILL_WEIGHT)
    if document is not None:
        for token in document.split():
            if token not in ignore and token not in weights:
                _add(weights, token, BODY_WEIGHT)
    return Text(weights=weights, surface=surface)


def text_similarity(a: Text, b: Text) -> float:
    """Cosine similarity of the weighted token bags (0 … 1)."""
    if not a.weights or not b.weights:
        return 0.0
    small, large = (a, b) if len(a.weights) <= len(b.weights) else (b, a)
    dot = sum(w * large.weights.get(t, 0.0) for t, w in small.weights.items())
    if dot == 0.0:
        return 0.0
    return min(1.0, dot / (a.norm * b.norm))


def shared_words(a: Text, b: Text, limit: int = 3) -> list[str]:
    """The title words both posts use (as the first post writes them), most telling first."""
    found = [
        (a.weights.get(token, 0) * b.weights.get(token, 0), word)
        for token, word in a.surface.items()
        if b.weights.get(token, 0) >= BODY_WEIGHT * HEAD_PART
    ]
    found.sort(key=lambda pair: -pair[0])
    return [word for _, word in found[:limit]]


def audience(title: str, body: str, document: str | None = None) -> str:
    """ "child", "adult" or "" (unknown): whom a thing is for, from words and sizes. With
    the stored search `document` (which holds the parts of compounds too) the words are
    not tokenised again."""
    if document is not None:
        # Sizes and ages are ASCII words and digits: lowercasing is enough, and the regular
        # expressions only run when their keyword occurs (this runs for every candidate).
        text = f"{title} {body}".lower()
        tokens = set(document.split())
    else:
        text = fold(f"{title} {body}")
        tokens = {canonical(stem(w)) for w in tokenise(text)}
        for word in tokenise(text):
            parts = split_compound(word)
            if parts is not None:
                tokens.add(canonical(stem(parts[0])))
    child = bool(tokens & CHILD_WORDS)
    adult = bool(tokens & ADULT_WORDS)
    for size in _SIZE_RE.findall(text) if "maat" in text else ():
        if size.isdigit():
            number = int(size)
            # EU children's clothing 50-176 and children's shoes up to 35; 36-48 are adult
            # clothing or shoe sizes.
            if number >= 50 or number <= 35:
                child = True
            else:
                adult = True
        else:
            adult = True
    for age in _AGE_RE.findall(text) if ("jaar" in text or "maand" in text) else ():
        if int(age) < 14:
            child = True
    if child and not adult:
        return "child"
    if adult and not child:
        return "adult"
    return ""


# --- features and scores ------------------------------------------------------------------------


@dataclass(frozen=True)
class Features:
    """What the engine knows of a post. Built by the Django side or by tests."""

    id: int
    kind: str  # "request" | "offer"
    nature: str  # "goods" | "volunteering"
    category: str
    text: Text
    neighbourhood: str = ""
    latitude: float | None = None
    longitude: float | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    languages: frozenset[str] = frozenset()
    quantity: int | None = None
    skills: frozenset[str] = frozenset()
    time_commitment: str = ""
    published_at: datetime | None = None
    audience: str = ""
    owner: int | None = None
    organisation: int | None = None


def features(
    *,
    id: int,
    kind: str,
    nature: str,
    category: str,
    title: str,
    body: str = "",
    skills: Sequence[str] = (),
    document: str | None = None,
    ignore: frozenset[str] = frozenset(),
    **rest: object,
) -> Features:
    """Features from raw values: the text and the audience are derived from title/body
    (or title + stored search document, see text_features)."""
    skill_tokens = frozenset(query_token(w) for s in skills for w in tokenise(s))
    return Features(
        id=id,
        kind=kind,
        nature=nature,
        category=category,
        text=text_features(title, body, skills, document=document, ignore=ignore),
        skills=skill_tokens,
        audience=audience(title, body, document),
        **rest,  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Reason:
    """Why a post fits, as a code and parameters; the caller words it in a language."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Scored:
    id: int
    score: float
    reasons: tuple[Reason, ...]


# Weights of the similarities; they sum to 1.
WEIGHTS = {
    "text": 0.46,
    "category": 0.18,
    "distance": 0.12,
    "language": 0.08,
    "quantity": 0.06,
    "recency": 0.05,
    "skills": 0.05,
}
# Below this a candidate is not suggested at all.
MIN_SCORE = 0.30
# Goods must share some words: a chair is no table, even in the same category.
MIN_GOODS_TEXT = 0.2
# Volunteer help needs a related category or some shared words.
MIN_HELP_TEXT = 0.05
# Distances: within this many km counts as near; the score halves every HALF_KM.
HALF_KM = 2.5
RECENCY_HALF_DAYS = 21.0
CHILD_ADULT_PENALTY = 0.35
NO_COMMON_LANGUAGE_PENALTY = 0.5
# Once versus recurring: possible, but not what either asked for.
TIME_COMMITMENT_PENALTY = 0.85
# The official language: sharing it is expected, not a reason worth showing.
DEFAULT_LANGUAGE = "nl"


def distance_km(a: Features, b: Features) -> float | None:
    """Great-circle distance between the neighbourhood centroids (haversine)."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def periods_overlap(a: Features, b: Features) -> bool:
    """Open ends overlap everything; two periods overlap when neither ends before the
    other starts."""
    if a.ends_on is not None and b.starts_on is not None and a.ends_on < b.starts_on:
        return False
    return not (b.ends_on is not None and a.starts_on is not None and b.ends_on < a.starts_on)


def eligible(source: Features, candidate: Features) -> bool:
    """The hard rules: the other kind, the same nature, not the same post or owner, and
    periods that overlap. (Visibility and status are the database's job.)"""
    if candidate.id == source.id or candidate.kind == source.kind:
        return False
    if candidate.nature != source.nature:
        return False
    if source.owner is not None and candidate.owner == source.owner:
        return False
    if source.organisation is not None and candidate.organisation == source.organisation:
        return False
    return periods_overlap(source, candidate)


def _category_score(source: Features, candidate: Features) -> tuple[float, Reason | None]:
    if source.category == candidate.category:
        return 1.0, Reason("same_category", {"category": source.category})
    catch_all = CATCH_ALL.get(source.nature)
    if catch_all in (source.category, candidate.category):
        return 0.35, None
    if candidate.category in related_categories(source.category, source.nature):
        return 0.55, Reason("related_category", {"category": candidate.category})
    return 0.0, None


def _quantity(request: Features, offer: Features) -> tuple[float, Reason | None]:
    asked, offered = request.quantity, offer.quantity
    if asked is None or offered is None:
        return 0.5, None
    reason = Reason("quantity", {"offered": offered, "asked": asked})
    if offered >= asked:
        return 1.0, reason
    return max(0.1, offered / asked), reason


def _recency(candidate: Features, now: datetime | None) -> float:
    if candidate.published_at is None or now is None:
        return 0.5
    days = max(0.0, (now - candidate.published_at).total_seconds() / 86400)
    return float(0.5 ** (days / RECENCY_HALF_DAYS))


def score(source: Features, candidate: Features, *, now: datetime | None = None) -> Scored | None:
    """How well `candidate` fits `source` (0 … 1) and why, or None when it does not fit at
    all (ineligible, or below the thresholds)."""
    if not eligible(source, candidate):
        return None
    reasons: list[Reason] = []
    text = text_similarity(source.text, candidate.text)
    category, category_reason = _category_score(source, candidate)
    if source.nature == "goods":
        if text < MIN_GOODS_TEXT:
            return None
    elif text < MIN_HELP_TEXT and category < 0.5:
        return None
    words = shared_words(source.text, candidate.text)
    if words:
        reasons.append(Reason("shared_words", {"words": words}))
    if category_reason is not None:
        reasons.append(category_reason)

    km = distance_km(source, candidate)
    if source.neighbourhood and source.neighbourhood == candidate.neighbourhood:
        distance = 1.0
        reasons.append(Reason("same_neighbourhood", {"neighbourhood": source.neighbourhood}))
    elif km is not None:
        distance = 0.5 ** (km / HALF_KM)
        reasons.append(Reason("distance", {"km": round(km, 1)}))
    else:
        distance = 0.5

    multiplier = 1.0
    common = source.languages & candidate.languages
    if common:
        language = 1.0
        shown = sorted(common - {DEFAULT_LANGUAGE}) or []
        if shown:
            reasons.append(Reason("speaks", {"languages": shown}))
    elif source.languages and candidate.languages:
        language = 0.0
        if source.nature == "volunteering":
            # Volunteer help is talking together: without a common language it rarely works.
            multiplier *= NO_COMMON_LANGUAGE_PENALTY
    else:
        language = 0.5

    if source.kind == "request":
        quantity, quantity_reason = _quantity(source, candidate)
    else:
        quantity, quantity_reason = _quantity(candidate, source)
    if quantity_reason is not None:
        reasons.append(quantity_reason)

    skills = 0.0
    common_skills = source.skills & candidate.skills
    if source.skills and candidate.skills:
        skills = len(common_skills) / len(source.skills | candidate.skills)
    if common_skills:
        reasons.append(Reason("skills", {"count": len(common_skills)}))
    elif source.nature == "volunteering" and not (source.skills and candidate.skills):
        skills = 0.5

    if source.audience and candidate.audience and source.audience != candidate.audience:
        multiplier *= CHILD_ADULT_PENALTY
    if (
        source.time_commitment
        and candidate.time_commitment
        and source.time_commitment != candidate.time_commitment
    ):
        multiplier *= TIME_COMMITMENT_PENALTY

    if source.starts_on or source.ends_on or candidate.starts_on or candidate.ends_on:
        reasons.append(Reason("period", {}))

    total = multiplier * (
        WEIGHTS["text"] * text
        + WEIGHTS["category"] * category
        + WEIGHTS["distance"] * distance
        + WEIGHTS["language"] * language
        + WEIGHTS["quantity"] * quantity
        + WEIGHTS["recency"] * _recency(candidate, now)
        + WEIGHTS["skills"] * skills
    )
    if total < MIN_SCORE:
        return None
    return Scored(id=candidate.id, score=round(min(1.0, total), 4), reasons=tuple(reasons))


def rank(
    source: Features,
    candidates: Iterable[Features],
    *,
    limit: int = 10,
    now: datetime | None = None,
) -> list[Scored]:
    """The candidates that fit `source`, best first (ties: the newer id first)."""
    scored = [s for c in candidates if (s := score(source, c, now=now)) is not None]
    scored.sort(key=lambda s: (-s.score, -s.id))
    return scored[:limit]


def baseline(source: Features, candidates: Iterable[Features], *, limit: int = 10) -> list[Scored]:
    """The naive ranking to beat: the other kind in the same category, newest first."""
    same = [
        c
        for c in candidates
        if c.kind != source.kind and c.category == source.category and c.id != source.id
    ]
    same.sort(key=lambda c: (c.published_at or datetime.min, c.id), reverse=True)
    return [Scored(id=c.id, score=1.0, reasons=()) for c in same[:limit]]
