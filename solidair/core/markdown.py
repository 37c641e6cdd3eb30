"""Markdown for user-written text (descriptions, articles, posts): rendered, then sanitised.

nh3 (ammonia) is an allow-list sanitiser: whatever raw HTML or javascript: link a user
types ends up as text or is dropped. Links get rel="nofollow noopener" so the platform
lends no ranking to spam and opened pages cannot reach back through window.opener.
"""

from __future__ import annotations

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody",
        "tr", "th", "td", "del",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
MAX_SOURCE_LENGTH = 50_000


def render_markdown(text: str | None) -> str:
    """Render Markdown to sanitised HTML, safe to mark as safe in a template.

    Headings start at <h2> (<h1> becomes <h2>) because the page already has its <h1>.
    Raw HTML in the source is not trusted: nh3 removes every tag and attribute that is
    not on the allow-list, and every URL scheme except http, https and mailto."""
    if not text:
        return ""
    html = markdown_lib.markdown(
        text[:MAX_SOURCE_LENGTH],
        extensions=["extra", "sane_lists", "nl2br"],
        output_format="html",
    )
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        clean_content_tags={"script", "style"},
    ).strip()
