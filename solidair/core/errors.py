"""The last-resort error page, which tells a database outage from a bug.

When PostgreSQL is unreachable (restarting, failing over, out of connections) every page
fails with OperationalError/InterfaceError. That is not a bug in the page: people get a
503 "back in a moment" page with Retry-After, and load balancers and clients know to try
again. Django reconnects on the next request by itself (CONN_HEALTH_CHECKS), so the site
recovers without a restart. Anything else is a real 500.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

# Seconds a client is asked to wait before trying again during an outage.
RETRY_AFTER_SECONDS = 30


def database_unavailable() -> bool:
    """True when the exception being handled means the database cannot be reached."""
    return isinstance(sys.exc_info()[1], OperationalError | InterfaceError)


def service_unavailable_page() -> HttpResponse:
    # Rendered without a request, like Django's 500 page: no context processors, so
    # nothing on the page asks the database that just failed.
    body = loader.get_template("503.html").render({})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@requires_csrf_token
def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: 503 during a database outage, otherwise Django's 500 page."""
    if database_unavailable():
        return service_unavailable_page()
    response: HttpResponseServerError = django_server_error(request, template_name)
    return response
