"""A person's rights over their data (GDPR): download everything, delete the account.

Each app says what it holds about a person in its own `privacy.py`:

    @personal_data("posts")
    def posts(user: User) -> list[dict[str, Any]]: ...   # part of the JSON download

    @on_account_deletion(order=20)
    def close_open_posts(user: User) -> None: ...        # runs inside the deletion

`export_personal_data` and `solidair.accounts.services.delete_account` discover these
modules, so a new app adds its data to the download and its clean-up to the deletion
without touching accounts. Deletion steps run in one transaction, before the account
itself is anonymised; a step may raise ValidationError to refuse (an organisation's owner
must hand over first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from solidair.accounts.models import User

Exporter = Callable[["User"], Any]
Eraser = Callable[["User"], None]


@dataclass(frozen=True)
class _Step:
    order: int
    name: str
    run: Eraser


_EXPORTERS: dict[str, Exporter] = {}
_ERASERS: dict[str, _Step] = {}


def personal_data(name: str) -> Callable[[Exporter], Exporter]:
    """Register `function(user)` as the section `name` of the personal data download; it
    returns JSON-serialisable data (datetimes and decimals are turned into strings)."""

    def register(function: Exporter) -> Exporter:
        _EXPORTERS[name] = function
        return function

    return register


def on_account_deletion(*, order: int) -> Callable[[Eraser], Eraser]:
    """Register `function(user)` as a step of deleting an account (lower `order` first)."""

    def register(function: Eraser) -> Eraser:
        key = f"{function.__module__}.{function.__qualname__}"
        _ERASERS[key] = _Step(order=order, name=key, run=function)
        return function

    return register


def _discover() -> None:
    autodiscover_modules("privacy")


def deletion_steps() -> list[Eraser]:
    _discover()
    return [step.run for step in sorted(_ERASERS.values(), key=lambda s: (s.order, s.name))]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def export_personal_data(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, section by section, ready for JSON."""
    _discover()
    data: dict[str, Any] = {"exported_at": timezone.now()}
    for name in sorted(_EXPORTERS):
        data[name] = _EXPORTERS[name](user)
    return _jsonable(data)  # type: ignore[no-any-return]


# --- what accounts holds -------------------------------------------------------------------


@personal_data("account")
def _account(user: User) -> dict[str, Any]:
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "city_staff": user.is_staff,
    }


@personal_data("profile")
def _profile(user: User) -> dict[str, Any] | None:
    from solidair.accounts.models import Profile

    profile = Profile.objects.with_details().filter(user=user).first()
    if profile is None:
        return None
    return {
        "display_name": profile.display_name,
        "neighbourhood": profile.neighbourhood.slug if profile.neighbourhood else None,
        "languages": [language.code for language in profile.languages.all()],
        "skills": profile.skill_list,
        "bio": profile.bio,
        "photo": profile.avatar.url if profile.avatar else None,
        "preferred_language": profile.preferred_language,
        "email_messages": profile.email_messages,
        "email_suggestions": profile.email_suggestions,
        "email_organisation_news": profile.email_organisation_news,
    }


@personal_data("api_tokens")
def _api_tokens(user: User) -> list[dict[str, Any]]:
    # The token itself is never stored (only a hash): the prefix identifies it.
    return [
        {
            "name": token.name,
            "prefix": token.prefix,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "revoked_at": token.revoked_at,
        }
        for token in user.api_tokens.order_by("created_at", "pk")
    ]
