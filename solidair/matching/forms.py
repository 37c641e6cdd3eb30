"""Forms of matching: saving a search from the posts list, changing a saved search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SavedSearch


class SaveSearchForm(forms.Form):
    query = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to name it after the filters."),
    )
    frequency = forms.ChoiceField(
        label=_("Tell me about new posts"),
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.DAILY,
        widget=forms.RadioSelect,
    )


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=SavedSearch.Frequency.choices, widget=forms.RadioSelect
    )
