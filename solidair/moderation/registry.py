"""What can be reported and hidden. Each app describes its moderated kinds of content in
its own `moderation.py`:

    register(ContentKind(key="post", model="exchange.Post", label=_("Request or offer"),
                         author=lambda post: post.author, can_see=can_view_post, ...))

The moderation app only works through these descriptions, so a new kind of content is
reportable and hideable without touching it. Keys appear in URLs (`/report/post/12/`) and
are stable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from solidair.accounts.models import User


def _nothing(obj: Any) -> None:
    return None


@dataclass(frozen=True)
class ContentKind:
    key: str
    model: str  # "app_label.ModelName"
    label: str | Promise
    # The person answerable for the content (None when that account is gone).
    author: Callable[[Any], User | None]
    # Whether `user` may see (and so report) it; moderators see everything.
    can_see: Callable[[User, Any], bool]
    # A short name for the queue and the audit log.
    describe: Callable[[Any], str]
    # The words the moderators judge, shown in the queue.
    excerpt: Callable[[Any], str]
    # Where it lives on the site.
    url: Callable[[Any], str]
    # False for people: they are warned, suspended or banned, not hidden.
    hideable: bool = True
    # Run after the content is hidden or shown again (clear caches, counts), and after held
    # content is released: delivered for the first time, with its emails.
    after_hide: Callable[[Any], None] = _nothing
    after_restore: Callable[[Any], None] = _nothing
    after_release: Callable[[Any], None] = _nothing

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model_class)

    def get(self, pk: int) -> Any | None:
        """The object with this id, hidden or not (None if it does not exist)."""
        return self.model_class._base_manager.filter(pk=pk).first()


_KINDS: dict[str, ContentKind] = {}
_discovered = False


def register(kind: ContentKind) -> ContentKind:
    _KINDS[kind.key] = kind
    return kind


def kinds() -> dict[str, ContentKind]:
    global _discovered
    if not _discovered:
        autodiscover_modules("moderation")
        _discovered = True
    return _KINDS


def get_kind(key: str) -> ContentKind | None:
    return kinds().get(key)


def kind_for_content_type(content_type_id: int) -> ContentKind | None:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    label = model._meta.label
    return next((k for k in kinds().values() if k.model == label), None)


def kind_for_object(obj: models.Model) -> ContentKind | None:
    label = obj._meta.label
    return next((k for k in kinds().values() if k.model == label), None)


def content_type_for_kind(key: str) -> ContentType | None:
    kind = get_kind(key)
    return kind.content_type if kind is not None else None


def is_hidden(key: str, pk: int) -> bool:
    """Whether that content is hidden or gone: emails about it are not sent."""
    kind = get_kind(key)
    if kind is None:
        return False
    model = kind.model_class
    if not kind.hideable:
        return not model._base_manager.filter(pk=pk).exists()
    return not model._base_manager.filter(pk=pk, hidden_at__isnull=True).exists()
