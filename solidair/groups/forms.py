"""Forms parse and validate input; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from solidair.core.forms import reference_filter
from solidair.core.models import Neighbourhood, Sector
from solidair.organisations.models import Organisation

from .models import Group, GroupMembership, Reply, Topic

ROLE_CHOICES = [
    (GroupMembership.Role.ADMIN.value, GroupMembership.Role.ADMIN.label),
    (GroupMembership.Role.MEMBER.value, GroupMembership.Role.MEMBER.label),
]
VISIBILITY_FILTER_CHOICES = [
    ("", _("Open and closed")),
    ("open", _("Open groups")),
    ("closed", _("Closed groups")),
]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or keyword")}),
    )
    theme = reference_filter(Sector, label=_("Theme"), empty_label=_("All themes"))
    neighbourhood = reference_filter(
        Neighbourhood, label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )
    visibility = forms.ChoiceField(
        label=_("Open or closed"), choices=VISIBILITY_FILTER_CHOICES, required=False
    )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for Group.objects.directory(); an invalid value (a hand-edited
        URL) is ignored rather than failing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or None,
            "theme": data.get("theme"),
            "neighbourhood": data.get("neighbourhood"),
            "visibility": data.get("visibility") or None,
        }


class GroupForm(forms.ModelForm[Group]):
    # Not a model ImageField: the service's clean_image_upload validates and re-encodes;
    # the raw upload never reaches the model.
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
        help_text=_("A landscape photo works best. JPEG, PNG, GIF or WebP."),
    )

    class Meta:
        model = Group
        fields = ["name", "description", "visibility", "theme", "neighbourhood", "organisation"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        # Only organisations the person belongs to (the service checks it again).
        field.queryset = Organisation.objects.filter(memberships__user=user).exclude(
            status="rejected"
        )
        field.help_text = _("Optional: an organisation you belong to that runs this group.")
        if self.instance.pk and self.instance.image:
            self.fields["image"].initial = self.instance.image


class JoinForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The group's administrators read this before they accept you."),
    )


class TopicForm(forms.ModelForm[Topic]):
    class Meta:
        model = Topic
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"body": _("Markdown is allowed. Mention a member with @name.")}


class ReplyForm(forms.ModelForm[Reply]):
    class Meta:
        model = Reply
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"body": _("Markdown is allowed. Mention a member with @name.")}


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class NotifyForm(forms.Form):
    notify = forms.ChoiceField(
        label=_("Emails about new topics and replies"),
        choices=GroupMembership.Notify.choices,
        widget=forms.RadioSelect,
    )


class MembershipChoiceField(forms.ModelChoiceField[GroupMembership]):
    def label_from_instance(self, obj: GroupMembership) -> str:
        # The display name only: members never see each other's email addresses.
        return f"{obj.user.display_name} ({obj.get_role_display()})"


class TransferForm(forms.Form):
    membership = MembershipChoiceField(
        label=_("New owner"),
        queryset=GroupMembership.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I understand that I will no longer be the owner; I stay an administrator.")
    )

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, MembershipChoiceField)
        field.queryset = (
            GroupMembership.objects.active()
            .filter(group=group)
            .exclude(role=GroupMembership.Role.OWNER)
            .with_people()
            .by_role()
        )


def only_for_group_field(help_text: Any) -> forms.ChoiceField:
    """The "Only for a group" choice of a post or event form; `offer_groups` fills it."""
    return forms.ChoiceField(label=_("Only for a group"), required=False, help_text=help_text)


def offer_groups(form: forms.Form, groups: list[Group], field: str = "group") -> None:
    """Offer `groups` (those the person may put content in) in the form's group choice, or
    drop the choice when there are none."""
    if groups:
        choice = form.fields[field]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [("", _("Everyone")), *((g.slug, g.name) for g in groups)]
    else:
        del form.fields[field]


def chosen_group(form: forms.Form, field: str = "group") -> str | None:
    """The slug of the group chosen in a valid form, or None (everyone)."""
    if field not in form.fields:
        return None
    return form.cleaned_data.get(field) or None
