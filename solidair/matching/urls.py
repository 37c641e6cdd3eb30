from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("posts/<int:pk>/matches/", views.post_matches, name="post_matches"),
    path(
        "posts/<int:pk>/matches/<int:suggested_pk>/dismiss/",
        views.dismiss,
        name="dismiss",
    ),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/new/", views.alert_create, name="alert_create"),
    path("alerts/<int:pk>/", views.alert_update, name="alert_update"),
    path("alerts/<int:pk>/delete/", views.alert_delete, name="alert_delete"),
]
