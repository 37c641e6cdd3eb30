from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

# Pages keep one URL in every language; the language comes from the cookie or the browser.
urlpatterns += [
    path("", include("solidair.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("solidair.accounts.urls")),
    path("organisations/", include("solidair.organisations.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
