"""A person's rights over their data: the JSON download and deleting the account."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from solidair.accounts import services
from solidair.accounts.models import Profile, User
from solidair.accounts.privacy import export_personal_data
from solidair.accounts.tokens import create_api_token, user_for_token
from solidair.exchange.models import Message, Post
from solidair.exchange.tests.factories import MessageFactory, PostFactory, ResponseFactory
from solidair.organisations.models import Membership

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def person(citizen: User) -> User:
    citizen.set_password(PASSWORD)
    citizen.save()
    return citizen


@pytest.fixture
def conversation_with_stranger(person: User, stranger: User):
    """The stranger responded to the person's open offer; both wrote a message."""
    post = PostFactory(author=person, title="Kinderfiets 20 inch")
    response = ResponseFactory(post=post, responder=stranger, message="Graag, voor mijn zoon!")
    MessageFactory(conversation=response.conversation, sender=person, body="Kom morgen langs.")
    MessageFactory(
        conversation=response.conversation, sender=stranger, body="Mijn nummer is geheim"
    )
    return response.conversation


# --- the download ------------------------------------------------------------------------------


def test_the_download_holds_what_the_person_wrote_and_not_what_others_wrote(
    person, conversation_with_stranger
):
    data = export_personal_data(user=person)

    assert data["account"]["email"] == person.email
    assert data["profile"]["display_name"] == person.profile.display_name
    assert [p["title"] for p in data["posts"]] == ["Kinderfiets 20 inch"]
    assert [m["body"] for m in data["messages_written"]] == ["Kom morgen langs."]
    dumped = json.dumps(data)
    assert "Mijn nummer is geheim" not in dumped
    assert "Graag, voor mijn zoon!" not in dumped  # the stranger's response is theirs


def test_the_download_lists_memberships_responses_and_reports(
    org_member, organisation, conversation_with_stranger, stranger
):
    data = export_personal_data(user=stranger)
    assert [r["message"] for r in data["responses"]] == ["Graag, voor mijn zoon!"]

    data = export_personal_data(user=org_member)
    assert data["organisation_memberships"] == [
        {
            "organisation": organisation.name,
            "slug": organisation.slug,
            "role": "member",
            "member_since": org_member.memberships.get().created_at.isoformat(),
        }
    ]


def test_the_download_page_is_a_json_attachment_for_the_signed_in_person(client, person):
    client.force_login(person)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["account"]["email"] == person.email


def test_the_download_asks_to_log_in(client):
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 302


# --- deleting the account ---------------------------------------------------------------------


def test_deleting_erases_personal_data_at_once(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.set_avatar(user=person, image=ContentFile(b"jpeg bytes", name="a.jpg"))
    avatar = Profile.objects.get(user=person).avatar.name
    assert default_storage.exists(avatar)
    _, raw = create_api_token(user=person, name="script")
    email = person.email

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(user=person)
    person.refresh_from_db()

    assert person.deleted_at is not None
    assert not person.is_active
    assert not person.has_usable_password()
    assert person.email != email
    assert person.email.endswith(".invalid")
    assert not Profile.objects.filter(user=person).exists()
    assert not default_storage.exists(avatar)
    assert user_for_token(raw) is None
    assert person.display_name == "Deleted user"
    assert not User.objects.filter(email__iexact=email).exists()


def test_deleting_closes_open_posts_and_keeps_messages_for_the_other_party(
    client, person, stranger, conversation_with_stranger, organisation, org_member
):
    own = conversation_with_stranger.post
    for_organisation = PostFactory.create(author=org_member, organisation=organisation)

    services.delete_account(user=person)
    services.delete_account(user=org_member)

    own.refresh_from_db()
    for_organisation.refresh_from_db()
    assert own.status == Post.Status.CLOSED
    assert for_organisation.status == Post.Status.OPEN  # it stays with the organisation
    assert Message.objects.filter(sender=person, body="Kom morgen langs.").exists()
    client.force_login(stranger)
    page = client.get(reverse("exchange:conversation", args=[conversation_with_stranger.pk]))
    assert page.status_code == 200
    assert "Kom morgen langs." in page.content.decode()
    assert "Deleted user" in page.content.decode()
    assert person.email not in page.content.decode()


def test_an_owner_must_hand_over_first_and_nothing_changes(org_admin, organisation):
    with pytest.raises(ValidationError) as excinfo:
        services.delete_account(user=org_admin)
    assert organisation.name in excinfo.value.messages[0]
    org_admin.refresh_from_db()
    assert org_admin.is_active
    assert org_admin.deleted_at is None
    assert Membership.objects.filter(user=org_admin, role="owner").exists()
    assert Profile.objects.filter(user=org_admin).exists()


def test_a_member_leaves_their_organisations(org_member, organisation):
    services.delete_account(user=org_member)
    assert not Membership.objects.filter(user=org_member).exists()


def test_the_delete_page_asks_for_the_password(client, person):
    client.force_login(person)
    url = reverse("accounts:delete")
    assert client.get(url).status_code == 200

    wrong = client.post(url, {"password": "nope", "confirm": "on"})
    assert wrong.status_code == 400
    assert "That is not your password." in wrong.content.decode()
    unconfirmed = client.post(url, {"password": PASSWORD})
    assert unconfirmed.status_code == 400
    person.refresh_from_db()
    assert person.is_active

    done = client.post(url, {"password": PASSWORD, "confirm": "on"}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("core:home")
    assert "Your account and your personal data have been deleted." in done.content.decode()
    person.refresh_from_db()
    assert person.deleted_at is not None
    # The session ended with the account.
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert not client.login(email=person.email, password=PASSWORD)


def test_the_delete_page_tells_an_owner_what_to_do(client, org_admin, organisation):
    org_admin.set_password(PASSWORD)
    org_admin.save()
    client.force_login(org_admin)
    page = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert page.status_code == 400
    assert "Transfer the ownership" in page.content.decode()
    org_admin.refresh_from_db()
    assert org_admin.is_active


def test_an_email_queued_before_the_deletion_is_not_sent(person, mailoutbox):
    from solidair.core.tasks import send_templated_email_task

    services.delete_account(user=person)
    send_templated_email_task.call(
        user_id=person.pk,
        email=None,
        template="exchange_message",
        context={},
        language="en",
    )
    assert mailoutbox == []


def test_deleting_forgets_saved_searches_and_notifications(person):
    from solidair.matching.models import SavedSearch
    from solidair.matching.services import save_search
    from solidair.notifications.models import Notification
    from solidair.notifications.services import notify

    save_search(user=person, query="q=fiets", frequency="daily")
    notify(user=person, kind="test", title="Hallo", url="/posts/")
    data = export_personal_data(user=person)
    assert [s["filters"] for s in data["saved_searches"]] == ["q=fiets"]
    assert [n["title"] for n in data["notifications"]] == ["Hallo"]

    services.delete_account(user=person)

    assert not SavedSearch.objects.filter(user=person).exists()
    assert not Notification.objects.filter(user=person).exists()


def test_deleting_forgets_registrations_past_and_upcoming_and_the_calendar_feed(person):
    from datetime import timedelta

    from django.utils import timezone

    from solidair.activities.models import CalendarFeed, Occurrence, Registration
    from solidair.activities.services import get_or_create_feed
    from solidair.activities.tests.factories import RegistrationFactory

    upcoming = RegistrationFactory.create(user=person)
    past = RegistrationFactory.create(user=person)
    Occurrence.objects.filter(pk=past.occurrence_id).update(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3, hours=-2),
    )
    get_or_create_feed(user=person)
    someone_else = RegistrationFactory.create(occurrence=upcoming.occurrence)

    services.delete_account(user=person)

    assert not Registration.objects.filter(user=person).exists()
    assert not CalendarFeed.objects.filter(user=person).exists()
    assert Registration.objects.filter(pk=someone_else.pk).exists()


def test_the_download_holds_reports_made_and_decisions_but_not_who_reported(
    person, stranger, moderator
):
    from solidair.moderation import services as moderation

    post = PostFactory.create(author=stranger)
    moderation.report_content(
        reporter=person, kind="post", pk=post.pk, reason="scam", remark="Vraagt geld"
    )
    mine = PostFactory.create(author=person)
    report = moderation.report_content(reporter=stranger, kind="post", pk=mine.pk, reason="spam")
    moderation.decide_report(
        moderator=moderator,
        report=report,
        decision=moderation.Decision(content="hide", remark="Reclame"),
    )

    data = export_personal_data(user=person)

    assert [(r["reason"], r["remark"]) for r in data["reports_made"]] == [("scam", "Vraagt geld")]
    assert [d["action"] for d in data["moderation_decisions_about_me"]] == ["hidden"]
    assert stranger.display_name not in json.dumps(data["moderation_decisions_about_me"])
