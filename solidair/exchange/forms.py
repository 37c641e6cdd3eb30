"""Forms parse and validate input for the exchange pages; the services decide and write.

The post form is a plain Form (not a ModelForm): services.create_post/update_post own the
rules (category of the right nature, quantity for goods only, …) and their ValidationErrors
are shown on the form's fields by the views.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from solidair.core.forms import HoneypotMixin, reference_filter
from solidair.core.models import Category, Language, Neighbourhood, TargetGroup
from solidair.groups.forms import chosen_group, offer_groups, only_for_group_field
from solidair.groups.models import Group

from .models import Match, Post

if TYPE_CHECKING:
    from solidair.organisations.models import Organisation

MAX_PHOTOS = 3
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
MAX_SKILLS = 20


def grouped_category_choices(
    categories: Iterable[Category], *, empty_label: str | None = None
) -> list[tuple[str, Any]]:
    """Categories grouped by nature (<optgroup>): goods first, then volunteering. The
    nature of a post and its category are checked against each other by the service."""
    groups: dict[str, list[tuple[str, str]]] = {value: [] for value in Category.Nature.values}
    for category in categories:
        groups.setdefault(category.nature, []).append((category.slug, category.label))
    choices: list[tuple[str, Any]] = []
    if empty_label is not None:
        choices.append(("", empty_label))
    for nature, label in Category.Nature.choices:
        if groups.get(nature):
            choices.append((str(label), groups[nature]))
    return choices


class GroupedCategoryField(forms.ChoiceField):
    """A category by slug, offered grouped by nature; the choices are loaded when the form
    is built (one query)."""

    def __init__(self, *, empty_label: str | None = None, **kwargs: Any) -> None:
        super().__init__(choices=(), **kwargs)
        self.empty_label = empty_label

    def load(self) -> None:
        self.choices = grouped_category_choices(
            Category.objects.order_by("nature", "position", "slug"), empty_label=self.empty_label
        )


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- finding posts ----------------------------------------------------------------------------


class PostFilterForm(forms.Form):
    """The filters of the list page. Every field is optional; a value that does not
    validate (an unknown slug in a hand-edited URL) is ignored, not an error page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("For example: bike, fridge, homework")}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Requests or offers"),
        required=False,
        choices=[("", _("Requests and offers")), *Post.Kind.choices],
    )
    nature = forms.ChoiceField(
        label=_("Goods or volunteering"),
        required=False,
        choices=[("", _("Goods and volunteering")), *Post.Nature.choices],
    )
    category = GroupedCategoryField(
        label=_("Category"), required=False, empty_label=str(_("All categories"))
    )
    neighbourhood = reference_filter(
        Neighbourhood, label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )
    target_group = reference_filter(
        TargetGroup, label=_("Target group"), empty_label=_("All target groups")
    )
    language = reference_filter(Language, label=_("Language"), empty_label=_("All languages"))
    period_from = forms.DateField(
        label=_("Available or needed from"), required=False, widget=_date_input()
    )
    period_to = forms.DateField(label=_("until"), required=False, widget=_date_input())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, GroupedCategoryField)
        # Django's ModelChoiceField labels use str(); the reference data translates .label.
        self.fields["language"].label_from_instance = lambda obj: obj.label  # type: ignore[attr-defined]
        category.load()

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for PostQuerySet.filter_list(). Invalid fields are dropped
        one by one (Django leaves them out of cleaned_data); the others still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        period_from: date | None = data.get("period_from")
        period_to: date | None = data.get("period_to")
        if period_from and period_to and period_to < period_from:
            # Swapped by mistake: the reader meant the range between the two dates.
            period_from, period_to = period_to, period_from
        return {
            "q": (data.get("q") or "").strip() or None,
            "kind": data.get("kind") or None,
            "nature": data.get("nature") or None,
            "category": data.get("category") or None,
            "neighbourhood": data.get("neighbourhood"),
            "target_group": data.get("target_group"),
            "language": data.get("language"),
            "period_from": period_from,
            "period_to": period_to,
        }

    def active_filter_count(self) -> int:
        return sum(1 for key, value in self.filters().items() if value and key != "q")


# --- posting ---------------------------------------------------------------------------------


class PostForm(HoneypotMixin, forms.Form):
    """Create or edit a post. Photos come as up to three file fields, each with its
    description (alt text); they are validated and re-encoded by services.add_post_photo."""

    kind = forms.ChoiceField(
        label=_("What do you want to post?"),
        choices=[
            (Post.Kind.REQUEST.value, _("A request: I need something")),
            (Post.Kind.OFFER.value, _("An offer: I can give something")),
        ],
        widget=forms.RadioSelect,
    )
    nature = forms.ChoiceField(
        label=_("Goods or volunteering?"),
        choices=[
            (Post.Nature.GOODS.value, _("Goods (material help)")),
            (Post.Nature.VOLUNTEERING.value, _("Volunteering (time and help)")),
        ],
        widget=forms.RadioSelect,
    )
    organisation = forms.ChoiceField(
        label=_("Post as"),
        required=False,
        help_text=_("Post in your own name or on behalf of an organisation you belong to."),
    )
    group = only_for_group_field(
        _("For the members of one of your groups. In a closed group only its members see the post.")
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What is needed or offered, and any practical details. You can use Markdown: "
            "*italic*, **bold**, lists. Do not write your phone number or address: people "
            "contact you through the platform."
        ),
    )
    category = GroupedCategoryField(label=_("Category"), empty_label=str(_("Choose a category")))
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.all(),
        to_field_name="slug",
        empty_label=_("Choose a neighbourhood"),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("For whom?"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    quantity = forms.IntegerField(
        label=_("Quantity"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Goods only: how many pieces are needed or available."),
    )
    starts_on = forms.DateField(
        label=_("From"),
        required=False,
        widget=_date_input(),
        help_text=_("When is it needed or available? Leave empty if any time suits."),
    )
    ends_on = forms.DateField(label=_("Until"), required=False, widget=_date_input())
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages"),
        queryset=Language.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages you speak, or the language the help is needed in."),
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=500,
        help_text=_("Volunteering only: skills asked or offered, separated by commas."),
    )
    time_commitment = forms.ChoiceField(
        label=_("Time commitment"),
        required=False,
        choices=[("", _("Not specified")), *Post.TimeCommitment.choices],
        widget=forms.RadioSelect,
    )
    hours = forms.IntegerField(
        label=_("Hours"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_(
            "Volunteering only: about how many hours (in total, or per week if recurring)."
        ),
    )

    def __init__(
        self,
        *args: Any,
        organisations: Iterable[Organisation] = (),
        groups: Iterable[Group] = (),
        photo_slots: int = MAX_PHOTOS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        offer_groups(self, list(groups))
        category = self.fields["category"]
        assert isinstance(category, GroupedCategoryField)
        category.load()
        self.fields["languages"].label_from_instance = lambda obj: obj.label  # type: ignore[attr-defined]
        organisations = list(organisations)
        if organisations:
            organisation_field = self.fields["organisation"]
            assert isinstance(organisation_field, forms.ChoiceField)
            organisation_field.choices = [
                ("", _("Myself")),
                *((org.slug, org.name) for org in organisations),
            ]
        else:
            # Nobody to post on behalf of: no choice to make.
            del self.fields["organisation"]
        self.photo_slots = max(0, min(MAX_PHOTOS, photo_slots))
        for number in range(1, self.photo_slots + 1):
            self.fields[f"photo_{number}"] = forms.FileField(
                label=_("Photo %(number)s") % {"number": number},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}),
                help_text=_("JPEG, PNG, WebP or GIF, at most %(size)s.")
                % {"size": filesizeformat(settings.MAX_UPLOAD_SIZE)},
            )
            self.fields[f"alt_{number}"] = forms.CharField(
                label=_("What is on photo %(number)s?") % {"number": number},
                required=False,
                max_length=200,
                help_text=_("A short description for people who cannot see the photo."),
            )

    def clean_skills(self) -> list[str]:
        raw: str = self.cleaned_data.get("skills") or ""
        skills = [part.strip() for part in raw.split(",") if part.strip()]
        if len(skills) > MAX_SKILLS:
            raise forms.ValidationError(
                _("Name at most %(max)s skills."), params={"max": MAX_SKILLS}, code="too_many"
            )
        return skills

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        for number in range(1, self.photo_slots + 1):
            upload = cleaned.get(f"photo_{number}")
            # The size is checked here too so a huge file gets its message at once; the
            # service checks the content (a real image) and re-encodes it.
            if isinstance(upload, UploadedFile) and (upload.size or 0) > settings.MAX_UPLOAD_SIZE:
                self.add_error(
                    f"photo_{number}",
                    _("This photo is too large (%(size)s). The maximum is %(max)s.")
                    % {
                        "size": filesizeformat(upload.size or 0),
                        "max": filesizeformat(settings.MAX_UPLOAD_SIZE),
                    },
                )
        return cleaned

    def post_data(self) -> dict[str, Any]:
        """The cleaned values as the `data` mapping of services.create_post/update_post."""
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if not key.startswith(("photo_", "alt_"))
            # The organisation and the group are passed to the services on their own.
            and key not in ("organisation", "group", self.honeypot_field)
        }
        if data.get("nature") != Post.Nature.GOODS:
            # Fields of the other nature are hidden by nobody (no JS): drop them quietly.
            data["quantity"] = None
        if data.get("nature") != Post.Nature.VOLUNTEERING:
            data["skills"] = []
            data["time_commitment"] = ""
            data["hours"] = None
        data["time_commitment"] = data.get("time_commitment") or ""
        return data

    def organisation_slug(self) -> str | None:
        if "organisation" not in self.fields:
            return None
        return self.cleaned_data.get("organisation") or None

    def group_slug(self) -> str | None:
        return chosen_group(self)

    def photos(self) -> list[tuple[str, UploadedFile, str]]:
        """(field name, upload, alt text) for each filled-in photo field, in order."""
        result: list[tuple[str, UploadedFile, str]] = []
        for number in range(1, self.photo_slots + 1):
            upload = self.cleaned_data.get(f"photo_{number}")
            if isinstance(upload, UploadedFile):
                alt = self.cleaned_data.get(f"alt_{number}") or ""
                result.append((f"photo_{number}", upload, alt))
        return result

    def field_groups(self) -> dict[str, list[forms.BoundField]]:
        """Fields by fieldset for the template (what, where and when, volunteering, photos)."""
        names = {
            "what": ["organisation", "group", "kind", "nature", "title", "category", "body"],
            "where": [
                "neighbourhood",
                "target_groups",
                "quantity",
                "starts_on",
                "ends_on",
                "languages",
            ],
            "volunteering": ["skills", "time_commitment", "hours"],
        }
        groups = {
            group: [self[name] for name in field_names if name in self.fields]
            for group, field_names in names.items()
        }
        groups["photos"] = [
            self[f"{prefix}_{number}"]
            for number in range(1, self.photo_slots + 1)
            for prefix in ("photo", "alt")
        ]
        return groups


def initial_from_post(post: Post) -> dict[str, Any]:
    """The edit form's initial values."""
    return {
        "kind": post.kind,
        "nature": post.nature,
        "organisation": post.organisation.slug if post.organisation else "",
        "group": post.group.slug if post.group else "",
        "title": post.title,
        "body": post.body,
        "category": post.category.slug,
        "neighbourhood": post.neighbourhood,
        "target_groups": list(post.target_groups.all()),
        "quantity": post.quantity,
        "starts_on": post.starts_on,
        "ends_on": post.ends_on,
        "languages": list(post.languages.all()),
        "skills": ", ".join(post.skills or []),
        "time_commitment": post.time_commitment,
        "hours": post.hours,
    }


# --- reacting, talking, closing the loop -------------------------------------------------------


class ResponseForm(HoneypotMixin, forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and how you can help. Your email address stays private."),
    )


class MessageForm(HoneypotMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FulfilForm(forms.Form):
    quantity = forms.IntegerField(
        label=_("How many were handed over?"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Only if part of the quantity is done. Leave empty when everything is done."),
    )


class ExtendForm(forms.Form):
    weeks = forms.IntegerField(label=_("Weeks"), required=False, min_value=1, max_value=26)


class MatchOutcomeForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Did the help happen?"), choices=Match.Answer.choices, widget=forms.RadioSelect
    )
