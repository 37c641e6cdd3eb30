"""API tokens: create, revoke and resolve the bearer tokens of the JSON API.

A raw token looks like ``sol_<43 url-safe characters>``. Only its SHA-256 hash is stored, so
a leaked database does not leak working tokens; the raw token is shown to its owner once.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from solidair.accounts.models import ApiToken, User, hash_token
from solidair.accounts.services import create_profile

TOKEN_PREFIX = "sol_"  # noqa: S105 - a marker that makes leaked tokens easy to scan for
# secrets.token_urlsafe(32) gives 43 characters; anything far longer is not ours and is
# refused before it costs a database query.
MAX_TOKEN_LENGTH = 100
# last_used_at is informative ("used 3 minutes ago"); refreshing it on every request would
# turn every API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def generate_raw_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create an API token for `user` and return it with the raw token.

    The raw token is not stored anywhere: show it once and forget it."""
    raw = generate_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[: ApiToken._meta.get_field("name").max_length or 80],
        key_hash=hash_token(raw),
        prefix=raw[:8],
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int) -> None:
    """Revoke one of `user`'s own tokens. Revoking twice keeps the first revocation time.

    Raises Http404 for a token that does not exist or belongs to someone else, so that a
    view can pass any submitted id straight through."""
    token = get_object_or_404(ApiToken.objects.for_user(user).select_for_update(), pk=token_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def user_for_token(raw: str | None) -> User | None:
    """The active owner of a valid, unrevoked raw token, or None.

    Records when the token was last used, at most once per LAST_USED_RESOLUTION."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user", "user__profile")
        .filter(key_hash=hash_token(raw))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A conditional UPDATE: concurrent requests with the same token write at most once.
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
    return token.user


def display_name_from_email(email: str) -> str:
    """ "jan.de-smet@example.org" → "Jan De Smet": a start the person can change."""
    local = email.split("@", 1)[0]
    words = [w for w in re.split(r"[._\-+0-9]+", local) if w]
    name = " ".join(w.capitalize() for w in words) or local
    return name[:60]


@transaction.atomic
def get_or_create_api_user(*, email: str, create: bool) -> tuple[User | None, bool]:
    """The user a token is issued to (the email matched case-insensitively).

    With `create`, a missing user is made active with a verified primary email address and a
    profile (display name from the email's local part), and cannot log in with a password
    until they reset it. Returns (user or None, created)."""
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None or not create:
        return user, False
    user = User.objects.create_user(email=email, password=None)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    create_profile(user=user, display_name=display_name_from_email(email))
    return user, True
