"""Accounts pages. Included at the site root, so the paths here are absolute."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/edit/", views.profile_edit, name="profile_edit"),
    path("profile/notifications/", views.notifications, name="notifications"),
    path("profile/tokens/", views.tokens, name="tokens"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("profile/my-data/", views.data_export, name="export"),
    path("profile/delete/", views.delete_account, name="delete"),
    path("people/<int:pk>/", views.person, name="person"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
