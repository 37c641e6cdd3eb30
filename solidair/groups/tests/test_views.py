"""Pages: the directory (filters, search, htmx, pagination), a group's page, creating,
joining, discussing, moderating, and bad input answered with a message, never a 500."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from solidair.accounts.tests.factories import UserFactory
from solidair.core.models import Neighbourhood, Sector
from solidair.groups.models import Group, GroupMembership, Reply, Topic

from .factories import GroupFactory, ReplyFactory, TopicFactory, member

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


# --- directory ----------------------------------------------------------------------------


def test_the_directory_filters_by_theme_neighbourhood_visibility_and_words(client):
    welfare = Sector.objects.get(slug="welfare")
    ledeberg = Neighbourhood.objects.get(slug="ledeberg")
    GroupFactory.create(name="Fietsherstellers Ledeberg", neighbourhood=ledeberg, theme=welfare)
    GroupFactory.create(name="Mantelzorgers", visibility="closed", theme=welfare)
    GroupFactory.create(name="Taalcoaches", description="Oefenen met Nederlands")
    url = reverse("groups:directory")

    def names(query: str) -> list[str]:
        response = client.get(url + query)
        assert response.status_code == 200
        return [group.name for group in response.context["groups"]]

    assert names("") == ["Fietsherstellers Ledeberg", "Mantelzorgers", "Taalcoaches"]
    assert names("?theme=welfare") == ["Fietsherstellers Ledeberg", "Mantelzorgers"]
    assert names("?neighbourhood=ledeberg") == ["Fietsherstellers Ledeberg"]
    assert names("?visibility=closed") == ["Mantelzorgers"]
    assert names("?visibility=open&theme=welfare") == ["Fietsherstellers Ledeberg"]
    assert names("?q=nederlands") == ["Taalcoaches"]
    # A hand-edited URL is ignored, not an error.
    assert len(names("?theme=unknown&visibility=secret&page=abc")) == 3


def test_the_directory_answers_htmx_with_the_results_only(client):
    GroupFactory.create(name="Buren van Rabot")
    response = client.get(reverse("groups:directory"), headers={"HX-Request": "true"})
    text = response.content.decode()
    assert text.lstrip().startswith('<section id="results"')
    assert "Buren van Rabot" in text
    assert "HX-Request" in response["Vary"]


def test_the_directory_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    theme = Sector.objects.get(slug="housing")
    for index in range(30):
        group = GroupFactory.create(theme=theme, neighbourhood=Neighbourhood.objects.first())
        for _ in range(index % 3):
            member(group, UserFactory.create())
    with django_assert_max_num_queries(8):
        response = client.get(reverse("groups:directory"))
    assert len(response.context["groups"]) == 20
    assert "Page 1 of 2" in response.content.decode()


# --- a group's page -------------------------------------------------------------------------


def test_a_group_page_lists_pinned_topics_first_in_bounded_queries(
    client, open_group, org_admin, django_assert_max_num_queries
):
    for index in range(40):
        topic = TopicFactory.create(
            group=open_group, author=UserFactory.create(), title=f"Onderwerp {index}"
        )
        ReplyFactory.create_batch(2, topic=topic)
    pinned = TopicFactory.create(
        group=open_group, author=org_admin, title="Huisregels", pinned=True
    )
    login(client, org_admin)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("groups:detail", args=[open_group.slug]))
    topics = list(response.context["topics"])
    assert topics[0] == pinned
    assert len(topics) == 25


def test_a_topic_page_runs_a_bounded_number_of_queries(
    client, open_group, org_admin, django_assert_max_num_queries
):
    topic = TopicFactory.create(group=open_group, author=org_admin)
    for _ in range(60):
        ReplyFactory.create(topic=topic, author=UserFactory.create())
    login(client, org_admin)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("groups:topic", args=[open_group.slug, topic.pk]))
    assert len(response.context["replies"]) == 50


def test_a_members_page_runs_a_bounded_number_of_queries(
    client, closed_group, org_admin, django_assert_max_num_queries
):
    for _ in range(30):
        member(closed_group, UserFactory.create())
    for _ in range(5):
        member(closed_group, UserFactory.create(), state="requested")
    login(client, org_admin)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("groups:members", args=[closed_group.slug]))
    assert len(response.context["requests"]) == 5
    # Display names only: no email address on the page.
    assert "@example.org" not in response.content.decode()


def test_the_group_page_answers_htmx_with_the_topics_only(client, open_group, org_admin):
    TopicFactory.create(group=open_group, title="Fietsen herstellen", author=org_admin)
    TopicFactory.create(group=open_group, title="Koken", author=org_admin)
    response = client.get(
        reverse("groups:detail", args=[open_group.slug]) + "?q=fiets",
        headers={"HX-Request": "true"},
    )
    text = response.content.decode()
    assert text.lstrip().startswith('<div id="topics"')
    assert "Fietsen herstellen" in text
    assert "Koken" not in text
    assert "HX-Request" in response["Vary"]


def test_searching_a_groups_discussions(client, open_group, org_admin):
    hit = TopicFactory.create(group=open_group, title="Fietsen herstellen", author=org_admin)
    reply_hit = TopicFactory.create(group=open_group, title="Zaterdag", author=org_admin)
    ReplyFactory.create(topic=reply_hit, body="Ik breng een fietspomp mee")
    TopicFactory.create(group=open_group, title="Koken", author=org_admin)
    response = client.get(reverse("groups:detail", args=[open_group.slug]) + "?q=fiets")
    assert set(response.context["topics"]) == {hit, reply_hit}


# --- creating ---------------------------------------------------------------------------


def test_creating_a_group_with_the_form(client, citizen):
    login(client, citizen)
    response = client.post(
        reverse("groups:create"),
        {
            "name": "Buurtmoestuin Dampoort",
            "description": "Samen **tuinieren**.",
            "visibility": "closed",
            "theme": Sector.objects.get(slug="environment").pk,
            "neighbourhood": Neighbourhood.objects.get(slug="dampoort").pk,
        },
    )
    group = Group.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:detail", args=[group.slug])
    assert group.visibility == "closed"
    page = client.get(response["Location"]).content.decode()
    assert "<strong>tuinieren</strong>" in page


def test_a_bad_image_is_refused_with_a_message_and_nothing_is_created(client, citizen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, citizen)
    response = client.post(
        reverse("groups:create"),
        {
            "name": "X",
            "description": "x",
            "visibility": "open",
            "image": SimpleUploadedFile("photo.jpg", b"<svg onload=alert(1)>", "image/jpeg"),
        },
    )
    assert response.status_code == 200
    assert "not an image" in response.content.decode()
    assert not Group.objects.exists()


def test_an_admin_edits_the_group_and_a_member_may_not(client, closed_group, org_admin, volunteer):
    url = reverse("groups:edit", args=[closed_group.slug])
    assert login(client, volunteer).get(url).status_code == 403
    login(client, org_admin)
    response = client.post(
        url, {"name": "Nieuwe naam", "description": "Nieuw", "visibility": "closed"}
    )
    assert response.status_code == 302
    closed_group.refresh_from_db()
    assert (closed_group.name, closed_group.slug) == ("Nieuwe naam", "mantelzorgers")


# --- joining ------------------------------------------------------------------------------


def test_joining_an_open_group_from_its_page(client, open_group, citizen):
    login(client, citizen)
    response = client.post(reverse("groups:join", args=[open_group.slug]))
    assert response.status_code == 302
    assert GroupMembership.objects.get(group=open_group, user=citizen).state == "active"
    # Twice: a message, nothing changes.
    response = client.post(reverse("groups:join", args=[open_group.slug]), follow=True)
    assert "already a member" in response.content.decode()
    assert GroupMembership.objects.filter(group=open_group, user=citizen).count() == 1


def test_asking_to_join_a_closed_group_needs_a_motivation(client, closed_group, citizen):
    login(client, citizen)
    url = reverse("groups:join", args=[closed_group.slug])
    response = client.post(url, {"motivation": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not GroupMembership.objects.filter(user=citizen).exists()
    client.post(url, {"motivation": "Ik zorg voor mijn moeder."})
    assert GroupMembership.objects.get(user=citizen).state == "requested"


def test_an_admin_accepts_a_request_on_the_members_page(client, closed_group, org_admin, citizen):
    request = member(closed_group, citizen, state="requested")
    login(client, org_admin)
    page = client.get(reverse("groups:members", args=[closed_group.slug]))
    assert citizen.display_name in page.content.decode()
    client.post(
        reverse("groups:decide", args=[closed_group.slug, request.pk]), {"action": "accept"}
    )
    request.refresh_from_db()
    assert request.state == "active"
    assert any(citizen.email in message.to for message in mail.outbox)


def test_approving_as_a_plain_member_is_forbidden(client, closed_group, volunteer, citizen):
    request = member(closed_group, citizen, state="requested")
    login(client, volunteer)
    response = client.post(
        reverse("groups:decide", args=[closed_group.slug, request.pk]), {"action": "accept"}
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.state == "requested"


def test_an_unknown_decision_is_a_bad_request(client, closed_group, org_admin, citizen):
    request = member(closed_group, citizen, state="requested")
    login(client, org_admin)
    response = client.post(
        reverse("groups:decide", args=[closed_group.slug, request.pk]), {"action": "maybe"}
    )
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.state == "requested"


def test_the_owner_is_told_why_they_cannot_leave(client, closed_group, org_admin):
    login(client, org_admin)
    response = client.post(reverse("groups:leave", args=[closed_group.slug]), follow=True)
    assert "hand the group over" in response.content.decode()
    assert GroupMembership.objects.get(user=org_admin, group=closed_group).state == "active"


def test_choosing_the_email_preference(client, closed_group, volunteer):
    login(client, volunteer)
    url = reverse("groups:notifications", args=[closed_group.slug])
    client.post(url, {"notify": "off"})
    assert GroupMembership.objects.get(user=volunteer, group=closed_group).notify == "off"
    response = client.post(url, {"notify": "hourly"}, follow=True)
    assert "Choose every message" in response.content.decode()
    assert GroupMembership.objects.get(user=volunteer, group=closed_group).notify == "off"


# --- discussing ------------------------------------------------------------------------------


def test_a_member_starts_a_topic_and_replies(client, closed_group, volunteer):
    login(client, volunteer)
    response = client.post(
        reverse("groups:topic_create", args=[closed_group.slug]),
        {"title": "Respijtzorg", "body": "Wie heeft *ervaring*?"},
    )
    topic = Topic.objects.get()
    assert response["Location"] == reverse("groups:topic", args=[closed_group.slug, topic.pk])
    response = client.post(response["Location"], {"body": "Ik! <script>alert(1)</script>"})
    reply = Reply.objects.get()
    assert response["Location"].endswith(f"#reply-{reply.pk}")
    page = client.get(reverse("groups:topic", args=[closed_group.slug, topic.pk]))
    text = page.content.decode()
    assert "<em>ervaring</em>" in text
    assert "<script>alert(1)" not in text
    topic.refresh_from_db()
    assert topic.reply_count == 1


def test_an_empty_or_huge_message_is_refused_with_a_message(client, closed_group, volunteer):
    login(client, volunteer)
    url = reverse("groups:topic_create", args=[closed_group.slug])
    assert client.post(url, {"title": "", "body": ""}).status_code == 200
    response = client.post(url, {"title": "x" * 151, "body": "x"})
    assert "at most 150 characters" in response.content.decode()
    assert not Topic.objects.exists()


def test_replying_to_a_locked_topic_is_refused(client, closed_group, volunteer, secret_topic):
    secret_topic.locked = True
    secret_topic.save()
    login(client, volunteer)
    url = reverse("groups:topic", args=[closed_group.slug, secret_topic.pk])
    response = client.post(url, {"body": "Toch nog iets"})
    assert response.status_code == 400
    assert "locked" in response.content.decode()
    assert not Reply.objects.exists()


def test_a_visitor_of_an_open_group_must_join_before_replying(client, open_group, citizen):
    topic = TopicFactory.create(group=open_group)
    login(client, citizen)
    response = client.post(
        reverse("groups:topic", args=[open_group.slug, topic.pk]), {"body": "Hallo"}
    )
    assert response.status_code == 400
    assert "Join the group" in response.content.decode()
    assert not Reply.objects.exists()


def test_authors_edit_and_delete_their_own_messages_only(
    client, closed_group, volunteer, org_admin, secret_topic, secret_reply
):
    slug = closed_group.slug
    login(client, volunteer)
    # Not someone else's reply.
    assert (
        client.get(
            reverse("groups:reply_edit", args=[slug, secret_topic.pk, secret_reply.pk])
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("groups:reply_delete", args=[slug, secret_topic.pk, secret_reply.pk])
        ).status_code
        == 403
    )
    # Their own topic.
    client.post(
        reverse("groups:topic_edit", args=[slug, secret_topic.pk]),
        {"title": "Nieuwe titel", "body": "Nieuwe tekst"},
    )
    secret_topic.refresh_from_db()
    assert (secret_topic.title, secret_topic.edited_at is not None) == ("Nieuwe titel", True)
    own = Reply.objects.create(topic=secret_topic, author=volunteer, body="Oeps")
    client.post(reverse("groups:reply_edit", args=[slug, secret_topic.pk, own.pk]), {"body": "Ok"})
    own.refresh_from_db()
    assert own.body == "Ok"
    client.post(reverse("groups:reply_delete", args=[slug, secret_topic.pk, own.pk]))
    assert not Reply.objects.filter(pk=own.pk).exists()
    # An administrator removes anyone's reply.
    login(client, org_admin)
    client.post(reverse("groups:reply_delete", args=[slug, secret_topic.pk, secret_reply.pk]))
    assert not Reply.objects.exists()


def test_admins_pin_and_lock_and_members_cannot(client, closed_group, volunteer, org_admin):
    topic = TopicFactory.create(group=closed_group, author=volunteer)
    url = reverse("groups:topic_moderate", args=[closed_group.slug, topic.pk])
    assert login(client, volunteer).post(url, {"action": "pin"}).status_code == 403
    login(client, org_admin)
    client.post(url, {"action": "pin"})
    client.post(url, {"action": "lock"})
    topic.refresh_from_db()
    assert (topic.pinned, topic.locked) == (True, True)
    assert client.post(url, {"action": "explode"}).status_code == 400


def test_admins_remove_members_and_appoint_admins(client, closed_group, org_admin, volunteer):
    target = GroupMembership.objects.get(group=closed_group, user=volunteer)
    login(client, org_admin)
    client.post(
        reverse("groups:member_role", args=[closed_group.slug, target.pk]), {"role": "admin"}
    )
    assert GroupMembership.objects.get(pk=target.pk).role == "admin"
    response = client.post(
        reverse("groups:member_role", args=[closed_group.slug, target.pk]),
        {"role": "owner"},
        follow=True,
    )
    assert "Choose administrator or member" in response.content.decode()
    client.post(reverse("groups:member_remove", args=[closed_group.slug, target.pk]))
    assert GroupMembership.objects.get(pk=target.pk).state == "removed"


def test_an_invitation_is_accepted_from_its_link(client, closed_group, org_admin, citizen):
    login(client, org_admin)
    client.post(reverse("groups:invite", args=[closed_group.slug]), {"email": citizen.email})
    invitation = closed_group.invitations.get()
    login(client, citizen)
    url = reverse("groups:invitation", args=[invitation.token])
    assert "Accept and join" in client.get(url).content.decode()
    client.post(url, {"action": "accept"})
    assert GroupMembership.objects.get(group=closed_group, user=citizen).state == "active"
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 400
    assert "already" in response.content.decode()


def test_the_owner_hands_the_group_over(client, closed_group, org_admin, volunteer):
    target = GroupMembership.objects.get(group=closed_group, user=volunteer)
    login(client, org_admin)
    client.post(
        reverse("groups:transfer", args=[closed_group.slug]),
        {"membership": target.pk, "confirm": "on"},
    )
    assert GroupMembership.objects.get(pk=target.pk).role == "owner"
