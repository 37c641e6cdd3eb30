"""News articles, as the moderators see them (solidair.moderation.registry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from solidair.core.pagecache import clear_page_cache
from solidair.moderation.registry import ContentKind, register

from .models import Article

if TYPE_CHECKING:
    from solidair.accounts.models import User

EXCERPT_LENGTH = 500


def can_see_article(user: User, article: Article) -> bool:
    """The news pages' own rule (ArticleQuerySet.visible_to): drafts, scheduled articles
    and other organisations' submissions cannot be reported, nor probed that way."""
    return Article.objects.visible_to(user).filter(pk=article.pk).exists()


def _excerpt(article: Article) -> str:
    return Truncator(f"{article.lead}\n\n{article.body}").chars(EXCERPT_LENGTH)


def _forget_cached_pages(article: Article) -> None:
    # The news list, the article's page and the home page are cached for visitors.
    clear_page_cache()


register(
    ContentKind(
        key="article",
        model="news.Article",
        label=_("Article"),
        author=lambda article: article.author,
        can_see=can_see_article,
        describe=lambda article: article.title,
        excerpt=_excerpt,
        url=lambda article: article.get_absolute_url(),
        after_hide=_forget_cached_pages,
        after_restore=_forget_cached_pages,
    )
)
