"""Turning loosely typed input (form data, API JSON) into model instances for services:
reference data and other rows addressed by a stable key (a slug, an ISO code). Errors are
ValidationErrors on the named field, in the user's language, and change nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def resolve_one(model: type[models.Model], value: Any, field: str, attribute: str) -> Any:
    """The `model` row whose `attribute` is `value` (or the instance itself); None for no
    value."""
    if value is None or value == "":
        return None
    if isinstance(value, model):
        return value
    if not isinstance(value, str):
        raise ValidationError({field: _("Choose a valid option.")})
    obj = model._default_manager.filter(**{attribute: value.strip()}).first()
    if obj is None:
        raise ValidationError(
            {field: _("“%(value)s” is not a valid choice.") % {"value": value[:80]}}
        )
    return obj


def resolve_many(model: type[models.Model], values: Any, field: str, attribute: str) -> list[Any]:
    """The `model` rows for a list of keys (or a comma/space separated string), without
    duplicates, in the order given; every key must exist."""
    if values is None or values == "":
        return []
    if isinstance(values, str):
        values = [v for v in values.replace(",", " ").split() if v]
    if not isinstance(values, Iterable):
        raise ValidationError({field: _("Give a list.")})
    instances: list[Any] = []
    keys: list[str] = []
    for value in values:
        if isinstance(value, model):
            instances.append(value)
        elif isinstance(value, str) and value.strip():
            keys.append(value.strip().lower() if attribute == "code" else value.strip())
        else:
            raise ValidationError({field: _("Choose valid options.")})
    if keys:
        found = {
            getattr(o, attribute): o
            for o in model._default_manager.filter(**{f"{attribute}__in": keys})
        }
        unknown = [k for k in keys if k not in found]
        if unknown:
            raise ValidationError(
                {
                    field: _("Not a valid choice: %(values)s.")
                    % {"values": ", ".join(u[:40] for u in unknown[:5])}
                }
            )
        instances.extend(found[k] for k in dict.fromkeys(keys))
    return list({o.pk: o for o in instances}.values())
