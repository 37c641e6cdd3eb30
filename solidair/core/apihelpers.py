"""Small helpers every app's API endpoints share: who is calling, and how a service's
ValidationError becomes an API error."""

from __future__ import annotations

from typing import Any, NoReturn

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError


def api_user(request: HttpRequest) -> Any:
    """The caller set by solidair.core.api_auth: a User, or an AnonymousUser for anonymous
    readers of public endpoints."""
    return request.auth  # type: ignore[attr-defined]


def raise_service_error(exc: DjangoValidationError) -> NoReturn:
    """A service's ValidationError as an API error: 422 naming the field(s) for field
    errors, 400 with the message for a state that does not allow the action."""
    if hasattr(exc, "error_dict"):
        raise NinjaValidationError(
            [
                {"loc": ["body", field], "msg": str(message), "type": "invalid"}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        )
    raise HttpError(400, " ".join(str(m) for m in exc.messages))
