from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("report/<slug:kind>/<int:pk>/", views.report, name="report"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("moderation/reports/<int:pk>/decide/", views.decide, name="decide"),
    path("moderation/content/<slug:kind>/<int:pk>/restore/", views.restore, name="restore"),
    path("moderation/people/<int:pk>/", views.person, name="person"),
    path("moderation/people/<int:pk>/act/", views.person_act, name="person_act"),
    path("moderation/log/", views.audit_log, name="log"),
    path("moderation/log/export.csv", views.audit_export, name="log_export"),
]
