"""Information pages are Markdown with placeholders for the amounts that change every year.

An editor writes ``[[allowance:daily]]`` where the text needs the maximum flat-rate
allowance per day; the page shows the amount of the newest `AllowanceCeilings` year. The
placeholders are filled in the Markdown source, before it goes through the one sanitiser
(solidair.core.markdown.render_markdown), so nothing here can add HTML of its own.

| placeholder | becomes |
| --- | --- |
| ``[[allowance:year]]`` | the year the amounts apply to |
| ``[[allowance:daily]]`` | maximum flat-rate allowance per day |
| ``[[allowance:yearly]]`` | maximum flat-rate allowance per year |
| ``[[allowance:yearly-specific]]`` | higher yearly maximum for specific categories |
| ``[[allowance:kilometre]]`` | maximum kilometre allowance (car, motorbike, moped) |
| ``[[allowance:kilometre-period]]`` | the period that kilometre rate applies to |
| ``[[allowance:max-kilometres]]`` | kilometres a year on top of the flat rate |
| ``[[allowance:table]]`` | a table with all of the above |
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.utils import formats, translation

from solidair.core.markdown import render_markdown

from .models import AllowanceCeilings

PLACEHOLDER = re.compile(r"\[\[allowance:([a-z-]+)\]\]")
PLACEHOLDERS = (
    "year",
    "daily",
    "yearly",
    "yearly-specific",
    "kilometre",
    "kilometre-period",
    "max-kilometres",
    "table",
)
# The page content is Dutch data: amounts are written the Dutch way (€ 1.659,29) whatever
# the interface language, so they read naturally inside the Dutch sentences.
MISSING = "(bedrag nog niet ingevuld)"


def _money(value: Decimal, decimals: int = 2) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        number = formats.number_format(
            value, decimal_pos=decimals, use_l10n=True, force_grouping=True
        )
    return f"€\u00a0{number}"


def _integer(value: int) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(formats.number_format(value, use_l10n=True, force_grouping=True))


def placeholder_values(ceilings: AllowanceCeilings | None) -> dict[str, str]:
    """What each placeholder becomes with `ceilings` (all MISSING without them)."""
    if ceilings is None:
        return dict.fromkeys(PLACEHOLDERS, MISSING)
    values = {
        "year": str(ceilings.year),
        "daily": _money(ceilings.daily_flat_rate),
        "yearly": _money(ceilings.yearly_flat_rate),
        "yearly-specific": _money(ceilings.yearly_flat_rate_specific),
        "kilometre": _money(ceilings.kilometre_rate, 4),
        "kilometre-period": ceilings.kilometre_rate_period or str(ceilings.year),
        "max-kilometres": _integer(ceilings.max_kilometres),
    }
    values["table"] = (
        "\n\n"
        + "\n".join(
            [
                f"| Maximumbedragen {ceilings.year} | Bedrag |",
                "| --- | --- |",
                f"| Forfaitaire kostenvergoeding per dag | {values['daily']} |",
                f"| Forfaitaire kostenvergoeding per jaar | {values['yearly']} |",
                f"| Verhoogd jaarmaximum voor bepaalde categorieën | {values['yearly-specific']} |",
                f"| Kilometervergoeding (auto, motor, bromfiets) per km, "
                f"{values['kilometre-period']} | {values['kilometre']} |",
                f"| Kilometers per jaar bovenop de forfaitaire vergoeding | "
                f"{values['max-kilometres']} km |",
            ]
        )
        + "\n\n"
    )
    return values


def fill_placeholders(text: str, ceilings: AllowanceCeilings | None) -> str:
    """`text` with every known placeholder replaced; unknown ones stay as typed, so an
    editor sees the typo on the page."""
    values = placeholder_values(ceilings)
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def uses_allowances(text: str) -> bool:
    return PLACEHOLDER.search(text) is not None


def render_page_body(text: str, ceilings: AllowanceCeilings | None) -> str:
    """The page's Markdown with the amounts filled in, rendered and sanitised."""
    return render_markdown(fill_placeholders(text, ceilings))
