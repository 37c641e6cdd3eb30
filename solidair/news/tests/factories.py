from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from factory.declarations import LazyFunction, Sequence, SubFactory, Trait
from factory.django import DjangoModelFactory

from solidair.accounts.tests.factories import UserFactory
from solidair.news.models import Article, Tag


class TagFactory(DjangoModelFactory[Tag]):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = Sequence(lambda n: f"Onderwerp {n}")
    slug = Sequence(lambda n: f"onderwerp-{n}")


class ArticleFactory(DjangoModelFactory[Article]):
    """A published article (published an hour ago). Traits: draft, scheduled,
    unpublished, submitted (needs `organisation`)."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        draft = Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = Trait(published_at=LazyFunction(lambda: timezone.now() + timedelta(days=2)))
        unpublished = Trait(status=Article.Status.UNPUBLISHED)
        submitted = Trait(
            status=Article.Status.SUBMITTED, published_at=None, submitted_by_organisation=True
        )

    slug = Sequence(lambda n: f"artikel-{n}")
    title = Sequence(lambda n: f"Buurtfeest in de Rabot {n}")
    lead = "De buren nodigen iedereen uit."
    body = "Er is **soep** en muziek."
    author = SubFactory(UserFactory, editor=True)
    status = Article.Status.PUBLISHED
    published_at = LazyFunction(lambda: timezone.now() - timedelta(hours=1))
