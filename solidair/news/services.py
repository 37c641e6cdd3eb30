"""Writes for news: editors write, schedule, update and unpublish articles; organisations
submit them and editors approve or reject the submissions. Every function checks who may do
it (PermissionDenied) and what is allowed (ValidationError naming the field)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from solidair.core.emails import absolute_url, send_templated_email
from solidair.core.images import clean_image_upload
from solidair.moderation.sanctions import require_can_contribute
from solidair.organisations.models import Membership, Organisation

from . import permissions
from .models import Article, Tag

if TYPE_CHECKING:
    from solidair.accounts.models import User

MAX_TAGS = 8
MAX_TAG_LENGTH = 40
IMAGE_MAX_SIDE = 1600
# Paths under /news/ that are pages, not articles: no article may take these slugs.
RESERVED_SLUGS = frozenset(
    {"manage", "submit", "submissions", "preview", "feed", "rss", "atom", "tags", "new"}
)


@dataclass
class ArticleData:
    """What a person fills in for an article. `tags` are names (new ones are created);
    `image` is an upload or None (keep the current one); `remove_image` drops it."""

    title: str
    lead: str
    body: str
    tags: list[str] = field(default_factory=list)
    image: IO[bytes] | Any | None = None
    image_alt: str = ""
    remove_image: bool = False
    organisation: Organisation | None = None


# --- helpers ----------------------------------------------------------------------------------


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:80].strip("-") or "artikel"
    if base in RESERVED_SLUGS:
        base = f"{base}-artikel"
    slug, n = base, 2
    taken = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _clean_tags(names: list[str]) -> list[str]:
    cleaned: dict[str, str] = {}
    for name in names:
        name = " ".join(str(name).split())
        if not name:
            continue
        if len(name) > MAX_TAG_LENGTH:
            raise ValidationError(
                {"tags": _("A tag has at most %(max)s characters.") % {"max": MAX_TAG_LENGTH}}
            )
        slug = slugify(name)
        if not slug:
            raise ValidationError({"tags": _("A tag needs letters or digits.")})
        cleaned.setdefault(slug, name)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": _("Give at most %(max)s tags.") % {"max": MAX_TAGS}})
    return list(cleaned.values())


def _validate(data: ArticleData) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the article a title.")
    if not data.lead.strip():
        errors["lead"] = _("Write a short lead.")
    if not data.body.strip():
        errors["body"] = _("Write the text of the article.")
    if data.image is not None and not data.image_alt.strip():
        errors["image_alt"] = _("Describe the image for people who cannot see it.")
    if errors:
        raise ValidationError(errors)


def _apply(article: Article, data: ArticleData) -> list[str]:
    """Copy `data` onto `article` (unsaved); returns the cleaned tag names."""
    _validate(data)
    tags = _clean_tags(data.tags)
    article.title = data.title.strip()
    article.lead = " ".join(data.lead.split())
    article.body = data.body.strip()
    if data.remove_image and data.image is None:
        article.image = ""
        article.image_alt = ""
    if data.image is not None:
        try:
            clean = clean_image_upload(data.image, max_side=IMAGE_MAX_SIDE)
        except ValidationError as exc:
            raise ValidationError({"image": exc.messages}) from exc
        article.image.save(clean.name or "image.jpg", clean, save=False)
    if article.image:
        if not data.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )
        article.image_alt = data.image_alt.strip()
    else:
        article.image_alt = ""
    return tags


def _set_tags(article: Article, names: list[str]) -> None:
    tags = []
    for name in names:
        tag, _created = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        tags.append(tag)
    article.tags.set(tags)


def _organisation_admins(organisation: Organisation) -> list[User]:
    memberships = (
        Membership.objects.filter(
            organisation=organisation,
            role__in=permissions.ADMIN_ROLES,
            user__is_active=True,
        )
        .select_related("user", "user__profile")
        .order_by("pk")
    )
    # Like every organisation email, it honours the "organisation news" preference; the
    # decision also stays on the submissions page.
    return [
        membership.user
        for membership in memberships
        if getattr(membership.user, "profile", None) is None
        or membership.user.profile.email_organisation_news
    ]


def _email_organisation(article: Article, template: str) -> None:
    """Tell the admins of the submitting organisation what the editor decided, each in
    their own language."""
    if article.organisation is None:
        return
    context = {
        "article_title": article.title,
        "organisation_name": article.organisation.name,
        "remark": article.review_remark,
        "article_url": absolute_url(article.get_absolute_url()),
        "submissions_url": absolute_url(reverse("news:submissions")),
        "scheduled": bool(article.published_at and article.published_at > timezone.now()),
    }
    # "It is now on the news pages" is not true of an article the moderators hid since.
    about = ("article", article.pk) if template == "news_article_approved" else None
    for user in _organisation_admins(article.organisation):
        send_templated_email(to=user, template=template, context=context, about=about)


def _email_editors(article: Article) -> None:
    from solidair.accounts.models import User

    editors = User.objects.filter(
        is_active=True, is_staff=True, groups__name=permissions.EDITORS_GROUP
    ).select_related("profile")
    context = {
        "article_title": article.title,
        "organisation_name": article.organisation.name if article.organisation else "",
        "review_url": absolute_url(reverse("news:review", kwargs={"pk": article.pk})),
    }
    for editor in editors.order_by("pk"):
        send_templated_email(
            to=editor,
            template="news_article_submitted",
            context=context,
            about=("article", article.pk),
        )


# --- editors ----------------------------------------------------------------------------------


@transaction.atomic
def create_article(
    *, by: User, data: ArticleData, publish: bool = False, publish_at: datetime | None = None
) -> Article:
    """An editor writes an article: a draft, or published at once (`publish`), or
    scheduled (`publish` with a `publish_at` in the future)."""
    require_can_contribute(by)
    permissions.require_city_editor(by)
    article = Article(author=by, organisation=data.organisation)
    tags = _apply(article, data)
    article.slug = _unique_slug(article.title)
    if publish:
        article.status = Article.Status.PUBLISHED
        article.published_at = publish_at or timezone.now()
    article.save()
    _set_tags(article, tags)
    return article


@transaction.atomic
def update_article(
    *,
    article: Article,
    by: User,
    data: ArticleData,
    publish: bool | None = None,
    publish_at: datetime | None = None,
) -> Article:
    """An editor changes an article (also one an organisation submitted). `publish`
    True publishes or reschedules it (`publish_at`, default now; a published article
    keeps its moment unless given another), False makes it a draft again, None leaves
    the status alone. The slug (its address) never changes: links keep working."""
    require_can_contribute(by)
    permissions.require_city_editor(by)
    tags = _apply(article, data)
    if not article.submitted_by_organisation:
        article.organisation = data.organisation
    if publish is True:
        if publish_at is not None:
            article.published_at = publish_at
        elif (
            article.status != Article.Status.PUBLISHED
            or article.published_at is None
            or article.published_at > timezone.now()
        ):
            # "Publish now" on a draft or a scheduled article means now.
            article.published_at = timezone.now()
        article.status = Article.Status.PUBLISHED
    elif publish is False and article.status == Article.Status.PUBLISHED:
        article.status = (
            Article.Status.UNPUBLISHED if article.published_at else Article.Status.DRAFT
        )
    article.save()
    _set_tags(article, tags)
    return article


@transaction.atomic
def publish_article(*, article: Article, by: User, at: datetime | None = None) -> Article:
    """Publish a draft or unpublished article now or at `at` (scheduling)."""
    require_can_contribute(by)
    permissions.require_city_editor(by)
    if article.status in (Article.Status.SUBMITTED, Article.Status.REJECTED):
        raise ValidationError(_("Review a submitted article instead of publishing it directly."))
    article.status = Article.Status.PUBLISHED
    article.published_at = at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def unpublish_article(*, article: Article, by: User) -> Article:
    """Take a published (or scheduled) article offline; readers get a 404 from now on.
    It can be published again later."""
    permissions.require_city_editor(by)
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError(_("Only a published article can be unpublished."))
    article.status = Article.Status.UNPUBLISHED
    article.save(update_fields=["status", "updated_at"])
    return article


# --- organisations ----------------------------------------------------------------------------


@transaction.atomic
def submit_article(*, by: User, organisation: Organisation, data: ArticleData) -> Article:
    """The owner or an administrator of a verified organisation submits an article in
    its name. It stays invisible until an editor approves it; the editors are emailed."""
    require_can_contribute(by)
    if not permissions.can_submit_for(by, organisation):
        raise PermissionDenied
    article = Article(
        author=by,
        organisation=organisation,
        submitted_by_organisation=True,
        status=Article.Status.SUBMITTED,
    )
    tags = _apply(article, data)
    article.slug = _unique_slug(article.title)
    article.save()
    _set_tags(article, tags)
    transaction.on_commit(lambda: _email_editors(article))
    return article


@transaction.atomic
def approve_article(
    *, article: Article, by: User, remark: str = "", publish_at: datetime | None = None
) -> Article:
    """An editor accepts an organisation's submission: it is published now (or at
    `publish_at`) and the organisation's admins get an email with the remark."""
    permissions.require_city_editor(by)
    if article.status != Article.Status.SUBMITTED:
        raise ValidationError(_("This article is not waiting for review."))
    article.status = Article.Status.PUBLISHED
    article.published_at = publish_at or timezone.now()
    article.review_remark = remark.strip()[:1000]
    article.reviewed_by = by
    article.reviewed_at = timezone.now()
    article.save()
    transaction.on_commit(lambda: _email_organisation(article, "news_article_approved"))
    return article


@transaction.atomic
def reject_article(*, article: Article, by: User, remark: str) -> Article:
    """An editor refuses an organisation's submission; the remark (required: the
    organisation must learn why) is emailed to its admins."""
    permissions.require_city_editor(by)
    if article.status != Article.Status.SUBMITTED:
        raise ValidationError(_("This article is not waiting for review."))
    if not remark.strip():
        raise ValidationError({"remark": _("Tell the organisation why the article is refused.")})
    article.status = Article.Status.REJECTED
    article.review_remark = remark.strip()[:1000]
    article.reviewed_by = by
    article.reviewed_at = timezone.now()
    article.save()
    transaction.on_commit(lambda: _email_organisation(article, "news_article_rejected"))
    return article
