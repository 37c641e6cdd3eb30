"""Who may do what in matching, checked on a view's first line."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from solidair.core.permissions import Permissions
from solidair.exchange.models import Post
from solidair.exchange.permissions import can_edit_post, get_post_for_viewer_or_404

from .models import SavedSearch


def can_see_suggestions(user: Any, post: Post) -> bool:
    """Suggestions for a post are for the people who manage it (its author, the
    organisation's owner and admins)."""
    return bool(can_edit_post(user, post))


def get_post_for_suggestions_or_404(user: Any, pk: int) -> Post:
    """The post if `user` manages it; 404 otherwise (others do not learn whom it fits)."""
    post = get_post_for_viewer_or_404(user, pk)
    if not can_see_suggestions(user, post):
        raise Http404
    return post


def get_saved_search_for_owner_or_404(user: Any, pk: int) -> SavedSearch:
    """One's own saved search; anyone else's is a 404."""
    if not user.is_authenticated:
        raise Http404
    found = SavedSearch.objects.filter(pk=pk, user_id=user.pk).first()
    if found is None:
        raise Http404
    return found


def has_matching_permission(user: Any, obj: Post | SavedSearch, permission: Permissions) -> bool:
    """The named permissions of matching, for templates and generic checks."""
    if permission == Permissions.SUGGESTIONS_VIEW and isinstance(obj, Post):
        return can_see_suggestions(user, obj)
    if permission == Permissions.SAVED_SEARCH_MANAGE and isinstance(obj, SavedSearch):
        return bool(user.is_authenticated and obj.user_id == user.pk)
    return False
