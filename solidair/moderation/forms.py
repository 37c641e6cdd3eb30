from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidair.core.forms import HoneypotMixin

from .models import AuditEntry, Reason, Report
from .services import SUSPENSION_MAX_DAYS, ContentAction, Sanction


class ReportForm(HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Reason.choices, widget=forms.RadioSelect
    )
    remark = forms.CharField(
        label=_("Remark"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: anything that helps the moderators."),
    )


_REMARK = forms.CharField(
    label=_("Why"),
    max_length=1000,
    widget=forms.Textarea(attrs={"rows": 3}),
    help_text=_("The person concerned reads this, in the notification and the email."),
)


class DecisionForm(forms.Form):
    content = forms.ChoiceField(
        label=_("The content"),
        required=False,
        widget=forms.RadioSelect,
    )
    sanction = forms.ChoiceField(
        label=_("The person answerable"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            (Sanction.NONE, _("Nothing")),
            (Sanction.WARN, _("Warn")),
            (Sanction.SUSPEND, _("Suspend")),
            (Sanction.BAN, _("Ban")),
        ],
    )
    days = forms.IntegerField(
        label=_("Suspension in days"),
        required=False,
        min_value=1,
        max_value=SUSPENSION_MAX_DAYS,
        initial=7,
    )
    remark = _REMARK

    def __init__(self, *args: object, hideable: bool, hidden: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["content"]
        assert isinstance(field, forms.ChoiceField)
        allowed = {ContentAction.KEEP}
        if hideable:
            allowed.add(ContentAction.RESTORE if hidden else ContentAction.HIDE)
        labels = {
            ContentAction.KEEP: _("Leave it as it is"),
            ContentAction.HIDE: _("Hide it"),
            ContentAction.RESTORE: _("Show it again (release)"),
        }
        field.choices = [(key, label) for key, label in labels.items() if key in allowed]
        if len(allowed) == 1:
            field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("sanction") == Sanction.SUSPEND and not data.get("days"):
            self.add_error("days", _("How many days?"))
        return data


class PersonActionForm(forms.Form):
    sanction = forms.ChoiceField(
        label=_("What to do"),
        widget=forms.RadioSelect,
        choices=[
            (Sanction.WARN, _("Warn")),
            (Sanction.SUSPEND, _("Suspend")),
            (Sanction.BAN, _("Ban")),
        ],
    )
    days = DecisionForm.base_fields["days"]
    remark = _REMARK

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("sanction") == Sanction.SUSPEND and not data.get("days"):
            self.add_error("days", _("How many days?"))
        return data


class RemarkForm(forms.Form):
    remark = _REMARK


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=Report.Status.choices)
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", _("All reasons")), *Reason.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    automatic = forms.ChoiceField(
        label=_("Reported by"),
        required=False,
        choices=[
            ("", _("Anyone")),
            ("no", _("People")),
            ("yes", _("Held automatically")),
        ],
    )

    def __init__(self, *args: object, kinds: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Everything")), *kinds]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *AuditEntry.Action.choices],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
