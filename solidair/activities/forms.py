"""Forms parse and validate input for the calendar pages; the services decide and write.

The event form is a plain Form: services.create_event/update_event own the rules (end
after start, bounded recurrence, a place or an online link…) and their ValidationErrors
are shown on the fields by the views (field names are aliased, e.g. starts_at → start_date).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.core.forms import reference_filter
from solidair.core.models import Language, Neighbourhood, TargetGroup
from solidair.groups.forms import chosen_group, offer_groups, only_for_group_field
from solidair.organisations.models import Organisation

from .models import Accessibility, Event, EventType
from .recurrence import parse_rule

if TYPE_CHECKING:
    pass

EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Where a service error on a data key is shown in the form.
ERROR_ALIASES = {
    "starts_at": "start_date",
    "ends_at": "end_date",
    "recurrence": "repeat",
    "exdates": "exceptions",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class EventForm(forms.Form):
    REPEAT_CHOICES = [
        ("", _("Does not repeat")),
        ("weekly", _("Every week")),
        ("biweekly", _("Every two weeks")),
        ("monthly-day", _("Every month, on the same date")),
        ("monthly-weekday", _("Every month, on the same weekday (e.g. the first Saturday)")),
    ]

    organisation = forms.ChoiceField(
        label=_("Announce as"),
        required=False,
        help_text=_("In your own name or on behalf of an organisation you belong to."),
    )
    group = only_for_group_field(
        _(
            "For the members of one of your groups. In a closed group only its members "
            "see the event."
        )
    )
    type = forms.ChoiceField(label=_("Type"), choices=EventType.choices)
    title = forms.CharField(label=_("Title"), max_length=140)
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happens, for whom, what to bring. Markdown is allowed."),
    )
    all_day = forms.BooleanField(label=_("All day"), required=False)
    start_date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty when it ends on the same day."),
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())
    repeat = forms.ChoiceField(label=_("Repeat"), choices=REPEAT_CHOICES, required=False)
    repeat_until = forms.DateField(
        label=_("Repeat until"),
        required=False,
        widget=DateInput(),
        help_text=_("The last date of the series (at most two years)."),
    )
    exceptions = forms.CharField(
        label=_("Skip these dates"),
        required=False,
        help_text=_(
            "Dates in the series when it does not take place, e.g. 2026-04-06, 2026-05-01."
        ),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("(online only)"),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=200,
        required=False,
        help_text=_("The address of the venue (an organisation's or a public place)."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Only people who registered and the organisers see it."),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("For whom"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages spoken"),
        queryset=Language.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        choices=Accessibility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility_notes = forms.CharField(
        label=_("More about accessibility"), max_length=500, required=False
    )
    price = forms.DecimalField(
        label=_("Cost in euro"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=2,
        help_text=_("Leave empty when it is free."),
    )
    registration_required = forms.BooleanField(
        label=_("People register to take part"), required=False, initial=True
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for no limit. When it is full, people join a waiting list."),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    image_alt = forms.CharField(
        label=_("Description of the image"),
        max_length=200,
        required=False,
        help_text=_("What is on the image, for people who cannot see it."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: Iterable[Organisation] = (),
        groups: Iterable[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        offer_groups(self, list(groups))
        organisations = list(organisations)
        if organisations:
            field = self.fields["organisation"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [
                ("", _("Myself")),
                *((org.slug, org.name) for org in organisations),
            ]
        else:
            del self.fields["organisation"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("all_day") and "start_date" in cleaned:
            if cleaned.get("start_time") is None:
                self.add_error("start_time", _("Give a start time, or tick “All day”."))
            if cleaned.get("end_time") is None:
                self.add_error("end_time", _("Give an end time, or tick “All day”."))
        if cleaned.get("repeat") and not cleaned.get("repeat_until"):
            self.add_error("repeat_until", _("Give the last date of the series."))
        return cleaned

    def group_slug(self) -> str | None:
        return chosen_group(self)

    def organisation_slug(self) -> str | None:
        if "organisation" not in self.fields:
            return None
        return self.cleaned_data.get("organisation") or None

    def recurrence(self) -> str:
        repeat = self.cleaned_data.get("repeat")
        until: date | None = self.cleaned_data.get("repeat_until")
        start: date = self.cleaned_data["start_date"]
        if not repeat or until is None:
            return ""
        suffix = f"UNTIL={until:%Y%m%d}"
        if repeat == "weekly":
            return f"FREQ=WEEKLY;{suffix}"
        if repeat == "biweekly":
            return f"FREQ=WEEKLY;INTERVAL=2;{suffix}"
        if repeat == "monthly-day":
            return f"FREQ=MONTHLY;{suffix}"
        nth = (start.day - 1) // 7 + 1
        # A fifth weekday does not exist in every month: "the last" does.
        ordinal = -1 if nth == 5 else nth
        return f"FREQ=MONTHLY;BYDAY={ordinal}{WEEKDAY_CODES[start.weekday()]};{suffix}"

    def event_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        start_day: date = data["start_date"]
        end_day: date = data.get("end_date") or start_day
        if data.get("all_day"):
            starts_at = timezone.make_aware(datetime.combine(start_day, time.min))
            ends_at = timezone.make_aware(datetime.combine(end_day + timedelta(days=1), time.min))
        else:
            starts_at = timezone.make_aware(datetime.combine(start_day, data["start_time"]))
            ends_at = timezone.make_aware(datetime.combine(end_day, data["end_time"]))
        return {
            "title": data["title"],
            "description": data["description"],
            "type": data["type"],
            "starts_at": starts_at,
            "ends_at": ends_at,
            "all_day": bool(data.get("all_day")),
            "recurrence": self.recurrence(),
            "exdates": data.get("exceptions") or "",
            "neighbourhood": data.get("neighbourhood"),
            "address": data.get("address") or "",
            "online_url": data.get("online_url") or "",
            "target_groups": list(data.get("target_groups") or []),
            "languages": list(data.get("languages") or []),
            "accessibility": data.get("accessibility") or [],
            "accessibility_notes": data.get("accessibility_notes") or "",
            "price": data.get("price"),
            "capacity": data.get("capacity"),
            "registration_required": bool(data.get("registration_required"))
            or data.get("capacity") is not None,
            "image_alt": data.get("image_alt") or "",
        }


def initial_from_event(event: Event) -> dict[str, Any]:
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    if event.all_day:
        end = end - timedelta(days=1)
    rule = parse_rule(event.recurrence)
    repeat = ""
    if rule is not None:
        if rule.freq == "WEEKLY":
            repeat = "biweekly" if rule.interval == 2 else "weekly"
        elif rule.freq == "MONTHLY":
            repeat = "monthly-weekday" if rule.byday else "monthly-day"
    return {
        "organisation": event.organisation.slug if event.organisation else "",
        "type": event.type,
        "title": event.title,
        "description": event.description,
        "all_day": event.all_day,
        "start_date": start.date(),
        "start_time": None if event.all_day else start.time(),
        "end_date": end.date() if end.date() != start.date() else None,
        "end_time": None if event.all_day else end.time(),
        "repeat": repeat,
        "repeat_until": rule.until if rule else None,
        "exceptions": ", ".join(event.exdates),
        "neighbourhood": event.neighbourhood.slug if event.neighbourhood else None,
        "address": event.address,
        "online_url": event.online_url,
        "target_groups": [t.slug for t in event.target_groups.all()],
        "languages": [lang.code for lang in event.languages.all()],
        "accessibility": event.accessibility,
        "accessibility_notes": event.accessibility_notes,
        "price": event.price,
        "registration_required": event.registration_required,
        "capacity": event.capacity,
        "image_alt": event.image_alt,
    }


class CalendarFilterForm(forms.Form):
    """The calendar's filters; every value travels in the query string (shareable)."""

    VIEWS = [("list", _("List")), ("week", _("Week")), ("month", _("Month"))]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    type = forms.MultipleChoiceField(
        label=_("Type"),
        choices=EventType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    neighbourhood = reference_filter(
        Neighbourhood, label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )
    target_group = reference_filter(TargetGroup, label=_("For whom"), empty_label=_("Everyone"))
    language = reference_filter(Language, label=_("Language"), empty_label=_("All languages"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.public(),
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    free = forms.BooleanField(label=_("Free only"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    view = forms.ChoiceField(label=_("View"), choices=VIEWS, required=False)
    date = forms.DateField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("date_from", "date_to", "date"):
            value = cleaned.get(name)
            if value is not None and not (EARLIEST <= value <= LATEST):
                # Far dates would overflow date arithmetic (and mean nothing here).
                self.add_error(name, _("Choose a date between 1900 and 2200."))
                cleaned.pop(name, None)
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for OccurrenceQuerySet.filter_list (valid fields only)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return {
            "types": data.get("type") or [],
            "neighbourhood": data.get("neighbourhood"),
            "target_group": data.get("target_group"),
            "language": data.get("language"),
            "organisation": data.get("organisation"),
            "free": bool(data.get("free")),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "q": data.get("q") or None,
        }


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the people registered)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    include_waitlist = forms.BooleanField(
        label=_("Also send it to the people on the waiting list"), required=False
    )
