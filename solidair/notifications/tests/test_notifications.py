"""In-app notifications: the notify service, the list page with mark-read, the header badge
and the API."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidair.notifications import services
from solidair.notifications.models import Notification
from solidair.notifications.querysets import unread_count

pytestmark = pytest.mark.django_db


def test_notify_writes_in_the_recipients_language(citizen):
    citizen.profile.preferred_language = "nl"
    citizen.profile.save()
    # An existing msgid with a Dutch translation: "Requests and offers" → "Vragen en aanbod".
    notification = services.notify(
        user=citizen, kind="test", title=_("Requests and offers"), url="/posts/"
    )
    assert notification is not None
    assert notification.title == "Vragen en aanbod"


def test_notify_fills_placeholders_after_translating(citizen):
    notification = services.notify(
        user=citizen,
        kind="test",
        title=_("%(name)s responded to “%(title)s”"),
        params={"name": "Jan", "title": "Fiets"},
    )
    assert notification is not None
    assert notification.title == "Jan responded to “Fiets”"


def test_a_key_notifies_once_and_inactive_people_get_nothing(citizen):
    assert services.notify(user=citizen, kind="test", title="A", key="event:1") is not None
    assert services.notify(user=citizen, kind="test", title="A", key="event:1") is None
    citizen.is_active = False
    citizen.save()
    assert services.notify(user=citizen, kind="test", title="B") is None
    assert Notification.objects.count() == 1


def test_long_texts_are_clipped(citizen):
    notification = services.notify(user=citizen, kind="test", title="x" * 500, body="y" * 900)
    assert notification is not None
    assert len(notification.title) == 200
    assert len(notification.body) == 500


def test_the_list_shows_only_ones_own_newest_first(client, citizen, stranger):
    services.notify(user=citizen, kind="test", title="First")
    services.notify(user=citizen, kind="test", title="Second")
    services.notify(user=stranger, kind="test", title="Not yours")
    client.force_login(citizen)
    page = client.get(reverse("notifications:list")).content.decode()
    assert page.index("Second") < page.index("First")
    assert "Not yours" not in page


def test_the_header_shows_the_unread_count(client, citizen):
    services.notify(user=citizen, kind="test", title="One")
    services.notify(user=citizen, kind="test", title="Two")
    client.force_login(citizen)
    page = client.get(reverse("core:home")).content.decode()
    assert "data-notifications-unread>2<" in page


def test_opening_marks_read_and_follows_the_link(client, citizen):
    notification = services.notify(user=citizen, kind="test", title="Go", url="/posts/")
    assert notification is not None
    client.force_login(citizen)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/posts/"
    notification.refresh_from_db()
    assert notification.is_read


def test_a_foreign_link_is_not_followed(client, citizen):
    notification = services.notify(
        user=citizen, kind="test", title="Go", url="https://evil.example/"
    )
    assert notification is not None
    client.force_login(citizen)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_someone_elses_notification_is_a_404(client, citizen, stranger):
    notification = services.notify(user=citizen, kind="test", title="Mine")
    assert notification is not None
    client.force_login(stranger)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_mark_one_and_mark_all_read(client, citizen):
    one = services.notify(user=citizen, kind="test", title="One")
    services.notify(user=citizen, kind="test", title="Two")
    assert one is not None
    client.force_login(citizen)
    client.post(reverse("notifications:read", args=[one.pk]))
    assert unread_count(citizen) == 1
    unread_page = client.get(reverse("notifications:list") + "?show=unread").content.decode()
    assert "Two" in unread_page
    assert ">One<" not in unread_page
    response = client.post(reverse("notifications:read_all"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("notifications:list")
    assert unread_count(citizen) == 0


def test_the_list_runs_a_bounded_number_of_queries(client, citizen, django_assert_max_num_queries):
    for i in range(60):
        services.notify(user=citizen, kind="test", title=f"Notification {i}", url="/posts/")
    client.force_login(citizen)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("notifications:list"))
    assert len(page.context["notifications"]) == 25


# --- API ----------------------------------------------------------------------------------------


def _auth(user):
    from solidair.accounts.tokens import create_api_token

    return {"Authorization": f"Bearer {create_api_token(user=user, name='t')[1]}"}


def test_the_api_lists_counts_and_marks_read(client, citizen, stranger):
    first = services.notify(user=citizen, kind="test", title="One", url="/posts/")
    services.notify(user=citizen, kind="test", title="Two")
    services.notify(user=stranger, kind="test", title="Not yours")
    assert first is not None
    headers = _auth(citizen)
    listing = client.get("/api/v1/notifications", headers=headers).json()
    assert [item["title"] for item in listing["items"]] == ["Two", "One"]
    assert listing["items"][1]["url"] == "http://testserver/posts/"
    assert client.get("/api/v1/notifications/unread-count", headers=headers).json() == {"unread": 2}
    read = client.post(f"/api/v1/notifications/{first.pk}/read", headers=headers).json()
    assert read["read_at"] is not None
    unread = client.get("/api/v1/notifications?unread=true", headers=headers).json()
    assert [item["title"] for item in unread["items"]] == ["Two"]
    assert client.post("/api/v1/notifications/read-all", headers=headers).json() == {"marked": 1}


def test_the_api_refuses_anonymous_and_foreign_access(client, citizen, stranger):
    notification = services.notify(user=citizen, kind="test", title="Mine")
    assert notification is not None
    assert client.get("/api/v1/notifications").status_code == 401
    response = client.post(f"/api/v1/notifications/{notification.pk}/read", headers=_auth(stranger))
    assert response.status_code == 404
    assert "detail" in response.json()
