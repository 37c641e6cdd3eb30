"""Factories for requests and offers. They write rows directly (fast, any state); tests
of rules go through the services instead."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from factory.declarations import (
    LazyAttribute,
    LazyFunction,
    SelfAttribute,
    Sequence,
    SubFactory,
    Trait,
)
from factory.django import DjangoModelFactory
from factory.helpers import post_generation

from solidair.accounts.tests.factories import UserFactory
from solidair.core.models import Category, Neighbourhood
from solidair.exchange.models import Conversation, Match, Message, Post, Response
from solidair.exchange.services import search_document_for


class PostFactory(DjangoModelFactory[Post]):
    """An open goods offer (furniture, Rabot) by a new user; its search document is built
    like the services build it.

    Traits: `draft`, `closed`, `expired` (open but past its expiry date), `request`,
    `volunteering` (language coaching). Pass `languages=[...]` / `target_groups=[...]`."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    class Params:
        draft = Trait(status=Post.Status.DRAFT, published_at=None)
        closed = Trait(status=Post.Status.CLOSED, closed_at=LazyFunction(timezone.now))
        expired = Trait(expires_at=LazyFunction(lambda: timezone.now() - timedelta(days=1)))
        request = Trait(kind=Post.Kind.REQUEST)
        volunteering = Trait(
            nature=Post.Nature.VOLUNTEERING,
            category=LazyFunction(lambda: Category.objects.get(slug="language-coaching")),
            quantity=None,
        )

    kind = Post.Kind.OFFER
    nature = Post.Nature.GOODS
    category = LazyFunction(lambda: Category.objects.get(slug="furniture"))
    title = Sequence(lambda n: f"Stevige tafel {n}")
    body = "Een houten tafel met vier stoelen, op te halen."
    author = SubFactory(UserFactory)
    organisation = None
    neighbourhood = LazyFunction(lambda: Neighbourhood.objects.get(slug="rabot-blaisantvest"))
    quantity = None
    quantity_open = SelfAttribute("quantity")
    status = Post.Status.OPEN
    published_at = LazyFunction(timezone.now)
    created_at = LazyAttribute(lambda o: o.published_at or timezone.now())

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        post = model_class(*args, **kwargs)
        post.search_document = search_document_for(post)
        post.save()
        return post

    @post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)

    @post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)


class ConversationFactory(DjangoModelFactory[Conversation]):
    class Meta:
        model = Conversation

    post = SubFactory(PostFactory)
    responder = SubFactory(UserFactory)


class ResponseFactory(DjangoModelFactory[Response]):
    """A response with its conversation (no first message: use the service for that)."""

    class Meta:
        model = Response

    post = SubFactory(PostFactory)
    responder = SubFactory(UserFactory)
    conversation = SubFactory(
        ConversationFactory, post=SelfAttribute("..post"), responder=SelfAttribute("..responder")
    )
    message = "Ik kan helpen!"


class MessageFactory(DjangoModelFactory[Message]):
    class Meta:
        model = Message

    conversation = SubFactory(ConversationFactory)
    sender = SelfAttribute("conversation.responder")
    body = "Hallo!"


class MatchFactory(DjangoModelFactory[Match]):
    class Meta:
        model = Match

    response = SubFactory(ResponseFactory)
    post = SelfAttribute("response.post")
    conversation = SelfAttribute("response.conversation")
    counterpart = SelfAttribute("response.responder")
    accepted_by = SelfAttribute("response.post.author")
