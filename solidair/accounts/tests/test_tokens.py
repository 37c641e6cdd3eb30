from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from solidair.accounts.models import ApiToken
from solidair.accounts.tokens import create_api_token, revoke_api_token, user_for_token

pytestmark = pytest.mark.django_db


def test_it_stores_only_the_hash_of_a_new_token(citizen):
    token, raw = create_api_token(user=citizen, name="  Mijn script  ")

    assert raw.startswith("sol_")
    assert len(raw) >= 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert stored.prefix == raw[:8]
    assert stored.name == "Mijn script"
    assert raw not in {stored.key_hash, stored.prefix, stored.name}


def test_every_token_is_different(citizen):
    raws = {create_api_token(user=citizen, name="t")[1] for _ in range(5)}
    assert len(raws) == 5


def test_it_resolves_a_raw_token_to_its_owner(citizen):
    _token, raw = create_api_token(user=citizen, name="t")
    assert user_for_token(raw) == citizen


@pytest.mark.parametrize(
    "raw",
    [None, "", "sol_", "sol_unknown-token", "not-a-token", "sol_" + "x" * 500],
)
def test_it_refuses_unknown_and_malformed_tokens(citizen, raw):
    create_api_token(user=citizen, name="t")
    assert user_for_token(raw) is None


def test_it_refuses_a_revoked_token(citizen):
    token, raw = create_api_token(user=citizen, name="t")
    revoke_api_token(user=citizen, token_id=token.pk)
    assert user_for_token(raw) is None


def test_it_refuses_the_token_of_a_deactivated_user(citizen):
    _token, raw = create_api_token(user=citizen, name="t")
    citizen.is_active = False
    citizen.save()
    assert user_for_token(raw) is None


def test_it_refuses_to_revoke_someone_elses_token(citizen, stranger):
    token, raw = create_api_token(user=citizen, name="t")
    with pytest.raises(Http404):
        revoke_api_token(user=stranger, token_id=token.pk)
    assert user_for_token(raw) == citizen


def test_revoking_twice_keeps_the_first_revocation_time(citizen):
    token, _raw = create_api_token(user=citizen, name="t")
    revoke_api_token(user=citizen, token_id=token.pk)
    first = ApiToken.objects.get(pk=token.pk).revoked_at
    revoke_api_token(user=citizen, token_id=token.pk)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first


def test_it_records_the_first_use(citizen):
    token, raw = create_api_token(user=citizen, name="t")
    assert token.last_used_at is None
    user_for_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_it_writes_last_use_at_most_once_a_minute(citizen, django_assert_num_queries):
    token, raw = create_api_token(user=citizen, name="t")
    user_for_token(raw)
    recorded = ApiToken.objects.get(pk=token.pk).last_used_at

    with django_assert_num_queries(1):  # the lookup only, no UPDATE
        assert user_for_token(raw) == citizen
    assert ApiToken.objects.get(pk=token.pk).last_used_at == recorded

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    with django_assert_num_queries(2):  # lookup + UPDATE
        user_for_token(raw)
    refreshed = ApiToken.objects.get(pk=token.pk).last_used_at
    assert refreshed is not None
    assert recorded is not None
    assert refreshed > recorded
