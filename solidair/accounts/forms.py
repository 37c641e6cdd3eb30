"""Forms of the accounts app. They validate only; services.py writes."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.internal.flows.manage_email import email_already_exists
from allauth.account.utils import filter_users_by_email
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.utils.translation import gettext_lazy as _

from solidair.accounts.models import ApiToken, Profile, User
from solidair.core.forms import HoneypotMixin
from solidair.core.images import clean_image_upload
from solidair.core.models import Language, Neighbourhood

AVATAR_MAX_SIDE = 512
DISPLAY_NAME_MIN = 2
DISPLAY_NAME_MAX = 60


def validate_display_name(value: str) -> None:
    # An email address as a display name would show it to everyone.
    if "@" in value:
        raise ValidationError(
            _("Do not use an email address as your name: everyone can see it."),
            code="display_name_email",
        )


def display_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Display name"),
        min_length=DISPLAY_NAME_MIN,
        max_length=DISPLAY_NAME_MAX,
        strip=True,
        validators=[validate_display_name],
        help_text=_("The name other people see. Your email address is never shown."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


class SignupForm(HoneypotMixin, AllauthSignupForm):  # type: ignore[misc]
    """allauth's sign-up form plus the display name for the new profile."""

    display_name = display_name_field()

    field_order = ["display_name", "email", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def validate_unique_email(self, value: str) -> str:
        # A clear "already in use" error rather than allauth's silent "check your inbox":
        # people who forgot they signed up are otherwise stuck waiting for an email.
        email, _exists = email_already_exists(value, always_raise=True)
        return str(email)


class LoginForm(HoneypotMixin, AllauthLoginForm):  # type: ignore[misc]
    """allauth's login form with the honeypot that keeps form-filling robots out."""


class ResetPasswordForm(HoneypotMixin, AllauthResetPasswordForm):  # type: ignore[misc]
    """allauth's "forgot your password" form with the honeypot: robots use it to send
    mail to addresses they try out."""


class AddEmailForm(AllauthAddEmailForm):  # type: ignore[misc]
    """Changing to an address another account uses is refused plainly, as at sign-up
    (allauth would otherwise mail a confirmation link to that other person)."""

    def clean_email(self) -> str:
        value = str(self.cleaned_data["email"]).lower()
        if any(u.pk != self.user.pk for u in filter_users_by_email(value)):
            raise get_adapter().validation_error("email_taken")
        return str(super().clean_email())


class LabelledModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class LanguageChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        if obj.native_name and obj.native_name != obj.label:
            return f"{obj.label} ({obj.native_name})"
        return str(obj.label)


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    display_name = display_name_field()
    neighbourhood = LabelledModelChoiceField(
        queryset=Neighbourhood.objects.order_by("name"),
        required=False,
        label=_("Neighbourhood"),
        empty_label=_("(not given)"),
    )
    languages = LanguageChoiceField(
        queryset=Language.objects.order_by("position", "code"),
        required=False,
        label=_("Languages I speak"),
        widget=forms.CheckboxSelectMultiple,
    )
    bio = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=1000,
        validators=[MaxLengthValidator(1000)],
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    avatar = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG, PNG, GIF or WebP image. We remove location data from photos."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my photo"), required=False)

    class Meta:
        model = Profile
        fields = ["display_name", "neighbourhood", "languages", "skills", "bio"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].validators.append(MinLengthValidator(DISPLAY_NAME_MIN))
        if not (self.instance and self.instance.avatar):
            del self.fields["remove_avatar"]

    def clean_avatar(self) -> Any:
        upload = self.cleaned_data.get("avatar")
        if not upload:
            return None
        return clean_image_upload(upload, max_side=AVATAR_MAX_SIDE, output_format="JPEG")


class NotificationsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Profile
        fields = [
            "email_messages",
            "email_suggestions",
            "email_organisation_news",
            "preferred_language",
        ]
        widgets = {
            "email_messages": forms.RadioSelect,
            "email_suggestions": forms.RadioSelect,
            "preferred_language": forms.RadioSelect,
        }


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length or 80,
        min_length=1,
        strip=True,
        help_text=_("What you use the token for, for example: “neighbourhood website”."),
    )


class DeleteAccountForm(forms.Form):
    """Deleting an account cannot be undone: the person confirms with their password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted for good."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password
