"""Staff see posts and matches in the admin site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from solidair.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory.create(is_staff=True, is_superuser=True)


def test_the_other_admin_pages_open(client, superuser, offer):
    client.force_login(superuser)
    for name in ["admin:exchange_post_changelist", "admin:exchange_match_changelist"]:
        assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("admin:exchange_post_change", args=[offer.pk])).status_code == 200


def test_the_openapi_schema_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/posts",
        "/api/v1/posts/{post_id}",
        "/api/v1/posts/{post_id}/close",
        "/api/v1/posts/{post_id}/responses",
        "/api/v1/conversations",
        "/api/v1/conversations/{conversation_id}/messages",
    ]:
        assert path in paths
