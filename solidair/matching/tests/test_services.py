"""Telling people about new posts that fit theirs: notifications, emails, the daily cap,
saved searches."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from solidair.exchange import services as exchange
from solidair.matching import services
from solidair.matching.models import Notice, SavedSearch
from solidair.notifications.models import Notification

from .conftest import goods

pytestmark = pytest.mark.django_db


def test_publishing_a_fitting_offer_notifies_the_owner_of_the_request(
    bike_request, volunteer, publish, citizen
):
    offer = publish(volunteer)
    notification = Notification.objects.get(user=citizen, kind="matching.suggestion")
    assert offer.title in notification.title
    assert bike_request.title in notification.title
    assert notification.url == offer.get_absolute_url()
    notice = Notice.objects.get(user=citizen, post=offer)
    assert notice.for_post == bike_request
    assert notice.source == "suggestion"
    assert {r["code"] for r in notice.reasons} >= {"same_neighbourhood", "same_category"}
    # The author of the new post hears nothing about their own post.
    assert not Notification.objects.filter(user=volunteer).exists()


def test_a_post_that_does_not_fit_notifies_nobody(bike_request, volunteer, publish, citizen):
    publish(volunteer, category="furniture", title="Eettafel met vier stoelen", body="Eiken.")
    publish(volunteer, title="Fiets gezocht", kind="request")  # same kind: never a match
    assert not Notification.objects.filter(user=citizen).exists()
    assert not Notice.objects.exists()


def test_nobody_hears_of_the_same_post_twice(
    bike_request, volunteer, publish, citizen, immediately
):
    offer = publish(volunteer)
    assert len(mail.outbox) == 1
    again = services.announce_post(post_id=offer.pk)
    assert again.suggestions == 0
    assert again.emails == 0
    assert Notification.objects.filter(user=citizen).count() == 1
    assert len(mail.outbox) == 1


def test_immediately_emails_at_once_with_the_reasons(bike_request, volunteer, publish, immediately):
    offer = publish(volunteer)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [immediately.email]
    assert offer.title in message.subject
    assert "Same neighbourhood" in message.body
    assert offer.get_absolute_url() in message.body
    assert "List-Unsubscribe" in message.extra_headers
    assert Notice.objects.get(post=offer).email == "sent"


def test_an_announcement_without_emails_notifies_in_app_only(bike_request, volunteer, immediately):
    # Demo content is announced this way: no email now, and nothing left for a digest.
    offer = exchange.create_post(author=volunteer, data=goods())
    result = services.announce_post(post_id=offer.pk, send_emails=False)
    assert result.suggestions == 1
    assert result.emails == 0
    assert Notification.objects.filter(user=immediately).exists()
    assert Notice.objects.get(post=offer).email == "none"
    assert services.send_matching_digests() == 0
    assert mail.outbox == []


def test_daily_goes_in_one_digest_and_never_twice(bike_request, volunteer, publish, citizen):
    first = publish(volunteer)
    second = publish(volunteer, title="Damesfiets met mand", body="Fiets met drie versnellingen.")
    assert mail.outbox == []  # the default is the daily digest
    assert services.send_matching_digests() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert first.title in body
    assert second.title in body
    assert services.send_matching_digests(now=timezone.now() + timedelta(days=2)) == 0


def test_the_daily_job_of_the_exchange_sends_the_matching_digest(bike_request, volunteer, publish):
    publish(volunteer)
    result = exchange.run_daily_jobs()
    assert result.matching_digests == 1


def test_never_means_no_email_but_still_a_notification(bike_request, volunteer, publish, citizen):
    citizen.profile.email_suggestions = "never"
    citizen.profile.save()
    offer = publish(volunteer)
    assert Notice.objects.get(post=offer).email == "none"
    assert Notification.objects.filter(user=citizen).exists()
    assert services.send_matching_digests() == 0
    assert mail.outbox == []


def test_unsubscribing_before_the_digest_stops_it(bike_request, volunteer, publish, citizen):
    publish(volunteer)
    citizen.profile.email_suggestions = "never"
    citizen.profile.save()
    assert services.send_matching_digests() == 0
    assert not Notice.objects.filter(email="pending").exists()


def test_the_daily_cap_holds_back_emails_for_the_digest(
    settings, bike_request, volunteer, stranger, publish, immediately
):
    settings.MATCHING_EMAILS_PER_DAY = 1
    publish(volunteer)
    publish(stranger, title="Herenfiets", body="Fiets voor een volwassene.")
    assert len(mail.outbox) == 1
    held = Notice.objects.get(email="pending")
    assert held.digest
    # Within 24 hours the digest waits too; the day after it goes out.
    assert services.send_matching_digests() == 0
    assert services.send_matching_digests(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert len(mail.outbox) == 2


def test_a_closed_post_is_not_emailed_in_the_digest(bike_request, volunteer, publish):
    offer = publish(volunteer)
    exchange.close_post(post=offer, by=volunteer)
    assert services.send_matching_digests() == 0
    assert Notice.objects.get(post=offer).email == "none"


def test_publishing_a_draft_announces_it(
    bike_request, volunteer, citizen, django_capture_on_commit_callbacks
):
    draft = exchange.create_post(author=volunteer, data=goods(), publish=False)
    assert not Notification.objects.filter(user=citizen).exists()
    with django_capture_on_commit_callbacks(execute=True):
        exchange.publish_post(post=draft, by=volunteer)
    assert Notification.objects.filter(user=citizen, kind="matching.suggestion").exists()


def test_a_saved_search_hears_of_new_posts_that_pass_its_filters(stranger, volunteer, publish):
    stranger.profile.email_suggestions = "immediately"
    stranger.profile.save()
    services.save_search(user=stranger, query="q=fiets&kind=offer", frequency="instant")
    services.save_search(user=stranger, query="kind=request&category=bicycles", frequency="instant")
    offer = publish(volunteer)
    notification = Notification.objects.get(user=stranger)
    assert notification.kind == "matching.saved_search"
    assert offer.title in notification.title
    assert len(mail.outbox) == 1
    assert "saved search" in mail.outbox[0].body
    publish(volunteer, category="furniture", title="Kast", body="Een kast.")
    assert Notification.objects.filter(user=stranger).count() == 1


def test_a_daily_saved_search_waits_for_the_digest(stranger, volunteer, publish):
    services.save_search(user=stranger, query="q=velo", frequency="daily")
    publish(volunteer)
    assert mail.outbox == []
    assert services.send_matching_digests() == 1


def test_passes_applies_the_list_filters():
    from datetime import date

    facts = services.PostFacts(
        kind="offer",
        nature="goods",
        category="bicycles",
        neighbourhood="rabot-blaisantvest",
        target_groups=frozenset({"families"}),
        languages=frozenset({"ar"}),
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 6, 30),
        tokens=frozenset({"fiet", "kinderfiet"}),
    )
    assert services.passes({"kind": "offer", "q": "fietsen"}, facts)
    assert not services.passes({"kind": "request"}, facts)
    assert not services.passes({"q": "fiets kast"}, facts)
    assert not services.passes({"period_from": date(2026, 7, 1)}, facts)
    assert services.passes({"period_to": date(2026, 6, 15)}, facts)
    assert services.passes({"category": "bicycles", "language": "ar"}, facts)
    assert not services.passes({"category": "furniture"}, facts)
    assert not services.passes({"target_group": "elderly"}, facts)


def test_a_saved_search_by_category_and_neighbourhood_is_checked(stranger, volunteer, publish):
    services.save_search(
        user=stranger,
        query="category=bicycles&neighbourhood=rabot-blaisantvest&language=nl",
        frequency="daily",
    )
    saved = SavedSearch.objects.get(user=stranger)
    assert saved.category is not None
    assert saved.category.slug == "bicycles"
    publish(volunteer)
    publish(volunteer, neighbourhood="zwijnaarde", title="Fiets in Zwijnaarde")
    assert Notification.objects.filter(user=stranger).count() == 1


def test_saving_a_search_validates_and_deduplicates(citizen):
    with pytest.raises(ValidationError):
        services.save_search(user=citizen, query="page=2", frequency="daily")
    with pytest.raises(ValidationError):
        services.save_search(user=citizen, query="q=fiets", frequency="hourly")
    first = services.save_search(user=citizen, query="?page=3&q=fiets&kind=", frequency="daily")
    assert first.query == "q=fiets"
    assert first.name == "“fiets”"
    again = services.save_search(user=citizen, query="q=fiets", frequency="instant", name="Fiets")
    assert again.pk == first.pk
    assert again.frequency == "instant"
    assert again.name == "Fiets"
    assert SavedSearch.objects.filter(user=citizen).count() == 1


def test_there_is_a_limit_to_saved_searches(citizen):
    for i in range(services.MAX_SAVED_SEARCHES):
        services.save_search(user=citizen, query=f"q=woord{i}", frequency="daily")
    with pytest.raises(ValidationError):
        services.save_search(user=citizen, query="q=nog", frequency="daily")


def test_only_the_owner_changes_or_deletes_a_saved_search(citizen, stranger):
    from django.core.exceptions import PermissionDenied

    saved = services.save_search(user=citizen, query="q=fiets", frequency="daily")
    with pytest.raises(PermissionDenied):
        services.update_saved_search(saved_search=saved, user=stranger, frequency="instant")
    with pytest.raises(PermissionDenied):
        services.delete_saved_search(saved_search=saved, user=stranger)
    services.delete_saved_search(saved_search=saved, user=citizen)
    assert not SavedSearch.objects.exists()


def test_announcing_runs_a_bounded_number_of_queries(
    citizen, volunteer, stranger, publish, django_assert_max_num_queries
):
    from solidair.accounts.tests.factories import UserFactory

    for i in range(15):
        owner = UserFactory.create()
        publish(owner, kind="request", title=f"Fiets gezocht {i}", body="Een gewone fiets.")
    for i in range(10):
        services.save_search(
            user=UserFactory.create(),
            query=f"q=fiets&neighbourhood=ledeberg&p={i}",
            frequency="daily",
        )
    offer = exchange.create_post(author=volunteer, data=goods())
    # Per person told: a notice, a notification and the instant-email check; plus the
    # ranking and the saved searches: proportional to the people told (at most
    # NOTIFY_LIMIT), never to the number of posts or saved searches in the database.
    with django_assert_max_num_queries(20 + 12 * 15):
        result = services.announce_post(post_id=offer.pk)
    assert result.suggestions == 15


def test_the_admins_of_an_organisations_post_hear_of_what_fits_it(
    organisation, org_admin, volunteer, django_capture_on_commit_callbacks
):
    from solidair.accounts.tests.factories import UserFactory
    from solidair.organisations.tests.factories import MembershipFactory

    colleague = UserFactory.create()
    MembershipFactory(organisation=organisation, user=colleague, role="admin")
    member = UserFactory.create()
    MembershipFactory(organisation=organisation, user=member, role="member")
    with django_capture_on_commit_callbacks(execute=True):
        exchange.create_post(
            author=org_admin,
            organisation=organisation,
            data=goods(kind="request", title="Fietsen gezocht voor nieuwkomers"),
        )
    with django_capture_on_commit_callbacks(execute=True):
        offer = exchange.create_post(author=volunteer, data=goods())
    told = set(Notice.objects.filter(post=offer).values_list("user_id", flat=True))
    assert told == {org_admin.pk, colleague.pk}
