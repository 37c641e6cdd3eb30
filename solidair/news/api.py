"""News in the JSON API (mounted by config/api.py at /api/v1/news).

- ``GET /news`` (public): published articles, newest first; filters ``tag`` (slug) and
  ``q`` (words, all must match); paginated.
- ``GET /news/{slug}``: a published article; 404 for drafts, scheduled, unpublished and
  submitted articles and those the moderators hid (also for editors: the API shows what
  readers see).
"""

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from solidair.core.markdown import render_markdown

from .models import Article
from .querysets import ArticleQuerySet

router = Router(tags=["news"])


class NewsPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100, description="Default 20.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=20, max_page_size=100, **kwargs)


class ArticleOut(Schema):
    slug: str
    title: str
    lead: str
    body: str = Field(description="Markdown, as written.")
    body_html: str = Field(description="The text rendered and sanitised.")
    image: str | None = Field(description="Image URL, or null.")
    image_alt: str
    author: str = Field(description="The organisation's name or the author's display name.")
    organisation: str | None = Field(description="Slug of the related organisation, or null.")
    tags: list[str] = Field(description="Tag slugs.")
    published_at: datetime
    updated_at: datetime
    url: str = Field(description="The article's page on the site.")

    @staticmethod
    def resolve_body_html(obj: Article) -> str:
        return render_markdown(obj.body)

    @staticmethod
    def resolve_image(obj: Article, context: dict[str, Any]) -> str | None:
        if not obj.image:
            return None
        return str(context["request"].build_absolute_uri(obj.image.url))

    @staticmethod
    def resolve_author(obj: Article) -> str:
        return obj.byline

    @staticmethod
    def resolve_organisation(obj: Article) -> str | None:
        return obj.organisation.slug if obj.organisation is not None else None

    @staticmethod
    def resolve_tags(obj: Article) -> list[str]:
        return [tag.slug for tag in obj.tags.all()]

    @staticmethod
    def resolve_url(obj: Article, context: dict[str, Any]) -> str:
        return str(context["request"].build_absolute_uri(obj.get_absolute_url()))


class ArticleFilters(Schema):
    tag: str | None = Field(None, max_length=60, description="Tag slug.")
    q: str | None = Field(None, max_length=200, description="Search words (all must match).")


@router.get("", response=list[ArticleOut], summary="List news", operation_id="list_news")
@paginate(NewsPagination)
def list_news(request: HttpRequest, filters: Query[ArticleFilters]) -> ArticleQuerySet:
    """Published articles, newest first."""
    return (
        Article.objects.published().filter_list(tag=filters.tag or None, q=filters.q).with_related()
    )


@router.get("/{slug}", response=ArticleOut, summary="One article", operation_id="get_news")
def get_news(request: HttpRequest, slug: str) -> Article:
    """A published article by its slug."""
    article = Article.objects.published().with_related().filter(slug=slug).first()
    if article is None:
        raise Http404
    return article
