"""Pages: the suggestions panel on the owner's post page, one-click reaction, the page with
all suggestions, saved searches; and the matches API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from solidair.exchange.models import Response
from solidair.exchange.tests.factories import PostFactory
from solidair.matching.models import SavedSearch
from solidair.notifications.models import Notification

from .conftest import goods

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(volunteer, publish):
    return publish(volunteer)


def test_the_owner_sees_fitting_offers_with_reasons(client, citizen, bike_request, offer):
    client.force_login(citizen)
    page = client.get(bike_request.get_absolute_url()).content.decode()
    assert "Offers that fit your request" in page
    assert offer.title in page
    assert "Same neighbourhood" in page
    assert "Same category: Bicycles" in page
    assert reverse("exchange:respond", args=[offer.pk]) in page


def test_others_do_not_see_the_panel(client, stranger, bike_request, offer):
    client.force_login(stranger)
    page = client.get(bike_request.get_absolute_url()).content.decode()
    assert "Offers that fit your request" not in page


def test_one_click_reacts_through_the_respond_flow_and_the_owner_hears_it(
    client, citizen, volunteer, bike_request, offer
):
    client.force_login(citizen)
    panel = client.get(bike_request.get_absolute_url())
    card = next(c for c in panel.context["suggestions"] if c.post.pk == offer.pk)
    response = client.post(
        reverse("exchange:respond", args=[offer.pk]), {"message": card.react_message}
    )
    reaction = Response.objects.get(post=offer, responder=citizen)
    assert response.status_code == 302
    assert response["Location"] == reverse("exchange:conversation", args=[reaction.conversation_id])
    assert bike_request.title in reaction.message
    notification = Notification.objects.get(user=volunteer, kind="exchange.response")
    assert "Fatima" in notification.title
    # Afterwards the panel says so instead of offering to react again.
    page = client.get(bike_request.get_absolute_url()).content.decode()
    assert "You already reacted." in page


def test_the_page_with_all_suggestions_is_the_owners(
    client, citizen, stranger, bike_request, offer
):
    url = reverse("matching:post_matches", args=[bike_request.pk])
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(citizen)
    page = client.get(url)
    assert page.status_code == 200
    assert offer.title in page.content.decode()


def test_the_detail_page_runs_a_bounded_number_of_queries(
    client, citizen, bike_request, django_assert_max_num_queries
):
    for i in range(40):
        PostFactory(
            category=bike_request.category,
            title=f"Fiets nummer {i}",
            body="Een fiets voor een volwassene.",
        )
    client.force_login(citizen)
    with django_assert_max_num_queries(40):
        page = client.get(bike_request.get_absolute_url())
    assert len(page.context["suggestions"]) == 5


def test_the_list_offers_to_save_the_search(client):
    page = client.get(reverse("exchange:list") + "?q=fiets").content.decode()
    assert reverse("matching:alert_create") + "?q=fiets" in page


def test_saving_a_search_from_the_list(client, citizen):
    client.force_login(citizen)
    form = client.get(reverse("matching:alert_create") + "?q=fiets&kind=offer&page=2")
    assert form.status_code == 200
    assert "q=fiets" in form.content.decode()
    response = client.post(
        reverse("matching:alert_create"),
        {"query": "kind=offer&q=fiets", "frequency": "instant", "name": ""},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=citizen)
    assert saved.frequency == "instant"
    assert saved.query == "q=fiets&kind=offer"
    listing = client.get(reverse("matching:alerts")).content.decode()
    assert saved.name in listing
    assert reverse("exchange:list") + "?q=fiets&amp;kind=offer" in listing


def test_saving_nothing_is_refused_with_a_message(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("matching:alert_create"), {"query": "", "frequency": "daily"})
    assert response.status_code == 400
    assert "at least one filter" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_changing_and_deleting_a_saved_search(client, citizen, stranger):
    from solidair.matching.services import save_search

    saved = save_search(user=citizen, query="q=fiets", frequency="daily")
    client.force_login(stranger)
    assert client.post(reverse("matching:alert_delete", args=[saved.pk])).status_code == 404
    client.force_login(citizen)
    client.post(
        reverse("matching:alert_update", args=[saved.pk]),
        {f"s{saved.pk}-name": "Fietsen", f"s{saved.pk}-frequency": "instant"},
    )
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("Fietsen", "instant")
    client.post(reverse("matching:alert_delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


# --- API ----------------------------------------------------------------------------------------


def _token(user):
    from solidair.accounts.tokens import create_api_token

    return {"Authorization": f"Bearer {create_api_token(user=user, name='t')[1]}"}


def test_the_api_lists_matches_best_first_with_reasons(
    client, citizen, volunteer, bike_request, offer, publish
):
    far = publish(volunteer, title="Fiets", body="Een fiets.", neighbourhood="zwijnaarde")
    url = f"/api/v1/posts/{bike_request.pk}/matches?limit=5"
    data = client.get(url, headers=_token(citizen)).json()
    ids = [item["post"]["id"] for item in data["items"]]
    assert ids[0] == offer.pk
    assert far.pk in ids
    first = data["items"][0]
    assert 0 < first["score"] <= 1
    assert "Same neighbourhood" in first["reasons"]
    assert first["post"]["title"] == offer.title
    assert first["post"]["kind"] == "offer"
    assert "email" not in str(first["post"])


def test_the_api_answers_only_the_posts_managers(client, stranger, bike_request):
    url = f"/api/v1/posts/{bike_request.pk}/matches"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=_token(stranger)).status_code == 404
    assert client.get("/api/v1/posts/999999/matches", headers=_token(stranger)).status_code == 404


def test_the_api_validates_the_limit(client, citizen, bike_request):
    url = f"/api/v1/posts/{bike_request.pk}/matches?limit=500"
    response = client.get(url, headers=_token(citizen))
    assert response.status_code == 422
    assert client.get(url.replace("500", "abc"), headers=_token(citizen)).status_code == 422


def test_the_api_speaks_the_callers_language(client, citizen, bike_request, offer):
    url = f"/api/v1/posts/{bike_request.pk}/matches"
    data = client.get(url, headers={**_token(citizen), "Accept-Language": "nl"}).json()
    assert goods()["title"] == data["items"][0]["post"]["title"]
    # The category inside a reason is named in Dutch ("Fietsen", not "Bicycles").
    assert any("Fietsen" in reason for reason in data["items"][0]["reasons"])


def test_the_saved_searches_page_runs_a_bounded_number_of_queries(
    client, citizen, django_assert_max_num_queries
):
    from solidair.matching.services import MAX_SAVED_SEARCHES, save_search

    for i in range(MAX_SAVED_SEARCHES):
        save_search(user=citizen, query=f"q=woord{i}&category=bicycles", frequency="daily")
    client.force_login(citizen)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("matching:alerts"))
    assert page.content.decode().count('class="card saved-search') == MAX_SAVED_SEARCHES


def test_the_suggestions_page_runs_a_bounded_number_of_queries(
    client, citizen, bike_request, django_assert_max_num_queries
):
    for i in range(30):
        PostFactory(category=bike_request.category, title=f"Fiets {i}", body="Een fiets.")
    client.force_login(citizen)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("matching:post_matches", args=[bike_request.pk]))
    assert len(page.context["cards"]) == 20


def test_not_a_fit_hides_a_suggestion_for_that_post(client, citizen, stranger, bike_request, offer):
    url = reverse("matching:dismiss", args=[bike_request.pk, offer.pk])
    client.force_login(stranger)
    assert client.post(url).status_code == 404
    client.force_login(citizen)
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == bike_request.get_absolute_url()
    page = client.get(bike_request.get_absolute_url())
    assert all(card.post.pk != offer.pk for card in page.context["suggestions"])
    assert client.post(url).status_code == 302  # twice changes nothing
    api = client.get(f"/api/v1/posts/{bike_request.pk}/matches", headers=_token(citizen)).json()
    assert offer.pk not in [item["post"]["id"] for item in api["items"]]
