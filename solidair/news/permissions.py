"""Who may write, review and read news; the access helpers views and API endpoints call on
their first line.

- City editors (staff in the `editors` group) write, schedule, update, unpublish and
  review every article.
- The owner and administrators of a *verified* organisation submit articles in its name;
  an editor approves or rejects them. They see their organisation's submissions, not
  other organisations'.
- Everyone reads published articles whose publication moment has passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.core.exceptions import PermissionDenied
from django.http import Http404

from solidair.core.permissions import Permissions
from solidair.organisations.models import Membership, Organisation

from .models import Article

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    AnyUser: TypeAlias = User | AnonymousUser

EDITORS_GROUP = "editors"
ADMIN_ROLES = (Membership.Role.OWNER, Membership.Role.ADMIN)
_CACHE_ATTRIBUTE = "_solidair_is_city_editor"


def is_city_editor(user: AnyUser) -> bool:
    """Whether `user` is a city editor: active staff in the `editors` group (or a
    superuser). The answer is remembered on the user object: a page asks several times."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    cached: bool | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = bool(user.is_superuser) or user.groups.filter(name=EDITORS_GROUP).exists()
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def submittable_organisations(user: AnyUser) -> list[Organisation]:
    """The verified organisations `user` administers (owner or admin), by name: the ones
    they may submit an article for."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(
        Organisation.objects.verified()
        .filter(memberships__user_id=user.pk, memberships__role__in=ADMIN_ROLES)
        .order_by("name", "pk")
    )


def can_submit_for(user: AnyUser, organisation: Organisation) -> bool:
    """The owner and administrators of a verified organisation submit articles for it."""
    if not user.is_authenticated or not user.is_active or not organisation.is_verified:
        return False
    return Membership.objects.filter(
        organisation=organisation, user_id=user.pk, role__in=ADMIN_ROLES
    ).exists()


def can_submit_articles(user: AnyUser) -> bool:
    """Whether `user` administers at least one verified organisation."""
    if not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(
        user_id=user.pk, role__in=ADMIN_ROLES, organisation__status="verified"
    ).exists()


def has_news_permission(user: AnyUser, permission: Permissions) -> bool:
    """The named permissions of this app, for templates and generic checks."""
    if permission == Permissions.NEWS_EDIT:
        return is_city_editor(user)
    if permission == Permissions.NEWS_SUBMIT:
        return can_submit_articles(user)
    return False


# --- access helpers: the first line of a view ------------------------------------------------


def require_city_editor(user: AnyUser) -> None:
    """403 unless `user` is a city editor (views put @login_required before it)."""
    if not is_city_editor(user):
        raise PermissionDenied


def get_article_for_reader_or_404(user: AnyUser, slug: str) -> Article:
    """The article with everything its page shows, if `user` may read it: published (and
    its moment passed) for everyone, any article for editors, an organisation's own
    submissions for its admins. 404 otherwise: a draft or a scheduled article is not
    confirmed to exist."""
    article = Article.objects.visible_to(user).with_related().filter(slug=slug).first()
    if article is None:
        raise Http404
    return article


def get_article_for_editor_or_404(user: AnyUser, pk: int) -> Article:
    """Any article, for a city editor (403 for everyone else, whether it exists or not)."""
    require_city_editor(user)
    article = Article.objects.with_related().filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def get_submission_for_review_or_404(user: AnyUser, pk: int) -> Article:
    """An organisation's article, for an editor to approve or reject."""
    article = get_article_for_editor_or_404(user, pk)
    if not article.submitted_by_organisation:
        raise Http404
    return article


def get_organisation_for_submitter_or_404(user: AnyUser, slug: str) -> Organisation:
    """The verified organisation `user` submits an article for: 404 when it does not
    exist or is not verified, 403 when they are not its owner or an administrator."""
    organisation = Organisation.objects.verified().filter(slug=slug).first()
    if organisation is None:
        raise Http404
    if not can_submit_for(user, organisation):
        raise PermissionDenied
    return organisation
