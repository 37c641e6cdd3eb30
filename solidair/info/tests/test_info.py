"""The volunteer information point: the seeded pages, the placeholders for the allowance
ceilings, the editors' pages, the training overview, the vacancies and the API."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from solidair.info import services
from solidair.info.content import PAGES, SEED_CEILINGS, seed_information
from solidair.info.models import AllowanceCeilings, InfoPage
from solidair.info.rendering import fill_placeholders, render_page_body

pytestmark = pytest.mark.django_db


def page_data(**overrides: Any) -> services.PageData:
    values: dict[str, Any] = {
        "title": "Vorming",
        "slug": "vorming",
        "summary": "Kort.",
        "body": "Tekst.",
    }
    values.update(overrides)
    return services.PageData(**values)


# --- seeded content ---------------------------------------------------------------------------


def test_the_migration_seeds_every_page_and_the_ceilings():
    assert set(InfoPage.objects.values_list("path", flat=True)) == {p[0] for p in PAGES}
    assert AllowanceCeilings.objects.get(year=2024).daily_flat_rate == Decimal("41.48")
    assert seed_information() == 0  # idempotent


def test_seeding_keeps_an_editors_changes(editor):
    page = InfoPage.objects.get(path="verzekering")
    services.update_page(
        page=page, by=editor, data=page_data(title="Verzekeringen", slug="verzekering")
    )
    seed_information()
    assert InfoPage.objects.get(path="verzekering").title == "Verzekeringen"


def test_the_allowance_page_shows_the_amounts_of_the_newest_year(client):
    html = client.get(reverse("info:page", args=["kostenvergoedingen"])).content.decode()
    assert "41,48" in html
    assert "1.659,29" in html
    assert "3.047,43" in html
    assert "[[allowance:" not in html
    # 2024's amounts shown in a later year: the page says so.
    assert "amounts on this page are those of 2024" in html


def test_an_editor_updates_the_ceilings_in_the_site_and_the_pages_follow(client, editor):
    year = timezone.localdate().year
    client.force_login(editor)
    response = client.post(
        reverse("info:ceilings_create"),
        {
            "year": year,
            "daily_flat_rate": "45.10",
            "yearly_flat_rate": "1800.00",
            "yearly_flat_rate_specific": "3300.00",
            "kilometre_rate": "0.4400",
            "kilometre_rate_period": "1 januari tot 31 maart",
            "max_kilometres": 2000,
            "source_url": "https://hogeraadvrijwilligers.belgium.be",
        },
    )
    assert response.status_code == 302
    cache.clear()
    html = client.get(reverse("info:page", args=["kostenvergoedingen"])).content.decode()
    assert "45,10" in html
    assert "41,48" not in html
    assert "amounts on this page are those of" not in html


def test_ceilings_are_validated(editor):
    with pytest.raises(ValidationError) as exc:
        services.save_allowance_ceilings(
            by=editor,
            year=2025,
            data=services.CeilingsData(
                daily_flat_rate=Decimal("50"),
                yearly_flat_rate=Decimal("40"),
                yearly_flat_rate_specific=Decimal("3000"),
                kilometre_rate=Decimal("0.4"),
            ),
        )
    assert "yearly_flat_rate" in exc.value.message_dict


def test_placeholders_without_ceilings_say_the_amount_is_missing():
    assert fill_placeholders("[[allowance:daily]]", None) == "(bedrag nog niet ingevuld)"
    assert fill_placeholders("[[allowance:typo]]", None) == "[[allowance:typo]]"


def test_the_page_body_goes_through_the_sanitiser():
    ceilings = AllowanceCeilings.objects.get(year=2024)
    html = render_page_body("<script>x()</script>[[allowance:table]]", ceilings)
    assert "<script" not in html
    assert "<table>" in html
    assert "41,48" in html


# --- the tree and the editors -----------------------------------------------------------------


def test_pages_have_paths_and_moving_a_page_moves_its_children(editor):
    root = InfoPage.objects.get(path="wat-is-vrijwilligerswerk")
    services.update_page(
        page=root, by=editor, data=page_data(title=root.title, slug="vrijwilligerswet")
    )
    assert InfoPage.objects.filter(path="vrijwilligerswet/informatienota").exists()


def test_a_page_cannot_go_under_itself_or_too_deep(editor):
    root = InfoPage.objects.get(path="wat-is-vrijwilligerswerk")
    child = InfoPage.objects.get(path="wat-is-vrijwilligerswerk/informatienota")
    with pytest.raises(ValidationError):
        services.update_page(page=root, by=editor, data=page_data(slug="x", parent=child))
    third = services.create_page(by=editor, data=page_data(slug="derde", parent=child))
    with pytest.raises(ValidationError):
        services.create_page(by=editor, data=page_data(slug="vierde", parent=third))


def test_reserved_addresses_are_refused(editor):
    with pytest.raises(ValidationError):
        services.create_page(by=editor, data=page_data(slug="trainings"))


def test_only_editors_keep_the_pages(citizen, org_admin, editor):
    for person in (citizen, org_admin):
        with pytest.raises(PermissionDenied):
            services.create_page(by=person, data=page_data())
    page = services.create_page(by=editor, data=page_data())
    assert page.path == "vorming"
    assert page.reviewed_by == editor


def test_a_hidden_page_is_404_for_readers_but_not_for_editors(client, editor):
    page = services.create_page(by=editor, data=page_data(is_published=False))
    assert client.get(page.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(page.get_absolute_url()).status_code == 200


def test_editors_edit_a_page_in_the_site_with_preview(client, editor):
    page = InfoPage.objects.get(path="hulp")
    client.force_login(editor)
    url = reverse("info:page_edit", args=[page.pk])
    form = {
        "title": "Hulp",
        "slug": "hulp",
        "position": 5,
        "summary": "Waar je hulp vindt.",
        "body": "Max [[allowance:daily]] per dag",
        "is_published": "on",
    }
    preview = client.post(url, {**form, "preview": "1"}).content.decode()
    assert "41,48" in preview
    assert InfoPage.objects.get(pk=page.pk).title != "Hulp"
    assert client.post(url, form).status_code == 302
    assert InfoPage.objects.get(pk=page.pk).title == "Hulp"


def test_marking_reviewed_sets_the_date(client, editor):
    page = InfoPage.objects.get(path="hulp")
    InfoPage.objects.filter(pk=page.pk).update(
        last_reviewed_on=timezone.localdate() - timedelta(days=400)
    )
    client.force_login(editor)
    assert "Review needed" in client.get(reverse("info:manage")).content.decode()
    client.post(reverse("info:page_reviewed", args=[page.pk]))
    assert InfoPage.objects.get(pk=page.pk).last_reviewed_on == timezone.localdate()


def test_the_info_pages_run_a_bounded_number_of_queries(
    client, editor, django_assert_max_num_queries
):
    for n in range(20):
        services.create_page(by=editor, data=page_data(slug=f"extra-{n}", title=f"Extra {n}"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("info:index")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("info:page", args=["kostenvergoedingen"])).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("api:list_info_pages")).status_code == 200


# --- trainings and vacancies ------------------------------------------------------------------


def test_the_training_overview_lists_upcoming_trainings_only(client):
    from solidair.activities.models import Event
    from solidair.activities.tests.factories import EventFactory

    EventFactory(type=Event.Type.TRAINING, title="Vorming EHBO")
    EventFactory(type=Event.Type.ACTIVITY, title="Buurtfeest")
    html = client.get(reverse("info:trainings")).content.decode()
    assert "Vorming EHBO" in html
    assert "Buurtfeest" not in html


def test_vacancies_are_open_volunteering_requests_of_verified_organisations(client, organisation):
    from solidair.core.models import Neighbourhood, Sector
    from solidair.exchange.tests.factories import PostFactory
    from solidair.organisations.tests.factories import OrganisationFactory

    sector = Sector.objects.order_by("pk")[0]
    organisation.sectors.add(sector)
    PostFactory(
        request=True,
        volunteering=True,
        organisation=organisation,
        title="Taalcoach gezocht",
        skills=["Nederlands", "geduld"],
    )
    PostFactory(request=True, volunteering=True, title="Van een burger")
    PostFactory(volunteering=True, organisation=organisation, title="Een aanbod")
    PostFactory(
        request=True,
        volunteering=True,
        organisation=OrganisationFactory(),
        title="Niet geverifieerd",
    )
    PostFactory(
        request=True, volunteering=True, organisation=organisation, closed=True, title="Gesloten"
    )
    url = reverse("info:vacancies")
    html = client.get(url).content.decode()
    assert "Taalcoach gezocht" in html
    for absent in ("Van een burger", "Een aanbod", "Niet geverifieerd", "Gesloten"):
        assert absent not in html
    assert "Taalcoach gezocht" in client.get(f"{url}?sector={sector.slug}").content.decode()
    other = Sector.objects.exclude(pk=sector.pk).order_by("pk")[0]
    assert "Taalcoach gezocht" not in client.get(f"{url}?sector={other.slug}").content.decode()
    assert "Taalcoach gezocht" in client.get(f"{url}?skill=GEDULD").content.decode()
    assert "Taalcoach gezocht" not in client.get(f"{url}?skill=koken").content.decode()
    assert (
        "Taalcoach gezocht"
        in client.get(f"{url}?neighbourhood=rabot-blaisantvest").content.decode()
    )
    other_hood = Neighbourhood.objects.exclude(slug="rabot-blaisantvest").order_by("pk")[0]
    assert (
        "Taalcoach gezocht"
        not in client.get(f"{url}?neighbourhood={other_hood.slug}").content.decode()
    )
    assert "Taalcoach gezocht" in client.get(f"{url}?q=taalcoach").content.decode()


def test_vacancies_with_a_bad_filter_still_answer(client):
    assert client.get(reverse("info:vacancies") + "?sector=nope&page=abc").status_code == 200


def test_the_vacancies_run_a_bounded_number_of_queries(
    client, organisation, django_assert_max_num_queries
):
    from solidair.exchange.tests.factories import PostFactory

    for n in range(25):
        PostFactory(
            request=True, volunteering=True, organisation=organisation, title=f"Vacature {n}"
        )
    with django_assert_max_num_queries(14):
        assert client.get(reverse("info:vacancies")).status_code == 200


# --- API --------------------------------------------------------------------------------------


def test_the_api_lists_published_pages_in_tree_order(client, editor):
    services.create_page(by=editor, data=page_data(is_published=False, slug="verborgen"))
    pages = client.get(reverse("api:list_info_pages")).json()
    paths = [p["path"] for p in pages]
    assert "verborgen" not in paths
    assert paths.index("wat-is-vrijwilligerswerk") + 1 == paths.index(
        "wat-is-vrijwilligerswerk/informatienota"
    )
    child = next(p for p in pages if p["path"].endswith("informatienota"))
    assert child["parent"] == "wat-is-vrijwilligerswerk"
    allowances = next(p for p in pages if p["path"] == "kostenvergoedingen")
    assert "41,48" in allowances["body_html"]
    assert "[[allowance:daily]]" in allowances["body"]
    assert SEED_CEILINGS["year"] == 2024


def test_the_htmx_preview_fills_the_amounts_for_editors_only(client, editor, citizen):
    client.force_login(editor)
    html = client.post(
        reverse("info:preview"), {"body": "[[allowance:yearly]] <script>x</script>"}
    ).content.decode()
    assert "1.659,29" in html
    assert "<script>" not in html
    client.force_login(citizen)
    assert client.post(reverse("info:preview"), {"body": "x"}).status_code == 403
