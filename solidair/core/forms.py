"""Form pieces shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models


def reference_filter(
    model: type[models.Model], *, label: Any, empty_label: Any, **kwargs: Any
) -> forms.ModelChoiceField[Any]:
    """An optional select of reference data for a filter form, addressed by its stable slug
    (languages by their ISO code) so filter URLs stay readable and shareable."""
    to_field = "code" if model._meta.model_name == "language" else "slug"
    return forms.ModelChoiceField(
        label=label,
        queryset=model._default_manager.all(),
        to_field_name=to_field,
        required=False,
        empty_label=empty_label,
        **kwargs,
    )
