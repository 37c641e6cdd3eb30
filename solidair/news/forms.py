"""Forms parse and validate input for the news pages; the services decide and write."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.organisations.models import Organisation

from .models import Article, Tag
from .services import MAX_TAGS, ArticleData

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class ArticleFilterForm(forms.Form):
    """The list's filters. A value that does not validate (an unknown tag in a hand-made
    URL) is ignored, not an error page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    tag = forms.ModelChoiceField(
        label=_("Tag"),
        queryset=Tag.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All tags"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tag = self.fields["tag"]
        assert isinstance(tag, forms.ModelChoiceField)
        tag.queryset = Tag.objects.in_use()

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"q": (data.get("q") or "").strip() or None, "tag": data.get("tag")}


class _ArticleFields(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    lead = forms.CharField(
        label=_("Lead"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences that say what the article is about."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=30000,
        widget=forms.Textarea(attrs={"rows": 16, "data-markdown-source": ""}),
        help_text=_(
            "Markdown: **bold**, *italic*, [a link](https://…), lists with - and headings "
            "with ##. Use the preview to check it."
        ),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=400,
        help_text=_("Separated by commas, for example: volunteering, Rabot, winter."),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    image_alt = forms.CharField(
        label=_("Description of the image"),
        required=False,
        max_length=200,
        help_text=_("What is on the image, for people who cannot see it."),
    )

    def __init__(self, *args: Any, article: Article | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["image"].help_text = _("JPEG, PNG, WebP or GIF, at most %(size)s.") % {
            "size": filesizeformat(settings.MAX_UPLOAD_SIZE)
        }
        if article is not None and article.image:
            self.fields["remove_image"] = forms.BooleanField(
                label=_("Remove the current image"), required=False
            )

    def clean_tags(self) -> list[str]:
        raw: str = self.cleaned_data.get("tags") or ""
        tags = [part.strip() for part in raw.split(",") if part.strip()]
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("Give at most %(max)s tags."), params={"max": MAX_TAGS}, code="too_many"
            )
        return tags

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("image")
        if isinstance(upload, UploadedFile) and (upload.size or 0) > settings.MAX_UPLOAD_SIZE:
            self.add_error(
                "image",
                _("The image is larger than %(size)s.")
                % {"size": filesizeformat(settings.MAX_UPLOAD_SIZE)},
            )
        has_image = bool(upload) or bool(
            self.article and self.article.image and not cleaned.get("remove_image")
        )
        if has_image and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return cleaned

    def article_data(self, organisation: Organisation | None = None) -> ArticleData:
        data = self.cleaned_data
        upload = data.get("image")
        return ArticleData(
            title=data["title"],
            lead=data["lead"],
            body=data["body"],
            tags=data.get("tags") or [],
            image=upload if isinstance(upload, UploadedFile) else None,
            image_alt=data.get("image_alt") or "",
            remove_image=bool(data.get("remove_image")),
            organisation=organisation,
        )


class ArticleForm(_ArticleFields):
    """The editors' form: the article, its organisation and when it is published."""

    class Publication:
        DRAFT = "draft"
        NOW = "now"
        SCHEDULE = "schedule"

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("None"),
        help_text=_("The organisation the article is about, if any."),
    )
    publication = forms.ChoiceField(
        label=_("Publication"),
        choices=[
            ("draft", _("Keep as a draft (not visible)")),
            ("now", _("Publish now")),
            ("schedule", _("Publish at a moment in the future")),
        ],
        widget=forms.RadioSelect,
        initial="draft",
    )
    published_at = forms.DateTimeField(
        label=_("Publication moment"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=_("Only for publishing in the future."),
    )

    field_order = [
        "title",
        "lead",
        "body",
        "tags",
        "organisation",
        "image",
        "image_alt",
        "remove_image",
        "publication",
        "published_at",
    ]

    def __init__(self, *args: Any, article: Article | None = None, **kwargs: Any) -> None:
        super().__init__(*args, article=article, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.verified().order_by("name")
        if article is not None and article.submitted_by_organisation:
            # A submission stays its organisation's article.
            del self.fields["organisation"]
        self.order_fields(self.field_order)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("publication") == self.Publication.SCHEDULE:
            moment: datetime | None = cleaned.get("published_at")
            if moment is None:
                self.add_error("published_at", _("Choose the moment of publication."))
            elif moment <= timezone.now():
                self.add_error("published_at", _("Choose a moment in the future."))
        return cleaned

    def publish(self) -> tuple[bool, datetime | None]:
        """(publish?, moment) for the services."""
        choice = self.cleaned_data.get("publication")
        if choice == self.Publication.SCHEDULE:
            return True, self.cleaned_data.get("published_at")
        if choice == self.Publication.NOW:
            return True, None
        return False, None


class SubmissionForm(_ArticleFields):
    """An organisation submits an article; an editor reviews it before anyone sees it."""

    organisation = forms.ChoiceField(label=_("On behalf of"))

    field_order = ["organisation", "title", "lead", "body", "tags", "image", "image_alt"]

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {org.slug: org for org in organisations}
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ChoiceField)
        organisation.choices = [(org.slug, org.name) for org in organisations]
        self.order_fields(self.field_order)

    def chosen_organisation(self) -> Organisation:
        return self.organisations[self.cleaned_data["organisation"]]


class ReviewForm(forms.Form):
    class Decision:
        APPROVE = "approve"
        REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and publish")), ("reject", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    remark = forms.CharField(
        label=_("Remark for the organisation"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the organisation's administrators. Required when you refuse."),
    )
    published_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=_("Leave empty to publish at once."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("decision") == self.Decision.REJECT
            and not (cleaned.get("remark") or "").strip()
        ):
            self.add_error("remark", _("Tell the organisation why the article is refused."))
        moment = cleaned.get("published_at")
        if moment is not None and moment <= timezone.now():
            self.add_error("published_at", _("Choose a moment in the future, or leave it empty."))
        return cleaned


class PreviewForm(forms.Form):
    body = forms.CharField(required=False, max_length=30000)


def initial_from_article(article: Article) -> dict[str, Any]:
    published_at = (
        timezone.localtime(article.published_at) if article.published_at is not None else None
    )
    if article.is_scheduled:
        publication = ArticleForm.Publication.SCHEDULE
    elif article.status == Article.Status.PUBLISHED:
        publication = ArticleForm.Publication.NOW
    else:
        publication = ArticleForm.Publication.DRAFT
    return {
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "tags": ", ".join(tag.name for tag in article.tags.all()),
        "organisation": article.organisation.slug if article.organisation else "",
        "image_alt": article.image_alt,
        "publication": publication,
        "published_at": published_at if article.is_scheduled else None,
    }
