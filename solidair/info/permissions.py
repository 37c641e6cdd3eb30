"""Who keeps the volunteer information point: the city's editors (the same role that
writes the news, solidair.news.permissions.is_city_editor). Everyone reads the published
pages, the training overview and the vacancies."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.http import Http404

from solidair.core.permissions import Permissions
from solidair.news.permissions import is_city_editor, require_city_editor

from .models import AllowanceCeilings, InfoPage

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from solidair.accounts.models import User

    AnyUser: TypeAlias = User | AnonymousUser


def is_info_editor(user: AnyUser) -> bool:
    """City editors keep the information pages and the allowance ceilings."""
    return is_city_editor(user)


def has_info_permission(user: AnyUser, permission: Permissions) -> bool:
    """The named permissions of this app, for templates and generic checks."""
    if permission == Permissions.INFO_EDIT:
        return is_info_editor(user)
    return False


# --- access helpers: the first line of a view ------------------------------------------------


def require_info_editor(user: AnyUser) -> None:
    """403 unless `user` is a city editor."""
    require_city_editor(user)


def get_page_for_reader_or_404(user: AnyUser, path: str) -> InfoPage:
    """The page at `path` if `user` may read it (published, or any page for editors)."""
    page = InfoPage.objects.visible_to(user).filter(path=path.strip("/")).first()
    if page is None:
        raise Http404
    return page


def get_page_for_editor_or_404(user: AnyUser, pk: int) -> InfoPage:
    require_info_editor(user)
    page = InfoPage.objects.filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


def get_ceilings_for_editor_or_404(user: AnyUser, year: int) -> AllowanceCeilings:
    require_info_editor(user)
    ceilings = AllowanceCeilings.objects.filter(year=year).first()
    if ceilings is None:
        raise Http404
    return ceilings
