"""Who sees, edits and converses: querysets and access helpers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from solidair.exchange import permissions, services
from solidair.exchange.models import Conversation, Post

from .conftest import post_data
from .factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(org_post, volunteer):
    return services.respond_to_post(post=org_post, responder=volunteer, message="Hoi").conversation


def test_only_participants_read_a_conversation(
    conversation, volunteer, org_admin, org_second_admin, org_member, stranger, anonymous
):
    for person in (volunteer, org_admin, org_second_admin):
        assert permissions.get_conversation_for_participant_or_404(person, conversation.pk)
        assert Conversation.objects.for_participant(person).filter(pk=conversation.pk).exists()
    for person in (org_member, stranger, anonymous):
        with pytest.raises(Http404):
            permissions.get_conversation_for_participant_or_404(person, conversation.pk)
        assert not Conversation.objects.for_participant(person).exists()


def test_participants_of_an_org_post_are_responder_author_and_admins(
    conversation, volunteer, org_admin, org_second_admin, org_member
):
    people = set(permissions.conversation_participants(conversation))
    assert people == {volunteer, org_admin, org_second_admin}


def test_only_owner_and_org_admins_edit(
    org_post, org_admin, org_second_admin, org_member, stranger
):
    assert permissions.get_post_for_editor_or_404(org_admin, org_post.pk) == org_post
    assert permissions.get_post_for_editor_or_404(org_second_admin, org_post.pk) == org_post
    for person in (org_member, stranger):
        with pytest.raises(PermissionDenied):
            permissions.get_post_for_editor_or_404(person, org_post.pk)


def test_a_draft_is_invisible_to_others(citizen, stranger, anonymous):
    draft = services.create_post(author=citizen, data=post_data(), publish=False)
    assert permissions.get_post_for_viewer_or_404(citizen, draft.pk) == draft
    for person in (stranger, anonymous):
        with pytest.raises(Http404):
            permissions.get_post_for_viewer_or_404(person, draft.pk)
        with pytest.raises(Http404):
            permissions.get_post_for_editor_or_404(person, draft.pk)


def test_visible_to_public_own_organisation_and_responded(
    citizen, volunteer, org_member, organisation, stranger, anonymous
):
    open_post = PostFactory.create()
    own_closed = PostFactory.create(author=citizen, closed=True)
    org_draft = PostFactory.create(organisation=organisation, draft=True)
    answered = PostFactory.create()
    services.respond_to_post(post=answered, responder=volunteer, message="Hoi")
    answered.status = Post.Status.CLOSED
    answered.save()

    def visible(user):
        return set(Post.objects.visible_to(user))

    assert visible(anonymous) == visible(stranger) == {open_post}
    assert visible(citizen) == {open_post, own_closed}
    assert visible(org_member) == {open_post, org_draft}
    assert visible(volunteer) == {open_post, answered}


def test_for_owner_lists_own_and_administered_posts(
    org_post, org_admin, org_member, offer, citizen
):
    assert set(Post.objects.for_owner(org_admin)) == {org_post}
    assert set(Post.objects.for_owner(org_member)) == set()
    assert set(Post.objects.for_owner(citizen)) == {offer}


def test_can_respond(offer, citizen, volunteer, anonymous):
    assert permissions.can_respond(volunteer, offer)
    assert not permissions.can_respond(citizen, offer)
    assert not permissions.can_respond(anonymous, offer)
    services.respond_to_post(post=offer, responder=volunteer, message="Hoi")
    assert not permissions.can_respond(volunteer, offer)
