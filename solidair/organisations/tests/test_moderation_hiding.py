"""An organisation the moderators hid: gone from the directory, search, the API, the home
page and its calendar feed, and its page answers 404 to outsiders; its members still see
it (with the notice) and keep working in its name. Suspended people register and edit no
organisation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from solidair.activities import services as activities
from solidair.activities.tests.factories import tomorrow_at
from solidair.moderation import services as moderation
from solidair.moderation.registry import get_kind
from solidair.organisations import services
from solidair.organisations.models import Organisation
from solidair.organisations.permissions import can_act_for

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NAME = "Buurtwerk Rabot"
NOTICE = "Hidden by the moderators"


def hide(organisation: Organisation) -> Organisation:
    Organisation.objects.filter(pk=organisation.pk).update(hidden_at=timezone.now())
    organisation.refresh_from_db()
    return organisation


def suspend(user):
    user.suspended_until = timezone.now() + timedelta(days=3)
    user.save(update_fields=["suspended_until"])
    return user


@pytest.fixture
def hidden(organisation, org_admin, org_member):
    return hide(organisation)


def test_a_hidden_organisation_is_gone_for_outsiders_everywhere(client, hidden, stranger, editor):
    for person in (None, stranger, editor):
        if person is not None:
            client.force_login(person)
        for url in (
            reverse("organisations:directory"),
            reverse("organisations:directory") + "?q=buurtwerk",
            reverse("core:home"),
            reverse("activities:calendar"),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert NAME not in response.content.decode(), (person, url)
        for url in (
            reverse("organisations:detail", args=[hidden.slug]),
            reverse("activities:organisation_feed", args=[hidden.slug]),
            reverse("api:get_organisation", args=[hidden.slug]),
        ):
            assert client.get(url).status_code == 404, (person, url)
        assert client.get(reverse("api:list_organisations")).json()["items"] == []
        assert client.get(reverse("api:list_organisations") + "?q=buurtwerk").json()["items"] == []


@pytest.mark.parametrize("persona", ["org_admin", "org_member", "moderator"])
def test_its_members_and_the_moderators_see_it_with_the_notice(request, client, hidden, persona):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("organisations:detail", args=[hidden.slug]))
    assert page.status_code == 200
    assert NOTICE in page.content.decode()


def test_its_members_keep_working_in_its_name(client, hidden, org_admin, org_member):
    assert can_act_for(org_member, hidden)
    event = activities.create_event(
        author=org_member,
        organisation=hidden.slug,
        data={
            "title": "Buurtsoep",
            "description": "Samen soep maken.",
            "starts_at": tomorrow_at(18),
            "ends_at": tomorrow_at(20),
            "neighbourhood": "ledeberg",
        },
    )
    assert event.organisation == hidden
    services.update_organisation(organisation=hidden, by=org_admin, data={"name": "Buurtwerk R"})
    client.force_login(org_admin)
    assert client.get(reverse("organisations:members", args=[hidden.slug])).status_code == 200
    assert "Buurtwerk R" in client.get(reverse("organisations:mine")).content.decode()


def test_a_visible_organisation_has_no_notice(client, organisation, org_admin):
    client.force_login(org_admin)
    page = client.get(reverse("organisations:detail", args=[organisation.slug]))
    assert NOTICE not in page.content.decode()


def test_hiding_retires_the_cached_home_page(
    client, organisation, citizen, moderator, django_capture_on_commit_callbacks
):
    assert NAME in client.get(reverse("core:home")).content.decode()
    report = moderation.report_content(
        reporter=citizen, kind="organisation", pk=organisation.pk, reason="scam"
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation.decide_report(
            moderator=moderator,
            report=report,
            decision=moderation.Decision(content="hide", remark="Nepvereniging."),
        )
    assert NAME not in client.get(reverse("core:home")).content.decode()


# --- the registry's description ---------------------------------------------------------------


def test_the_organisation_kind_describes_the_organisation(organisation, org_admin):
    kind = get_kind("organisation")
    assert kind is not None
    assert kind.author(organisation) == org_admin
    assert kind.describe(organisation) == NAME
    assert kind.excerpt(organisation) == organisation.description
    assert kind.url(organisation) == reverse("organisations:detail", args=[organisation.slug])


def test_nobody_reports_what_they_cannot_see(hidden, stranger, org_member, moderator):
    kind = get_kind("organisation")
    assert kind is not None
    assert not kind.can_see(stranger, hidden)
    assert kind.can_see(org_member, hidden)
    assert kind.can_see(moderator, hidden)
    rejected = OrganisationFactory.create(rejected=True)
    assert not kind.can_see(stranger, rejected)
    for organisation in (hidden, rejected):
        with pytest.raises(PermissionDenied):
            moderation.report_content(
                reporter=stranger, kind="organisation", pk=organisation.pk, reason="scam"
            )


def test_the_report_link_is_for_signed_in_outsiders(client, organisation, org_member, stranger):
    url = reverse("organisations:detail", args=[organisation.slug])
    report_url = reverse("moderation:report", args=["organisation", organisation.pk])
    assert report_url not in client.get(url).content.decode()
    client.force_login(org_member)
    assert report_url not in client.get(url).content.decode()
    client.force_login(stranger)
    assert report_url in client.get(url).content.decode()


# --- suspended people ------------------------------------------------------------------------


def test_a_suspended_person_registers_and_edits_no_organisation(organisation, org_admin):
    suspend(org_admin)
    with pytest.raises(PermissionDenied, match="suspended"):
        services.create_organisation(
            creator=org_admin, data={"name": "Nieuw", "description": "Samen"}
        )
    with pytest.raises(PermissionDenied, match="suspended"):
        services.update_organisation(organisation=organisation, by=org_admin, data={"name": "X"})
    organisation.refresh_from_db()
    assert (organisation.name, Organisation.objects.count()) == (NAME, 1)


def test_the_forms_tell_a_suspended_person_why(client, organisation, org_admin):
    suspend(org_admin)
    client.force_login(org_admin)
    response = client.post(
        reverse("organisations:create"), {"name": "Vzw Nieuw Begin", "description": "Samen."}
    )
    assert "Your account is suspended until" in response.content.decode()
    form = client.get(reverse("organisations:edit", args=[organisation.slug])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "logo"}
    data["name"] = "Ander"
    response = client.post(reverse("organisations:edit", args=[organisation.slug]), data)
    assert "Your account is suspended until" in response.content.decode()
    organisation.refresh_from_db()
    assert (organisation.name, Organisation.objects.count()) == (NAME, 1)
