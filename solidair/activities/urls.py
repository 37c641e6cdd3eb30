from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    path("new/", views.create, name="create"),
    path("mine/", views.my_calendar, name="mine"),
    path("feed.ics", views.public_feed, name="feed"),
    path("organisations/<slug:slug>/feed.ics", views.organisation_feed, name="organisation_feed"),
    path("private/<str:token>.ics", views.private_feed, name="private_feed"),
    path("private/regenerate/", views.regenerate_feed, name="regenerate_feed"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/edit/", views.edit, name="edit"),
    path("events/<int:pk>/cancel/", views.cancel_event, name="cancel_event"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("occurrences/<int:pk>/", views.occurrence_detail, name="occurrence"),
    path("occurrences/<int:pk>/register/", views.register, name="register"),
    path("occurrences/<int:pk>/unregister/", views.unregister, name="unregister"),
    path("occurrences/<int:pk>/cancel/", views.cancel_occurrence, name="cancel_occurrence"),
    path("occurrences/<int:pk>/people/", views.people, name="people"),
    path("occurrences/<int:pk>/people.csv", views.people_csv, name="people_csv"),
    path("occurrences/<int:pk>/message/", views.message, name="message"),
    path("occurrences/<int:pk>/date.ics", views.occurrence_ics, name="occurrence_ics"),
]
