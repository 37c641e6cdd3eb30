"""The organisations part of the JSON API (mounted by config/api.py at /organisations).

Only public organisations (verified or waiting for verification) are listed; a rejected
organisation, or one the moderators hid, answers 404 exactly like an unknown slug.
"""

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from solidair.core.markdown import render_markdown

from .models import Organisation
from .querysets import OrganisationQuerySet

router = Router(tags=["organisations"])


class OrganisationPagination(PageNumberPagination):
    class Input(Schema):
        # An upper bound keeps an absurd page number a 422 instead of an SQL overflow.
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)


class OrganisationOut(Schema):
    slug: str
    name: str
    description: str = Field(description="Markdown, as written by the organisation.")
    description_html: str = Field(description="The description rendered and sanitised.")
    sectors: list[str] = Field(description="Sector slugs.")
    target_groups: list[str] = Field(description="Target group slugs.")
    neighbourhood: str | None = Field(description="Neighbourhood slug.")
    address: str
    website: str
    contact_email: str
    contact_phone: str
    verified: bool
    logo_url: str | None
    url: str = Field(description="The organisation's page on the site.")
    created_at: datetime

    @staticmethod
    def resolve_description_html(obj: Organisation) -> str:
        return render_markdown(obj.description)

    @staticmethod
    def resolve_sectors(obj: Organisation) -> list[str]:
        # .all() uses the prefetched rows: no query per organisation.
        return [sector.slug for sector in obj.sectors.all()]

    @staticmethod
    def resolve_target_groups(obj: Organisation) -> list[str]:
        return [group.slug for group in obj.target_groups.all()]

    @staticmethod
    def resolve_neighbourhood(obj: Organisation) -> str | None:
        return obj.neighbourhood.slug if obj.neighbourhood else None

    @staticmethod
    def resolve_verified(obj: Organisation) -> bool:
        return obj.is_verified

    @staticmethod
    def resolve_logo_url(obj: Organisation, context: dict[str, Any]) -> str | None:
        if not obj.logo:
            return None
        return str(context["request"].build_absolute_uri(obj.logo.url))

    @staticmethod
    def resolve_url(obj: Organisation, context: dict[str, Any]) -> str:
        path = reverse("organisations:detail", kwargs={"slug": obj.slug})
        return str(context["request"].build_absolute_uri(path))


class OrganisationFilters(Schema):
    sector: str | None = Field(None, max_length=80, description="Sector slug.")
    target_group: str | None = Field(None, max_length=80, description="Target group slug.")
    neighbourhood: str | None = Field(None, max_length=80, description="Neighbourhood slug.")
    verified: bool | None = Field(
        None, description="true: verified only; false: only those waiting for verification."
    )
    q: str | None = Field(None, max_length=100, description="Words in the name or description.")


@router.get(
    "",
    response=list[OrganisationOut],
    summary="List organisations",
    operation_id="list_organisations",
)
@paginate(OrganisationPagination)
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilters]
) -> OrganisationQuerySet:
    """Verified organisations and those waiting for verification, alphabetically."""
    return Organisation.objects.directory(**filters.dict())


@router.get(
    "/{slug}",
    response=OrganisationOut,
    summary="One organisation",
    operation_id="get_organisation",
)
def get_organisation(request: HttpRequest, slug: str) -> Organisation:
    """One public organisation by slug; 404 for unknown and rejected organisations."""
    organisation = Organisation.objects.public().with_related().filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation
