"""Forms parse and validate input; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from solidair.core.forms import reference_filter
from solidair.core.models import Neighbourhood, Sector, TargetGroup

from .models import Membership, Organisation

ROLE_CHOICES = [
    (Membership.Role.ADMIN.value, Membership.Role.ADMIN.label),
    (Membership.Role.MEMBER.value, Membership.Role.MEMBER.label),
]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or keyword")}),
    )
    sector = reference_filter(Sector, label=_("Sector"), empty_label=_("All sectors"))
    target_group = reference_filter(
        TargetGroup, label=_("Target group"), empty_label=_("All target groups")
    )
    neighbourhood = reference_filter(
        Neighbourhood, label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )
    verified = forms.BooleanField(label=_("Verified organisations only"), required=False)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for Organisation.objects.directory(); an invalid value (an
        unknown slug in a hand-edited URL) is ignored rather than failing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or None,
            "sector": data.get("sector"),
            "target_group": data.get("target_group"),
            "neighbourhood": data.get("neighbourhood"),
            "verified": True if data.get("verified") else None,
        }


class OrganisationForm(forms.ModelForm[Organisation]):
    # Not a model ImageField: services.clean_image_upload validates (size first, then
    # Pillow) and re-encodes; the raw upload must never reach the model.
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
        help_text=_("A square image works best. JPEG, PNG, GIF or WebP."),
    )

    website = forms.URLField(
        label=_("website"), max_length=300, required=False, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "description",
            "sectors",
            "target_groups",
            "neighbourhood",
            "address",
            "website",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "sectors": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "contact_email": _("Shown on the organisation's public page."),
            "contact_phone": _("Shown on the organisation's public page."),
            "address": _("The organisation's public address, if it has one."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.logo:
            self.fields["logo"].initial = self.instance.logo


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial="member")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class MembershipChoiceField(forms.ModelChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        # The display name only: other members never see each other's email addresses.
        return f"{obj.user.display_name} ({obj.get_role_display()})"


class TransferForm(forms.Form):
    membership = MembershipChoiceField(
        label=_("New owner"),
        queryset=Membership.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I understand that I will no longer be the owner; I stay an administrator.")
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, MembershipChoiceField)
        field.queryset = (
            Membership.objects.filter(organisation=organisation)
            .exclude(role=Membership.Role.OWNER)
            .with_people()
            .by_role()
        )


class RejectForm(forms.Form):
    """The intermediate page of the admin's "reject" action."""

    remark = forms.CharField(
        label=_("Why is the organisation not verified?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the owner."),
    )
