"""The volunteer information point in the JSON API (mounted at /api/v1/info).

- ``GET /info/pages`` (public): every published information page, in tree order (a parent
  before its children), with its text rendered (amounts of the allowance ceilings filled in).
"""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from .models import AllowanceCeilings, InfoPage
from .querysets import build_tree
from .rendering import render_page_body

router = Router(tags=["volunteer information"])


class InfoPageOut(Schema):
    path: str = Field(description="Slugs from the top, joined by '/'.")
    parent: str | None = Field(description="The parent page's path, or null.")
    title: str
    summary: str
    body: str = Field(description="Markdown, as written (with placeholders).")
    body_html: str = Field(description="Rendered and sanitised, amounts filled in.")
    position: int
    last_reviewed_on: date
    updated_at: datetime
    url: str


@router.get(
    "/pages",
    response=list[InfoPageOut],
    summary="List the information pages",
    operation_id="list_info_pages",
)
def list_info_pages(request: HttpRequest) -> list[dict[str, Any]]:
    """Published pages, each parent before its children, sisters in their order."""
    pages = list(InfoPage.objects.published().in_order())
    ceilings = AllowanceCeilings.objects.current()
    ordered: list[InfoPage] = []

    def walk(nodes: list[Any]) -> None:
        for node in nodes:
            ordered.append(node.page)
            walk(node.children)

    walk(build_tree(pages))
    by_pk = {page.pk: page for page in pages}
    return [
        {
            "path": page.path,
            "parent": by_pk[page.parent_id].path if page.parent_id in by_pk else None,
            "title": page.title,
            "summary": page.summary,
            "body": page.body,
            "body_html": render_page_body(page.body, ceilings),
            "position": page.position,
            "last_reviewed_on": page.last_reviewed_on,
            "updated_at": page.updated_at,
            "url": request.build_absolute_uri(page.get_absolute_url()),
        }
        for page in ordered
    ]
