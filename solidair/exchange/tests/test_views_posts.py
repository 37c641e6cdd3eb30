"""The exchange pages about posts: list and search, the form with its preview, the
detail page and the owner's actions."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from solidair.exchange import services
from solidair.exchange.models import Post, PostPhoto, Response
from solidair.exchange.tests.conftest import post_data
from solidair.exchange.tests.factories import PostFactory, ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    # The pages answer in the browser's language; assertions read the English source strings.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def jpeg(name: str = "fiets.jpg", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def form_data(**overrides: object) -> dict[str, object]:
    """What the post form sends for a goods offer of a bicycle."""
    data: dict[str, object] = {
        "kind": "offer",
        "nature": "goods",
        "title": "Kinderfiets te geef",
        "body": "Een blauwe fiets voor een kind van 6 jaar.",
        "category": "bicycles",
        "neighbourhood": "rabot-blaisantvest",
        "target_groups": ["families"],
        "quantity": "1",
        "starts_on": "",
        "ends_on": "",
        "languages": ["nl"],
        "skills": "",
        "time_commitment": "",
        "hours": "",
    }
    data.update(overrides)
    return data


# --- the list -----------------------------------------------------------------------------


def test_the_list_answers_for_everyone(client):
    PostFactory.create(title="Stevige tafel")
    response = client.get(reverse("exchange:list"))
    assert response.status_code == 200
    assert "Stevige tafel" in response.content.decode()
    assert "1 post found" in response.content.decode()


def test_the_list_shows_only_open_posts(client):
    PostFactory.create(title="Open tafel")
    PostFactory.create(title="Kladversie", draft=True)
    PostFactory.create(title="Gesloten kast", closed=True)
    PostFactory.create(title="Verlopen bed", expired=True)
    page = client.get(reverse("exchange:list")).content.decode()
    assert "Open tafel" in page
    for hidden in ("Kladversie", "Gesloten kast", "Verlopen bed"):
        assert hidden not in page


def test_searching_velo_finds_a_post_that_says_fiets(client):
    PostFactory.create(title="Fiets voor een kind", body="Blauw, in goede staat.")
    PostFactory.create(title="Stevige tafel")
    page = client.get(reverse("exchange:list"), {"q": "velo"}).content.decode()
    assert "Fiets voor een kind" in page
    assert "Stevige tafel" not in page


def test_filters_narrow_the_list(client):
    from solidair.core.models import Language, TargetGroup

    PostFactory.create(title="Tafel in Rabot")
    PostFactory.create(
        title="Taalcoach gezocht",
        request=True,
        volunteering=True,
        languages=[Language.objects.get(code="ar")],
        target_groups=[TargetGroup.objects.get(slug="refugees")],
    )
    url = reverse("exchange:list")
    cases = [
        ({"kind": "request"}, "Taalcoach gezocht", "Tafel in Rabot"),
        ({"kind": "offer"}, "Tafel in Rabot", "Taalcoach gezocht"),
        ({"nature": "volunteering"}, "Taalcoach gezocht", "Tafel in Rabot"),
        ({"category": "furniture"}, "Tafel in Rabot", "Taalcoach gezocht"),
        ({"language": "ar"}, "Taalcoach gezocht", "Tafel in Rabot"),
        ({"target_group": "refugees"}, "Taalcoach gezocht", "Tafel in Rabot"),
    ]
    for params, shown, hidden in cases:
        page = client.get(url, params).content.decode()
        assert shown in page, params
        assert hidden not in page, params


def test_the_period_filter_keeps_overlapping_posts(client):
    from datetime import date

    PostFactory.create(title="Zomerkamp", starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 31))
    PostFactory.create(title="Kerstpakket", starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 24))
    page = client.get(
        reverse("exchange:list"), {"period_from": "2026-07-15", "period_to": "2026-08-15"}
    ).content.decode()
    assert "Zomerkamp" in page
    assert "Kerstpakket" not in page


def test_a_neighbourhood_filter_narrows_the_list(client):
    from solidair.core.models import Neighbourhood

    PostFactory.create(title="Tafel in Rabot")
    PostFactory.create(
        title="Kast in Ledeberg", neighbourhood=Neighbourhood.objects.get(slug="ledeberg")
    )
    page = client.get(reverse("exchange:list"), {"neighbourhood": "ledeberg"}).content.decode()
    assert "Kast in Ledeberg" in page
    assert "Tafel in Rabot" not in page


def test_an_unknown_category_slug_is_ignored_not_a_500(client):
    PostFactory.create(title="Stevige tafel")
    response = client.get(
        reverse("exchange:list"),
        {"category": "<script>", "language": "xx", "period_from": "gisteren", "page": "abc"},
    )
    assert response.status_code == 200
    assert "Stevige tafel" in response.content.decode()


def test_htmx_gets_only_the_results_fragment(client):
    PostFactory.create(title="Stevige tafel")
    response = client.get(reverse("exchange:list"), {"q": "tafel"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="results"' in page
    assert "Stevige tafel" in page
    assert "<html" not in page
    assert "HX-Request" in response["Vary"]


def test_the_list_is_paginated_and_pages_keep_the_filters(client):
    PostFactory.create_batch(25, title="Stoel")
    page = client.get(reverse("exchange:list"), {"q": "stoel"}).content.decode()
    assert "25 posts found" in page
    assert page.count('class="card card--link post-card"') == 20
    assert "q=stoel&amp;page=2" in page
    second = client.get(reverse("exchange:list"), {"q": "stoel", "page": 2}).content.decode()
    assert second.count('class="card card--link post-card"') == 5


def test_a_long_list_counts_up_to_a_cap_and_says_more_than(client, monkeypatch):
    from solidair.exchange.views import posts as post_views

    monkeypatch.setattr(post_views, "MAX_COUNTED", 3)
    PostFactory.create_batch(5, title="Stoel")
    page = client.get(reverse("exchange:list"), {"q": "stoel"}).content.decode()
    assert "More than 3 posts found" in page
    # Paging stops at the cap (+1); narrower filters reach the rest.
    assert page.count('class="card card--link post-card"') == 4


def test_an_empty_result_shows_the_empty_state(client):
    page = client.get(reverse("exchange:list"), {"q": "olifant"}).content.decode()
    assert "0 posts found" in page
    assert "Nothing found" in page


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    from django.core.files.base import ContentFile

    for post in PostFactory.create_batch(35):
        photo = PostPhoto(post=post, alt_text="Een tafel")
        photo.image.save("t.jpg", ContentFile(jpeg().read()), save=True)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("exchange:list"), {"nature": "goods", "q": "tafel"})
    assert response.status_code == 200


def test_the_list_for_a_signed_in_user_runs_a_bounded_number_of_queries(
    client, citizen, django_assert_max_num_queries
):
    PostFactory.create_batch(35)
    client.force_login(citizen)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("exchange:list"))
    assert response.status_code == 200


# --- the detail page ------------------------------------------------------------------------


def test_the_detail_page_shows_the_post_but_never_the_posters_email(client, offer, citizen):
    response = client.get(reverse("exchange:detail", args=[offer.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Houten tafel" in page
    assert "<strong>stevige</strong>" in page
    assert "Fatima" in page
    assert reverse("accounts:person", args=[citizen.pk]) in page
    assert citizen.email not in page


def test_an_organisation_post_links_the_organisation(client, org_post, organisation):
    page = client.get(reverse("exchange:detail", args=[org_post.pk])).content.decode()
    assert reverse("organisations:detail", args=[organisation.slug]) in page
    assert "Verified" in page


def test_script_in_markdown_is_neutralised_on_the_page(client, citizen):
    post = services.create_post(
        author=citizen,
        data=post_data(body='Hallo <script>alert("x")</script> [klik](javascript:alert(1))'),
    )
    page = client.get(reverse("exchange:detail", args=[post.pk])).content.decode()
    assert "<script>alert" not in page
    assert 'href="javascript' not in page


def test_a_draft_is_hidden_from_others(client, citizen, stranger):
    post = services.create_post(author=citizen, data=post_data(), publish=False)
    client.force_login(stranger)
    assert client.get(reverse("exchange:detail", args=[post.pk])).status_code == 404


def test_a_visitor_sees_the_react_form_and_the_owner_the_manage_panel(
    client, offer, volunteer, citizen
):
    client.force_login(volunteer)
    page = client.get(reverse("exchange:detail", args=[offer.pk])).content.decode()
    assert "I&#x27;m interested" in page or "I'm interested" in page
    assert reverse("exchange:respond", args=[offer.pk]) in page
    assert reverse("exchange:close", args=[offer.pk]) not in page

    client.force_login(citizen)
    page = client.get(reverse("exchange:detail", args=[offer.pk])).content.decode()
    assert reverse("exchange:close", args=[offer.pk]) in page
    assert reverse("exchange:respond", args=[offer.pk]) not in page


def test_a_request_asks_i_can_help(client, org_post, volunteer):
    client.force_login(volunteer)
    page = client.get(reverse("exchange:detail", args=[org_post.pk])).content.decode()
    assert "I can help" in page


def test_the_detail_page_runs_a_bounded_number_of_queries(
    client, offer, citizen, volunteer, django_assert_max_num_queries
):
    for _ in range(30):
        ResponseFactory.create(post=offer)
    PostFactory.create_batch(30)
    client.force_login(citizen)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("exchange:detail", args=[offer.pk])).status_code == 200
    client.force_login(volunteer)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("exchange:detail", args=[offer.pk])).status_code == 200


# --- posting: draft, preview, publish ---------------------------------------------------------


def test_posting_needs_a_login(client):
    response = client.get(reverse("exchange:create"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_posting_needs_a_verified_email(client):
    from solidair.accounts.tests.factories import UserFactory

    client.force_login(UserFactory.create(verified=False))
    response = client.post(reverse("exchange:create"), form_data())
    assert response.status_code == 302
    assert not Post.objects.exists()


def test_the_form_saves_a_draft_and_shows_its_preview_then_publishes(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("exchange:create"), {**form_data(), "photo_1": jpeg(), "alt_1": "Blauwe fiets"}
    )
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    assert post.status == Post.Status.DRAFT
    assert post.author == citizen
    assert post.photos.get().alt_text == "Blauwe fiets"

    preview = client.get(post.get_absolute_url()).content.decode()
    assert "Preview of your post" in preview
    assert reverse("exchange:publish", args=[post.pk]) in preview
    assert 'alt="Blauwe fiets"' in preview
    # Not findable yet.
    assert "Kinderfiets te geef" not in client.get(reverse("exchange:list")).content.decode()

    client.post(reverse("exchange:publish", args=[post.pk]))
    post.refresh_from_db()
    assert post.status == Post.Status.OPEN
    assert "Kinderfiets te geef" in client.get(reverse("exchange:list")).content.decode()


def test_the_form_defaults_to_the_acting_organisation(client, org_admin, organisation):
    client.force_login(org_admin)
    session = client.session
    session["acting_organisation"] = organisation.slug
    session.save()
    page = client.get(reverse("exchange:create")).content.decode()
    assert f'<option value="{organisation.slug}" selected>' in page


def test_posting_on_behalf_of_an_organisation(client, org_admin, organisation):
    client.force_login(org_admin)
    client.post(reverse("exchange:create"), form_data(organisation=organisation.slug))
    assert Post.objects.get().organisation == organisation


def test_posting_for_an_organisation_one_does_not_belong_to_is_refused(client, org_admin):
    from solidair.organisations.tests.factories import OrganisationFactory

    other = OrganisationFactory.create(name="Andere vzw")
    client.force_login(org_admin)
    response = client.post(reverse("exchange:create"), form_data(organisation=other.slug))
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_someone_without_organisations_always_posts_as_themselves(client, citizen, organisation):
    client.force_login(citizen)
    assert 'name="organisation"' not in client.get(reverse("exchange:create")).content.decode()
    client.post(reverse("exchange:create"), form_data(organisation=organisation.slug))
    assert Post.objects.get().organisation is None


@pytest.mark.parametrize(
    ("overrides", "field_text"),
    [
        ({"quantity": "-3"}, "Quantity"),
        (
            {"starts_on": "2026-05-10", "ends_on": "2026-05-01"},
            "The end date cannot be before the start date.",
        ),
        ({"category": "language-coaching"}, "Choose a category of the same kind"),
        ({"category": "bestaat-niet"}, "Category"),
        ({"title": ""}, "Title"),
        ({"neighbourhood": "atlantis"}, "Neighbourhood"),
    ],
)
def test_bad_input_shows_errors_and_saves_nothing(client, citizen, overrides, field_text):
    client.force_login(citizen)
    response = client.post(reverse("exchange:create"), form_data(**overrides))
    assert response.status_code == 400
    assert "Please check the form" in response.content.decode()
    assert field_text in response.content.decode()
    assert not Post.objects.exists()


def test_a_10_mb_photo_is_refused_and_nothing_is_saved(client, citizen):
    client.force_login(citizen)
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024), "image/jpeg")
    response = client.post(reverse("exchange:create"), {**form_data(), "photo_1": big})
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not Post.objects.exists()
    assert not PostPhoto.objects.exists()


def test_a_file_that_is_no_image_is_refused_and_nothing_is_saved(client, citizen):
    client.force_login(citizen)
    fake = SimpleUploadedFile("fiets.jpg", b"<svg onload=alert(1)></svg>", "image/jpeg")
    response = client.post(reverse("exchange:create"), {**form_data(), "photo_1": fake})
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_volunteering_fields_are_saved(client, citizen):
    client.force_login(citizen)
    client.post(
        reverse("exchange:create"),
        form_data(
            kind="request",
            nature="volunteering",
            category="homework-help",
            quantity="",
            skills="wiskunde, geduld",
            time_commitment="recurring",
            hours="2",
            languages=["nl", "ar"],
        ),
    )
    post = Post.objects.get()
    assert post.skills == ["wiskunde", "geduld"]
    assert post.time_commitment == "recurring"
    assert post.hours == 2
    assert set(post.languages.values_list("code", flat=True)) == {"nl", "ar"}


# --- editing and the owner's actions ------------------------------------------------------------


def test_the_owner_edits_a_post(client, offer, citizen):
    client.force_login(citizen)
    page = client.get(reverse("exchange:edit", args=[offer.pk])).content.decode()
    assert 'value="Houten tafel"' in page
    response = client.post(
        reverse("exchange:edit", args=[offer.pk]),
        form_data(category="furniture", title="Ronde tafel", quantity="2"),
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Ronde tafel"


def test_a_stranger_cannot_edit_close_or_accept(client, offer, stranger, volunteer):
    response_obj = services.respond_to_post(post=offer, responder=volunteer, message="Graag!")
    client.force_login(stranger)
    assert client.get(reverse("exchange:edit", args=[offer.pk])).status_code == 403
    assert (
        client.post(
            reverse("exchange:edit", args=[offer.pk]), form_data(title="Gekaapt")
        ).status_code
        == 403
    )
    assert client.post(reverse("exchange:close", args=[offer.pk])).status_code == 403
    assert client.post(reverse("exchange:accept", args=[response_obj.pk])).status_code == 404
    offer.refresh_from_db()
    response_obj.refresh_from_db()
    assert offer.title == "Houten tafel"
    assert offer.status == Post.Status.OPEN
    assert response_obj.accepted_at is None


def test_editing_a_draft_of_someone_else_is_a_404(client, citizen, stranger):
    post = services.create_post(author=citizen, data=post_data(), publish=False)
    client.force_login(stranger)
    assert client.get(reverse("exchange:edit", args=[post.pk])).status_code == 404


def test_close_reopen_and_extend(client, offer, citizen):
    client.force_login(citizen)
    client.post(reverse("exchange:close", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == Post.Status.CLOSED
    client.post(reverse("exchange:reopen", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == Post.Status.OPEN
    before = offer.expires_at
    client.post(reverse("exchange:extend", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.expires_at > before


def test_actions_need_post(client, offer, citizen):
    client.force_login(citizen)
    assert client.get(reverse("exchange:close", args=[offer.pk])).status_code == 405
    offer.refresh_from_db()
    assert offer.status == Post.Status.OPEN


def test_marking_partly_and_then_fully_fulfilled(client, offer, citizen):
    client.force_login(citizen)
    client.post(reverse("exchange:fulfil", args=[offer.pk]), {"quantity": "1"})
    offer.refresh_from_db()
    assert offer.quantity_open == 1
    assert offer.status == Post.Status.OPEN
    client.post(reverse("exchange:fulfil", args=[offer.pk]), {"quantity": ""})
    offer.refresh_from_db()
    assert offer.status == Post.Status.FULFILLED


def test_fulfilling_more_than_is_open_is_refused(client, offer, citizen):
    client.force_login(citizen)
    response = client.post(reverse("exchange:fulfil", args=[offer.pk]), {"quantity": "5"})
    assert response.status_code == 400
    offer.refresh_from_db()
    assert offer.quantity_open == 2


def test_removing_a_photo(client, citizen):
    client.force_login(citizen)
    client.post(reverse("exchange:create"), {**form_data(), "photo_1": jpeg()})
    post = Post.objects.get()
    photo = post.photos.get()
    page = client.get(reverse("exchange:edit", args=[post.pk])).content.decode()
    assert reverse("exchange:photo_delete", args=[post.pk, photo.pk]) in page
    client.post(reverse("exchange:photo_delete", args=[post.pk, photo.pk]))
    assert not PostPhoto.objects.exists()


# --- responding ---------------------------------------------------------------------------------


def test_responding_opens_the_conversation(client, offer, volunteer):
    client.force_login(volunteer)
    response = client.post(
        reverse("exchange:respond", args=[offer.pk]), {"message": "Ik kom ze graag halen."}
    )
    conversation = offer.conversations.get()
    assert response.status_code == 302
    assert response["Location"] == conversation.get_absolute_url()
    assert conversation.responder == volunteer


def test_responding_to_ones_own_post_is_refused_with_a_message(client, offer, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("exchange:respond", args=[offer.pk]), {"message": "Hallo"}, follow=True
    )
    assert "You cannot respond to your own post." in response.content.decode()
    assert not Response.objects.exists()


def test_responding_to_a_closed_post_is_refused_with_a_message(client, offer, citizen, volunteer):
    services.close_post(post=offer, by=citizen)
    client.force_login(volunteer)
    response = client.post(
        reverse("exchange:respond", args=[offer.pk]), {"message": "Hallo"}, follow=True
    )
    assert "no longer accepts responses" in response.content.decode()
    assert not Response.objects.exists()


def test_an_empty_response_is_refused(client, offer, volunteer):
    client.force_login(volunteer)
    response = client.post(reverse("exchange:respond", args=[offer.pk]), {"message": "  "})
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_responding_twice_links_the_conversation(client, offer, volunteer):
    services.respond_to_post(post=offer, responder=volunteer, message="Graag!")
    client.force_login(volunteer)
    page = client.get(reverse("exchange:detail", args=[offer.pk])).content.decode()
    assert "Go to the conversation" in page
    client.post(reverse("exchange:respond", args=[offer.pk]), {"message": "Nog eens"})
    assert Response.objects.count() == 1


def test_a_list_url_with_empty_fields_redirects_to_the_short_one(client):
    response = client.get(reverse("exchange:list"), {"q": "fiets", "kind": "", "category": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("exchange:list") + "?q=fiets"


def test_htmx_pushes_the_short_url(client):
    response = client.get(
        reverse("exchange:list"), {"q": "fiets", "kind": ""}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Push-Url"] == reverse("exchange:list") + "?q=fiets"


def test_another_admin_of_the_organisation_manages_its_post(
    client, org_post, org_second_admin, org_member
):
    client.force_login(org_member)
    assert client.post(reverse("exchange:close", args=[org_post.pk])).status_code == 403
    org_post.refresh_from_db()
    assert org_post.status == Post.Status.OPEN
    client.force_login(org_second_admin)
    client.post(reverse("exchange:close", args=[org_post.pk]))
    org_post.refresh_from_db()
    assert org_post.status == Post.Status.CLOSED


def test_posting_is_rate_limited(client, citizen, settings):
    settings.RATELIMIT_ENABLE = True
    settings.POST_RATE = "1/h"
    client.force_login(citizen)
    assert client.post(reverse("exchange:create"), form_data()).status_code == 302
    assert client.post(reverse("exchange:create"), form_data(title="Tweede")).status_code == 429
    assert Post.objects.count() == 1
