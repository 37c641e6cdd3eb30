from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from solidair.core.ratelimit import RateLimited, check_rate_limit


def make_request(user=None, auth=None, ip="10.0.0.1"):
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    request.user = user or AnonymousUser()
    if auth is not None:
        request.auth = auth  # type: ignore[attr-defined]
    return request


@pytest.fixture(autouse=True)
def _limits_on(settings):
    settings.RATELIMIT_ENABLE = True


def test_it_raises_once_the_rate_is_exceeded():
    request = make_request()
    check_rate_limit(request, group="g", rate="2/m")
    check_rate_limit(request, group="g", rate="2/m")
    with pytest.raises(RateLimited) as info:
        check_rate_limit(request, group="g", rate="2/m")
    assert info.value.group == "g"


def test_groups_are_counted_separately():
    request = make_request()
    check_rate_limit(request, group="posts", rate="1/m")
    check_rate_limit(request, group="messages", rate="1/m")
    with pytest.raises(RateLimited):
        check_rate_limit(request, group="posts", rate="1/m")


def test_it_counts_per_ip_for_anonymous_callers():
    check_rate_limit(make_request(ip="10.0.0.1"), group="g", rate="1/m")
    check_rate_limit(make_request(ip="10.0.0.2"), group="g", rate="1/m")
    with pytest.raises(RateLimited):
        check_rate_limit(make_request(ip="10.0.0.1"), group="g", rate="1/m")


@pytest.mark.django_db
def test_it_counts_per_user_wherever_they_come_from(citizen, stranger):
    check_rate_limit(make_request(user=citizen, ip="10.0.0.1"), group="g", rate="1/m")
    check_rate_limit(make_request(user=stranger, ip="10.0.0.1"), group="g", rate="1/m")
    with pytest.raises(RateLimited):
        check_rate_limit(make_request(user=citizen, ip="10.0.0.9"), group="g", rate="1/m")


@pytest.mark.django_db
def test_an_api_token_user_is_counted_as_that_user(citizen):
    # API requests carry the token's owner in request.auth, the session user is anonymous.
    check_rate_limit(make_request(auth=citizen, ip="10.0.0.1"), group="g", rate="1/m")
    with pytest.raises(RateLimited):
        check_rate_limit(make_request(auth=citizen, ip="10.0.0.2"), group="g", rate="1/m")


def test_ratelimit_enable_false_switches_limits_off(settings):
    settings.RATELIMIT_ENABLE = False
    request = make_request()
    for _ in range(5):
        check_rate_limit(request, group="g", rate="1/m")


def test_it_is_a_permission_denied_so_an_unhandled_one_is_never_a_500():
    from django.core.exceptions import PermissionDenied

    assert issubclass(RateLimited, PermissionDenied)


@pytest.mark.django_db
@pytest.mark.urls("solidair.core.tests.api_test_urls")
def test_a_web_view_over_the_limit_renders_the_429_page(client):
    assert client.get("/test-limited-page/").status_code == 200
    response = client.get("/test-limited-page/")
    assert response.status_code == 429
    assert "429.html" in [t.name for t in response.templates]
