"""The acceptance test of the groups: a closed group's content (topics, replies, member
list) never reaches a non-member through any channel of the groups app: pages, htmx
fragments, search, the API, notification emails and digests, in-app notifications, error
messages. Probed as an anonymous visitor, a stranger, a pending applicant, a refused
applicant, a member who left and a removed member (who loses access at once)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from solidair.groups import services
from solidair.groups.models import GroupMembership

pytestmark = pytest.mark.django_db

# Words that occur only in the closed group's content (topic title and text, reply).
SECRETS = ("Geheimschrift", "ZWAVELZUUR", "ALZHEIMERDETAIL", "KAMFERBALLEN")
OUTSIDERS = ("anonymous", "stranger", "applicant", "refused", "departed", "removed")


def client_for(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def api_client_for(user) -> tuple[Client, dict[str, str]]:
    from solidair.accounts.tokens import create_api_token

    client = Client(headers={"accept-language": "en"})
    if user is None:
        return client, {}
    _token, raw = create_api_token(user=user, name="probe")
    return client, {"Authorization": f"Bearer {raw}"}


def assert_no_secret(response, where: str, *, searched: str = "") -> None:
    """No secret in the answer; a word the probe searched for may be echoed back (in the
    search box, the language switcher's return URL), so it is not counted."""
    text = response.content.decode()
    for secret in SECRETS:
        if secret == searched:
            continue
        assert secret not in text, f"{where} leaks {secret}"


def normalised(response, pk: int) -> str:
    text = response.content.decode().replace(f"/{pk}/", "/N/")
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1T", text)


def content_urls(group, topic, reply) -> dict[str, str]:
    slug = group.slug
    return {
        "topic": reverse("groups:topic", args=[slug, topic.pk]),
        "topic_edit": reverse("groups:topic_edit", args=[slug, topic.pk]),
        "reply_edit": reverse("groups:reply_edit", args=[slug, topic.pk, reply.pk]),
        "topic_create": reverse("groups:topic_create", args=[slug]),
        "members": reverse("groups:members", args=[slug]),
    }


@pytest.mark.parametrize("who", OUTSIDERS)
def test_pages_and_fragments_show_an_outsider_nothing_of_a_closed_group(
    who, outsiders, closed_group, secret_topic, secret_reply
):
    client = client_for(outsiders[who])
    detail = reverse("groups:detail", args=[closed_group.slug])
    page = client.get(detail)
    assert page.status_code == 200  # the group's existence and description are public
    assert_no_secret(page, "group page")
    assert "only its members can read" in page.content.decode()
    for word in ("ZWAVELZUUR", "KAMFERBALLEN"):
        for headers in ({"HX-Request": "true"}, {}):
            response = client.get(f"{detail}?q={word}&page=1", headers=headers)
            assert_no_secret(response, f"search {word} {headers}", searched=word)
    directory = client.get(reverse("groups:directory") + "?q=ZWAVELZUUR")
    assert_no_secret(directory, "directory search", searched="ZWAVELZUUR")
    assert "0 groups found" in directory.content.decode()
    for name, url in content_urls(closed_group, secret_topic, secret_reply).items():
        response = client.get(url)
        assert_no_secret(response, name)
        if who == "anonymous" and name not in ("topic", "members"):
            assert response.status_code == 302  # to the login page, which says nothing
        else:
            assert response.status_code == 404, f"{name} answered {response.status_code}"
    if who != "anonymous":
        assert_no_secret(client.get(reverse("groups:mine")), "my groups")


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_hidden_topic_answers_exactly_like_a_missing_one(
    who, outsiders, closed_group, secret_topic, secret_reply
):
    client = client_for(outsiders[who])
    hidden_pk, missing_pk = secret_topic.pk, secret_topic.pk + 999
    hidden = client.get(reverse("groups:topic", args=[closed_group.slug, hidden_pk]))
    missing = client.get(reverse("groups:topic", args=[closed_group.slug, missing_pk]))
    assert hidden.status_code == missing.status_code == 404
    # The same page, but for the URL it echoes (the language switcher's return address)
    # and the per-request CSRF token of a signed-in visitor.
    assert normalised(hidden, hidden_pk) == normalised(missing, missing_pk)
    api, headers = api_client_for(outsiders[who])
    url = f"/api/v1/groups/{closed_group.slug}/topics/{{}}/replies"
    hidden_api = api.get(url.format(secret_topic.pk), headers=headers)
    missing_api = api.get(url.format(secret_topic.pk + 999), headers=headers)
    assert hidden_api.status_code == missing_api.status_code == 404
    assert hidden_api.json() == missing_api.json()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_writing_into_a_closed_group_fails_for_an_outsider_without_a_trace(
    who, outsiders, closed_group, secret_topic, secret_reply
):
    client = client_for(outsiders[who])
    slug = closed_group.slug
    posts = [
        reverse("groups:topic", args=[slug, secret_topic.pk]),
        reverse("groups:topic_create", args=[slug]),
        reverse("groups:topic_delete", args=[slug, secret_topic.pk]),
        reverse("groups:topic_moderate", args=[slug, secret_topic.pk]),
        reverse("groups:reply_delete", args=[slug, secret_topic.pk, secret_reply.pk]),
    ]
    for url in posts:
        response = client.post(url, {"body": "Ingebroken", "title": "x", "action": "pin"})
        assert response.status_code in (302, 404), f"{url}: {response.status_code}"
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login"))
        assert_no_secret(response, url)
    secret_topic.refresh_from_db()
    assert not secret_topic.pinned
    assert secret_topic.replies.count() == 1
    assert closed_group.topics.count() == 1


@pytest.mark.parametrize("who", OUTSIDERS)
def test_the_api_shows_an_outsider_nothing_of_a_closed_group(
    who, outsiders, closed_group, secret_topic, secret_reply
):
    api, headers = api_client_for(outsiders[who])
    slug = closed_group.slug
    for url in (
        f"/api/v1/groups/{slug}/topics",
        f"/api/v1/groups/{slug}/topics?q=KAMFERBALLEN",
        f"/api/v1/groups/{slug}/members",
        f"/api/v1/groups/{slug}/topics/{secret_topic.pk}/replies",
    ):
        response = api.get(url, headers=headers)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Not found."}, url
    listing = api.get("/api/v1/groups?q=ZWAVELZUUR", headers=headers)
    assert listing.status_code == 200
    assert listing.json()["count"] == 0
    public = api.get(f"/api/v1/groups/{slug}", headers=headers)
    assert public.status_code == 200
    assert_no_secret(public, "group in the API")
    if who != "anonymous":
        write = api.post(
            f"/api/v1/groups/{slug}/topics/{secret_topic.pk}/replies",
            data={"body": "Ingebroken"},
            content_type="application/json",
            headers=headers,
        )
        assert write.status_code == 404
        assert secret_topic.replies.count() == 1


def test_new_messages_reach_active_members_only(
    outsiders, closed_group, org_admin, volunteer, secret_topic, django_capture_on_commit_callbacks
):
    from solidair.notifications.models import Notification

    Notification.objects.all().delete()  # the refusal notice of the setup is not content
    GroupMembership.objects.filter(group=closed_group).update(notify="every")
    for user in outsiders.values():
        if user is not None:
            # Even people who want every email of every group they were ever in.
            GroupMembership.objects.filter(user=user).update(notify="every")
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_to_topic(
            topic=secret_topic,
            author=volunteer,
            body="KAMFERBALLEN @Aanvrager @Verwijderd @Geweigerd @Vertrokken @Onbekende",
        )
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {org_admin.email}
    mail.outbox.clear()
    assert services.send_group_digests() == 0
    GroupMembership.objects.filter(user__in=[u for u in outsiders.values() if u]).update(
        notify="daily"
    )
    services.send_group_digests()
    assert {address for message in mail.outbox for address in message.to} <= {org_admin.email}

    outsider_ids = [u.pk for u in outsiders.values() if u is not None]
    assert not Notification.objects.filter(user__in=outsider_ids).exists()


def test_a_removed_member_loses_access_at_once(closed_group, org_admin, volunteer, secret_topic):
    client = client_for(volunteer)
    url = reverse("groups:topic", args=[closed_group.slug, secret_topic.pk])
    assert client.get(url).status_code == 200
    services.remove_member(
        membership=GroupMembership.objects.get(group=closed_group, user=volunteer), by=org_admin
    )
    response = client.get(url)
    assert response.status_code == 404
    assert_no_secret(response, "topic after removal")
    assert client.get(reverse("groups:members", args=[closed_group.slug])).status_code == 404


def test_closing_an_open_group_hides_its_content_at_once(open_group, org_admin, stranger):
    from .factories import TopicFactory

    topic = TopicFactory.create(group=open_group, author=org_admin, title="ZWAVELZUUR")
    client = client_for(stranger)
    url = reverse("groups:topic", args=[open_group.slug, topic.pk])
    assert client.get(url).status_code == 200
    services.update_group(group=open_group, by=org_admin, data={"visibility": "closed"})
    assert client.get(url).status_code == 404
    assert_no_secret(client.get(reverse("groups:detail", args=[open_group.slug])), "page")


def test_city_staff_have_no_backdoor_into_a_closed_group(
    closed_group, secret_topic, editor, moderator, admin_client
):
    for person in (editor, moderator):
        response = client_for(person).get(
            reverse("groups:topic", args=[closed_group.slug, secret_topic.pk])
        )
        assert response.status_code == 404
    # The admin site lists groups, never their discussions or members.
    response = admin_client.get(reverse("admin:groups_group_change", args=[closed_group.pk]))
    assert response.status_code == 200
    assert_no_secret(response, "admin site")
    assert "Jan Vrijwilliger" not in response.content.decode()


def test_visible_content_for_is_the_one_rule_other_apps_use(
    outsiders, closed_group, open_group, org_admin, volunteer, editor, secret_topic, secret_reply
):
    from django.contrib.auth.models import AnonymousUser

    from solidair.groups.models import Group, Reply, Topic

    def visible(user) -> set[str]:
        return set(Group.objects.visible_content_for(user).values_list("slug", flat=True))

    assert visible(org_admin) == visible(volunteer) == {closed_group.slug, open_group.slug}
    for user in [AnonymousUser(), editor, *[u for u in outsiders.values() if u]]:
        assert visible(user) == {open_group.slug}
        assert not Topic.objects.visible_to(user).filter(pk=secret_topic.pk).exists()
        assert not Reply.objects.visible_to(user).filter(pk=secret_reply.pk).exists()
    assert Topic.objects.visible_to(volunteer).filter(pk=secret_topic.pk).exists()
    # An inactive account sees what an anonymous visitor sees.
    volunteer.is_active = False
    volunteer.save()
    assert visible(volunteer) == {open_group.slug}
