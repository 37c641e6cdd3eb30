"""Dutch is the default language: its catalog must be complete, and the compiled catalog
that Django loads must say what the .po file says (a stale .mo would show English)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"


def parse_po(path: Path) -> list[dict[str, object]]:
    """A minimal .po reader: msgctxt, msgid, msgid_plural, msgstr / msgstr[n], flags."""
    entries: list[dict[str, object]] = []
    entry: dict[str, object] = {"flags": set()}
    key: str | None = None

    def flush() -> None:
        nonlocal entry
        if "msgid" in entry:
            entries.append(entry)
        entry = {"flags": set()}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
        elif line.startswith("#,"):
            entry["flags"] = {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if key is not None:
                entry[key] = str(entry[key]) + ast.literal_eval(line)
        else:
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
            assert match, f"unreadable line in {path}: {raw!r}"
            key = match.group(1)
            entry[key] = ast.literal_eval(match.group(2))
    flush()
    return [e for e in entries if e["msgid"]]  # drop the header


@pytest.fixture(scope="module")
def dutch() -> list[dict[str, object]]:
    return parse_po(LOCALE / "nl" / "LC_MESSAGES" / "django.po")


def test_the_dutch_catalog_is_complete(dutch):
    untranslated = [
        e["msgid"]
        for e in dutch
        if not e.get("msgstr") and not all(e.get(f"msgstr[{i}]") for i in range(2))
    ]
    fuzzy = [e["msgid"] for e in dutch if "fuzzy" in e["flags"]]
    assert untranslated == [], f"{len(untranslated)} Dutch strings lack a translation"
    assert fuzzy == [], f"{len(fuzzy)} Dutch strings are marked fuzzy"


def test_the_compiled_dutch_catalog_matches_the_po_file(dutch):
    with translation.override("nl"):
        for entry in dutch:
            if "msgid_plural" in entry or "msgctxt" in entry:
                continue
            msgid, msgstr = str(entry["msgid"]), str(entry["msgstr"])
            assert translation.gettext(msgid) == msgstr, (
                f"locale/nl/LC_MESSAGES/django.mo is stale for {msgid!r}: run `make messages`"
            )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_navigation_and_sign_in_are_translated(language):
    with translation.override(language):
        for source in ["Log in", "Sign up", "Log out", "Skip to main content", "My profile"]:
            assert translation.gettext(source) != source, f"{source!r} in {language}"
