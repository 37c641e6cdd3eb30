"""Factories for the calendar. EventFactory writes the row directly (any state, also in
the past) and materialises its occurrences like the services do; tests of rules go
through the services instead."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from factory.declarations import LazyAttribute, LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory
from factory.helpers import post_generation

from solidair.accounts.tests.factories import UserFactory
from solidair.activities.models import Event, Registration
from solidair.activities.services import search_document_for, sync_occurrences
from solidair.core.models import Neighbourhood


def tomorrow_at(hour: int, minute: int = 0, *, days: int = 1) -> datetime:
    """An aware datetime `days` from today at hour:minute, Brussels time."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class EventFactory(DjangoModelFactory[Event]):
    """A free activity in Rabot tomorrow 19:00-21:00 by a new user, with its occurrence.
    Pass `recurrence="FREQ=WEEKLY;COUNT=4"`, `capacity=2`, `organisation=...`,
    `languages=[...]`, `target_groups=[...]`."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    type = Event.Type.ACTIVITY
    title = Sequence(lambda n: f"Taalcafé {n}")
    description = "Oefen Nederlands bij een koffie, in een kleine groep."
    author = SubFactory(UserFactory)
    organisation = None
    starts_at = LazyFunction(lambda: tomorrow_at(19))
    ends_at = LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    neighbourhood = LazyFunction(lambda: Neighbourhood.objects.get(slug="rabot-blaisantvest"))
    address = "Opgeëistenlaan 455, 9000 Gent"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        event = model_class(*args, **kwargs)
        event.search_document = search_document_for(event)
        event.save()
        sync_occurrences(event=event)
        return event

    @post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)

    @post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)


class RegistrationFactory(DjangoModelFactory[Registration]):
    class Meta:
        model = Registration

    occurrence = LazyFunction(lambda: EventFactory.create().occurrences.get())
    user = SubFactory(UserFactory)
    status = Registration.Status.REGISTERED
