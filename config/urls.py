from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from config.api import api, api_not_found
from solidair.core.health import healthz

# A database outage answers 503 "back in a moment", not the 500 page (solidair.core.errors).
handler500 = "solidair.core.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    # Unknown API paths answer JSON like the rest of the API, not the HTML 404 page.
    re_path(r"^api/", api_not_found),
]

# Pages keep one URL in every language; the language comes from the cookie or the browser.
urlpatterns += [
    path("", include("solidair.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("solidair.accounts.urls")),
    path("organisations/", include("solidair.organisations.urls")),
    path("", include("solidair.exchange.urls")),
    path("", include("solidair.matching.urls")),
    path("notifications/", include("solidair.notifications.urls")),
    path("calendar/", include("solidair.activities.urls")),
    path("news/", include("solidair.news.urls")),
    path("volunteering/", include("solidair.info.urls")),
    path("groups/", include("solidair.groups.urls")),
    path("", include("solidair.moderation.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Uploaded files from the local media folder; in production a reverse proxy or object
    # storage (S3_BUCKET) usually serves them instead.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media"
        )
    ]
