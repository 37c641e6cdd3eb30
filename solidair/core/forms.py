"""Form pieces shared by the apps."""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


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


class HoneypotInput(forms.TextInput):
    """A text box people never see or reach (off-screen, out of the tab order, hidden from
    screen readers) but form-filling spam robots do. Rendered with the hidden fields, so the
    form templates give it no label group of its own."""

    template_name = "django/forms/widgets/honeypot.html"

    @property
    def is_hidden(self) -> bool:
        return True


class HoneypotMixin(forms.Form):
    """Adds the honeypot field `website` to a form; a form that comes back with it filled
    in is refused as a whole, with a neutral message, and nothing is saved.

    Put it first among the bases: `class SignupForm(HoneypotMixin, AllauthSignupForm)`."""

    honeypot_field = "website"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=HoneypotInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get(self.honeypot_field):
            logger.info("Form %s refused: the honeypot was filled in", type(self).__name__)
            raise forms.ValidationError(
                _("This form could not be sent. Please try again."), code="honeypot"
            )
        return cleaned
