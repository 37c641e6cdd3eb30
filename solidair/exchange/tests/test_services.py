"""The rules of solidair.exchange.services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from solidair.accounts.tests.factories import UserFactory
from solidair.exchange import services
from solidair.exchange.models import (
    Conversation,
    ConversationRead,
    Match,
    Message,
    Post,
    Response,
)
from solidair.organisations.tests.factories import OrganisationFactory

from .conftest import post_data
from .factories import PostFactory

pytestmark = pytest.mark.django_db


def field_errors(excinfo):
    return excinfo.value.message_dict


# --- creating --------------------------------------------------------------------------------


def test_it_creates_an_open_post_with_its_relations(citizen):
    post = services.create_post(author=citizen, data=post_data())
    assert post.status == Post.Status.OPEN
    assert post.published_at is not None
    assert post.quantity == post.quantity_open == 2
    assert sorted(lang.code for lang in post.languages.all()) == ["ar", "nl"]
    assert [group.slug for group in post.target_groups.all()] == ["families"]
    assert post.expires_at > timezone.now() + timedelta(weeks=7, days=6)
    assert " tafel " in post.search_document


def test_it_saves_a_draft_to_preview(citizen):
    post = services.create_post(author=citizen, data=post_data(), publish=False)
    assert post.status == Post.Status.DRAFT
    assert post.published_at is None
    assert post not in Post.objects.open()


def test_the_expiry_follows_the_setting(citizen, settings):
    settings.POST_EXPIRY_WEEKS = 2
    post = services.create_post(author=citizen, data=post_data())
    assert post.expires_at < timezone.now() + timedelta(weeks=2, minutes=1)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"category": "no-such-category"}, "category"),
        ({"neighbourhood": "atlantis"}, "neighbourhood"),
        ({"category": "transport"}, "category"),  # volunteering category for goods
        ({"quantity": -1}, "quantity"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": "many"}, "quantity"),
        ({"starts_on": date(2030, 5, 2), "ends_on": date(2030, 5, 1)}, "ends_on"),
        ({"starts_on": "yesterday"}, "starts_on"),
        ({"languages": ["xx"]}, "languages"),
        ({"target_groups": ["aliens"]}, "target_groups"),
        ({"kind": "gift"}, "kind"),
        ({"nature": "money"}, "nature"),
        ({"title": ""}, "title"),
        ({"title": "ab"}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"body": "   "}, "body"),
        ({"skills": ["koken"]}, "skills"),  # goods have no skills
        ({"hours": 3}, "hours"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(citizen, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        services.create_post(author=citizen, data=post_data(**overrides))
    assert field in field_errors(excinfo)
    assert not Post.objects.exists()


def test_quantity_is_for_goods_only(citizen):
    data = post_data(nature="volunteering", category="transport", quantity=3)
    with pytest.raises(ValidationError) as excinfo:
        services.create_post(author=citizen, data=data)
    assert "quantity" in field_errors(excinfo)


def test_volunteering_keeps_skills_time_commitment_and_hours(volunteer):
    data = post_data(
        nature="volunteering",
        category="transport",
        quantity=None,
        skills="rijbewijs B, geduld,  rijbewijs B",
        time_commitment="once",
        hours=3,
    )
    post = services.create_post(author=volunteer, data=data)
    assert post.skills == ["rijbewijs B", "geduld"]
    assert post.time_commitment == "once"
    assert post.hours == 3
    assert " rijbewijs " in post.search_document


def test_it_posts_on_behalf_of_an_organisation_the_author_belongs_to(org_admin, organisation):
    post = services.create_post(author=org_admin, data=post_data(), organisation=organisation.slug)
    assert post.organisation == organisation


def test_it_refuses_an_organisation_the_author_does_not_belong_to(citizen, organisation):
    with pytest.raises(ValidationError) as excinfo:
        services.create_post(author=citizen, data=post_data(), organisation=organisation)
    assert "organisation" in field_errors(excinfo)


def test_it_refuses_posting_for_a_rejected_organisation(citizen):
    from solidair.organisations.tests.factories import MembershipFactory

    rejected = OrganisationFactory.create(rejected=True)
    MembershipFactory.create(organisation=rejected, user=citizen, role="owner")
    with pytest.raises(ValidationError):
        services.create_post(author=citizen, data=post_data(), organisation=rejected)


def test_the_markdown_body_is_stored_as_written(citizen):
    post = services.create_post(
        author=citizen, data=post_data(body="<script>alert(1)</script> **tafel**")
    )
    assert post.body == "<script>alert(1)</script> **tafel**"


# --- lifecycle -------------------------------------------------------------------------------


def test_a_draft_is_published(citizen):
    post = services.create_post(author=citizen, data=post_data(), publish=False)
    services.publish_post(post=post, by=citizen)
    post.refresh_from_db()
    assert post.status == Post.Status.OPEN
    assert post.published_at is not None


def test_an_update_changes_only_the_given_fields_and_reindexes(offer, citizen):
    services.update_post(post=offer, by=citizen, data={"title": "Kinderfiets"})
    offer.refresh_from_db()
    assert offer.title == "Kinderfiets"
    assert offer.body == "Een **stevige** tafel, op te halen."
    assert " fiet " in offer.search_document
    assert sorted(lang.code for lang in offer.languages.all()) == ["ar", "nl"]


def test_an_update_revalidates_the_result(offer, citizen):
    with pytest.raises(ValidationError) as excinfo:
        services.update_post(post=offer, by=citizen, data={"category": "transport"})
    assert "category" in field_errors(excinfo)
    with pytest.raises(ValidationError):
        services.update_post(
            post=offer,
            by=citizen,
            data={"starts_on": date(2030, 1, 10), "ends_on": date(2030, 1, 9)},
        )
    offer.refresh_from_db()
    assert offer.category.slug == "furniture"
    assert offer.starts_on is None


def test_changing_the_quantity_keeps_what_was_given(offer, citizen):
    services.update_post(post=offer, by=citizen, data={"quantity": 5})
    services.mark_fulfilled(post=offer, by=citizen, quantity=2)
    services.update_post(post=offer, by=citizen, data={"quantity": 4})
    offer.refresh_from_db()
    assert (offer.quantity, offer.quantity_open) == (4, 2)


def test_nobody_but_the_owner_and_org_admins_edits(offer, org_post, stranger, org_member):
    for post, person in [(offer, stranger), (org_post, stranger), (org_post, org_member)]:
        with pytest.raises(PermissionDenied):
            services.update_post(post=post, by=person, data={"title": "Gekaapt"})
        for action in (services.close_post, services.reopen_post, services.extend_post):
            with pytest.raises(PermissionDenied):
                action(post=post, by=person)
    offer.refresh_from_db()
    assert offer.title == "Houten tafel"
    assert offer.status == Post.Status.OPEN


def test_an_org_admin_edits_the_organisations_post(org_post, org_second_admin):
    services.update_post(post=org_post, by=org_second_admin, data={"title": "Taalmaatje"})
    org_post.refresh_from_db()
    assert org_post.title == "Taalmaatje"


def test_close_and_reopen(offer, citizen):
    services.close_post(post=offer, by=citizen)
    assert offer.status == Post.Status.CLOSED
    assert offer not in Post.objects.open()
    services.reopen_post(post=offer, by=citizen)
    assert offer.status == Post.Status.OPEN
    assert offer in Post.objects.open()


def test_extend_pushes_the_expiry_and_reopens_an_expired_post(offer, citizen):
    Post.objects.filter(pk=offer.pk).update(
        status=Post.Status.EXPIRED, expires_at=timezone.now() - timedelta(days=1)
    )
    offer.refresh_from_db()
    services.extend_post(post=offer, by=citizen, weeks=4)
    assert offer.status == Post.Status.OPEN
    assert offer.expires_at > timezone.now() + timedelta(weeks=3, days=6)
    assert offer.expiry_reminded_at is None


@pytest.mark.parametrize("weeks", [0, -1, 27])
def test_extend_refuses_a_silly_number_of_weeks(offer, citizen, weeks):
    with pytest.raises(ValidationError):
        services.extend_post(post=offer, by=citizen, weeks=weeks)


def test_partly_fulfilled_lowers_the_quantity_then_fulfils(offer, citizen):
    services.mark_fulfilled(post=offer, by=citizen, quantity=1)
    assert (offer.quantity_open, offer.status) == (1, Post.Status.OPEN)
    with pytest.raises(ValidationError):
        services.mark_fulfilled(post=offer, by=citizen, quantity=2)
    services.mark_fulfilled(post=offer, by=citizen, quantity=1)
    assert (offer.quantity_open, offer.status) == (0, Post.Status.FULFILLED)


def test_fulfilled_without_quantity_closes_the_post(org_post, org_admin):
    services.mark_fulfilled(post=org_post, by=org_admin)
    assert org_post.status == Post.Status.FULFILLED
    with pytest.raises(ValidationError):
        services.mark_fulfilled(post=org_post, by=org_admin, quantity=1)


# --- responding and conversations --------------------------------------------------------------


def test_a_response_opens_a_conversation_and_emails_the_poster(offer, volunteer, citizen):
    response = services.respond_to_post(post=offer, responder=volunteer, message="Ik wil ze!")
    conversation = response.conversation
    assert conversation.responder == volunteer
    assert list(conversation.messages.values_list("body", flat=True)) == ["Ik wil ze!"]
    assert len(mail.outbox) == 1
    email = cast(EmailMultiAlternatives, mail.outbox[0])
    assert email.to == [citizen.email]
    assert "Jan Vrijwilliger" in email.subject
    assert volunteer.email not in email.body
    assert volunteer.email not in str(email.alternatives[0][0])
    assert f"/messages/{conversation.pk}/" in email.body
    assert "unsubscribe" in email.body.lower()
    assert email.alternatives[0][1] == "text/html"


def test_an_org_post_response_reaches_the_org_admins_not_plain_members(
    org_post, org_admin, org_second_admin, org_member, volunteer
):
    services.respond_to_post(post=org_post, responder=volunteer, message="Ik help graag.")
    recipients = sorted(address for email in mail.outbox for address in email.to)
    assert recipients == sorted([org_admin.email, org_second_admin.email])


@pytest.mark.parametrize("frequency", ["daily", "never"])
def test_it_respects_the_email_preference(offer, volunteer, citizen, frequency):
    citizen.profile.email_messages = frequency
    citizen.profile.save()
    services.respond_to_post(post=offer, responder=volunteer, message="Hallo")
    assert mail.outbox == []


def test_it_refuses_a_response_to_ones_own_post(offer, citizen):
    with pytest.raises(ValidationError, match="own post"):
        services.respond_to_post(post=offer, responder=citizen, message="Ik zelf")
    assert not Response.objects.exists()


def test_an_org_admin_cannot_respond_to_the_organisations_post(org_post, org_second_admin):
    with pytest.raises(ValidationError):
        services.respond_to_post(post=org_post, responder=org_second_admin, message="Hoi")


@pytest.mark.parametrize("trait", ["closed", "expired", "draft"])
def test_it_refuses_a_response_to_a_post_that_is_not_open(volunteer, trait):
    post = PostFactory.create(**{trait: True})
    with pytest.raises(ValidationError, match="closed"):
        services.respond_to_post(post=post, responder=volunteer, message="Nog?")
    assert not Conversation.objects.exists()


def test_it_refuses_a_second_response(offer, volunteer):
    services.respond_to_post(post=offer, responder=volunteer, message="Eerste")
    with pytest.raises(ValidationError, match="already responded"):
        services.respond_to_post(post=offer, responder=volunteer, message="Tweede")
    assert Response.objects.count() == 1


def test_it_refuses_an_empty_response(offer, volunteer):
    with pytest.raises(ValidationError):
        services.respond_to_post(post=offer, responder=volunteer, message="   ")


def test_messages_go_to_the_other_participants(offer, volunteer, citizen):
    response = services.respond_to_post(post=offer, responder=volunteer, message="Hallo")
    mail.outbox.clear()
    services.send_message(conversation=response.conversation, sender=citizen, body="Welkom!")
    assert [email.to for email in mail.outbox] == [[volunteer.email]]
    assert "Welkom!" in mail.outbox[0].body
    assert citizen.email not in mail.outbox[0].body


def test_only_participants_send_messages(offer, volunteer, stranger, org_admin):
    response = services.respond_to_post(post=offer, responder=volunteer, message="Hallo")
    for outsider in (stranger, org_admin):
        with pytest.raises(PermissionDenied):
            services.send_message(conversation=response.conversation, sender=outsider, body="Hi")
    assert Message.objects.count() == 1


def unread(user):
    return vars(Conversation.objects.for_participant(user).get())["unread_count"]


def test_unread_counts_follow_reading(offer, volunteer, citizen):
    response = services.respond_to_post(post=offer, responder=volunteer, message="Hallo")
    conversation = response.conversation
    inbox = Conversation.objects.for_participant(citizen)
    assert vars(inbox.get())["unread_count"] == 1
    assert unread(volunteer) == 0
    services.mark_conversation_read(conversation=conversation, user=citizen)
    assert unread(citizen) == 0
    services.send_message(conversation=conversation, sender=volunteer, body="Nog iets")
    assert unread(citizen) == 1
    assert ConversationRead.objects.filter(user=volunteer).count() == 1


# --- matches and outcomes ----------------------------------------------------------------------


def test_accepting_a_response_records_a_match_once(offer, volunteer, citizen):
    response = services.respond_to_post(post=offer, responder=volunteer, message="Hallo")
    mail.outbox.clear()
    match = services.accept_response(response=response, by=citizen)
    assert match.counterpart == volunteer
    assert match.conversation == response.conversation
    assert services.accept_response(response=response, by=citizen) == match
    assert Match.objects.count() == 1
    assert [email.to for email in mail.outbox] == [[volunteer.email]]


def test_only_the_poster_side_accepts(offer, volunteer, stranger):
    response = services.respond_to_post(post=offer, responder=volunteer, message="Hallo")
    for person in (stranger, volunteer):
        with pytest.raises(PermissionDenied):
            services.accept_response(response=response, by=person)
    assert not Match.objects.exists()


def test_each_party_answers_the_outcome_once(offer, volunteer, citizen, stranger):
    response = services.respond_to_post(post=offer, responder=volunteer, message="Hallo")
    match = services.accept_response(response=response, by=citizen)
    services.record_match_outcome(match=match, user=volunteer, answer="yes")
    services.record_match_outcome(match=match, user=citizen, answer="partly")
    match.refresh_from_db()
    assert (match.responder_answer, match.poster_answer) == ("yes", "partly")
    with pytest.raises(ValidationError):
        services.record_match_outcome(match=match, user=citizen, answer="no")
    with pytest.raises(PermissionDenied):
        services.record_match_outcome(match=match, user=stranger, answer="no")
    with pytest.raises(ValidationError):
        services.record_match_outcome(match=match, user=volunteer, answer="maybe")
    match.refresh_from_db()
    assert match.poster_answer == "partly"


# --- expiry and outcome questions ----------------------------------------------------------------


def test_it_reminds_a_week_before_expiry_once_then_expires(citizen):
    soon = PostFactory.create(author=citizen, expires_at=timezone.now() + timedelta(days=6))
    later = PostFactory.create(expires_at=timezone.now() + timedelta(days=20))
    past = PostFactory.create(expires_at=timezone.now() - timedelta(hours=1))
    result = services.expire_posts()
    assert (result.reminded, result.expired) == (1, 1)
    assert [email.to for email in mail.outbox] == [[citizen.email]]
    assert services.expire_posts().reminded == 0  # once
    assert len(mail.outbox) == 1
    for post in (soon, later, past):
        post.refresh_from_db()
    assert soon.status == later.status == Post.Status.OPEN
    assert past.status == Post.Status.EXPIRED


def test_the_expire_posts_command_runs(citizen):
    from io import StringIO

    from django.core.management import call_command

    PostFactory.create(expires_at=timezone.now() - timedelta(hours=1))
    out = StringIO()
    call_command("expire_posts", stdout=out)
    assert "expired=1" in out.getvalue()


def test_both_parties_are_asked_about_the_outcome_once(offer, volunteer, citizen):
    response = services.respond_to_post(post=offer, responder=volunteer, message="Hallo")
    services.accept_response(response=response, by=citizen)
    mail.outbox.clear()
    assert services.ask_match_outcomes() == 0  # too soon
    later = timezone.now() + timedelta(days=8)
    assert services.ask_match_outcomes(now=later) == 1
    assert sorted(address for email in mail.outbox for address in email.to) == sorted(
        [citizen.email, volunteer.email]
    )
    assert services.ask_match_outcomes(now=later) == 0


def test_photos_are_reencoded_and_limited_to_three(offer, citizen, stranger):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    def jpeg():
        buffer = io.BytesIO()
        Image.new("RGB", (2400, 1200), (200, 30, 30)).save(buffer, format="JPEG")
        return SimpleUploadedFile("mijn-huis.jpg", buffer.getvalue(), content_type="image/jpeg")

    photo = services.add_post_photo(post=offer, by=citizen, upload=jpeg(), alt_text="Tafel")
    with Image.open(photo.image.path) as image:
        assert max(image.size) == 1600
        assert not image.getexif()
    assert "mijn-huis" not in photo.image.name
    with pytest.raises(PermissionDenied):
        services.add_post_photo(post=offer, by=stranger, upload=jpeg())
    services.add_post_photo(post=offer, by=citizen, upload=jpeg())
    services.add_post_photo(post=offer, by=citizen, upload=jpeg())
    with pytest.raises(ValidationError) as excinfo:
        services.add_post_photo(post=offer, by=citizen, upload=jpeg())
    assert "photo" in field_errors(excinfo)
    assert offer.photos.count() == 3
    services.remove_post_photo(photo=photo, by=citizen)
    assert offer.photos.count() == 2


def test_a_photo_that_is_not_an_image_is_refused(offer, citizen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    with pytest.raises(ValidationError) as excinfo:
        services.add_post_photo(post=offer, by=citizen, upload=upload)
    assert "photo" in field_errors(excinfo)
    assert not offer.photos.exists()


def test_a_10_mb_photo_is_refused(offer, citizen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("big.jpg", b"\xff" * (10 * 1024 * 1024), content_type="image/jpeg")
    with pytest.raises(ValidationError):
        services.add_post_photo(post=offer, by=citizen, upload=upload)
    assert not offer.photos.exists()


def test_an_inactive_user_cannot_post(citizen):
    citizen.is_active = False
    citizen.save()
    with pytest.raises(PermissionDenied):
        services.create_post(author=citizen, data=post_data())


def test_a_new_user_factory_works_for_people_without_profile_changes():
    user = UserFactory.create()
    post = services.create_post(author=user, data=post_data())
    assert post.author == user
