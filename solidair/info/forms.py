"""Forms for the information point: the editors' page and ceilings forms and the
vacancies filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from solidair.core.forms import reference_filter
from solidair.core.models import Neighbourhood, Sector

from .models import MAX_DEPTH, AllowanceCeilings, InfoPage
from .rendering import PLACEHOLDERS
from .services import CeilingsData, PageData


class PageForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        required=False,
        help_text=_("The last part of the page's address. Empty: made from the title."),
    )
    parent = forms.ModelChoiceField(
        label=_("Parent page"),
        queryset=InfoPage.objects.none(),
        required=False,
        empty_label=_("None (a main page)"),
    )
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1000, initial=0)
    summary = forms.CharField(
        label=_("Summary"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 20}),
    )
    is_published = forms.BooleanField(label=_("Published"), required=False, initial=True)

    def __init__(self, *args: Any, page: InfoPage | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = InfoPage.objects.in_order()
        if page is not None:
            # Not under itself or its own subtree.
            parents = parents.exclude(pk=page.pk).exclude(path__startswith=page.path + "/")
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        # A parent must leave room for one more level (the tree is MAX_DEPTH deep).
        allowed = [p.pk for p in parents if p.depth < MAX_DEPTH]
        parent.queryset = InfoPage.objects.in_order().filter(pk__in=allowed)
        parent.label_from_instance = lambda obj: f"{obj.path} — {obj.title}"  # type: ignore[method-assign]
        placeholders = ", ".join(f"[[allowance:{name}]]" for name in PLACEHOLDERS)
        self.fields["body"].help_text = _(
            "Markdown. The amounts of the expense allowances are filled in from the yearly "
            "ceilings with these placeholders: %(placeholders)s."
        ) % {"placeholders": placeholders}

    def page_data(self) -> PageData:
        data = self.cleaned_data
        return PageData(
            title=data["title"],
            slug=data.get("slug") or "",
            summary=data["summary"],
            body=data["body"],
            parent=data.get("parent"),
            position=data.get("position") or 0,
            is_published=bool(data.get("is_published")),
        )


def initial_from_page(page: InfoPage) -> dict[str, Any]:
    return {
        "title": page.title,
        "slug": page.slug,
        "parent": page.parent_id,
        "position": page.position,
        "summary": page.summary,
        "body": page.body,
        "is_published": page.is_published,
    }


class CeilingsForm(forms.ModelForm[AllowanceCeilings]):
    source_url = forms.URLField(
        label=_("Source"), required=False, max_length=300, assume_scheme="https"
    )

    class Meta:
        model = AllowanceCeilings
        fields = [
            "year",
            "daily_flat_rate",
            "yearly_flat_rate",
            "yearly_flat_rate_specific",
            "kilometre_rate",
            "kilometre_rate_period",
            "max_kilometres",
            "source_url",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The year identifies the row; a different year is a new row.
            self.fields["year"].disabled = True

    def validate_unique(self) -> None:
        # The service creates or updates the row of the year.
        return

    def ceilings_data(self) -> CeilingsData:
        data = self.cleaned_data
        return CeilingsData(
            daily_flat_rate=data["daily_flat_rate"],
            yearly_flat_rate=data["yearly_flat_rate"],
            yearly_flat_rate_specific=data["yearly_flat_rate_specific"],
            kilometre_rate=data["kilometre_rate"],
            kilometre_rate_period=data.get("kilometre_rate_period") or "",
            max_kilometres=data.get("max_kilometres") or 2000,
            source_url=data.get("source_url") or "",
        )


class VacancyFilterForm(forms.Form):
    """The vacancies' filters. Invalid values are ignored, not an error page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sector = reference_filter(Sector, label=_("Sector"), empty_label=_("All sectors"))
    neighbourhood = reference_filter(
        Neighbourhood, label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )
    skill = forms.CharField(
        label=_("Skill"),
        required=False,
        max_length=60,
        help_text=_("For example: Dutch, driving licence, cooking."),
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": (data.get("q") or "").strip() or None,
            "sector": data.get("sector"),
            "neighbourhood": data.get("neighbourhood"),
            "skill": (data.get("skill") or "").strip() or None,
        }
