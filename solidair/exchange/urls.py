from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("posts/", views.post_list, name="list"),
    path("posts/new/", views.create, name="create"),
    path("posts/<int:pk>/", views.detail, name="detail"),
    path("posts/<int:pk>/edit/", views.edit, name="edit"),
    path("posts/<int:pk>/publish/", views.publish, name="publish"),
    path("posts/<int:pk>/close/", views.close, name="close"),
    path("posts/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("posts/<int:pk>/extend/", views.extend, name="extend"),
    path("posts/<int:pk>/fulfil/", views.fulfil, name="fulfil"),
    path("posts/<int:pk>/respond/", views.respond, name="respond"),
    path(
        "posts/<int:pk>/photos/<int:photo_pk>/delete/",
        views.photo_delete,
        name="photo_delete",
    ),
    path("my-posts/", views.dashboard, name="dashboard"),
    path("messages/", views.inbox, name="inbox"),
    path("messages/<int:pk>/", views.conversation, name="conversation"),
    path("messages/<int:pk>/new/", views.conversation_new, name="conversation_new"),
    path("responses/<int:pk>/accept/", views.accept, name="accept"),
    path("matches/<int:pk>/outcome/", views.match_outcome, name="match_outcome"),
]
