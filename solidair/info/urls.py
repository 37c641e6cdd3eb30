from django.urls import path

from . import views

app_name = "info"

urlpatterns = [
    path("", views.index, name="index"),
    path("trainings/", views.trainings, name="trainings"),
    path("vacancies/", views.vacancy_list, name="vacancies"),
    path("manage/", views.manage, name="manage"),
    path("manage/pages/new/", views.page_create, name="page_create"),
    path("manage/pages/<int:pk>/edit/", views.page_edit, name="page_edit"),
    path("manage/pages/<int:pk>/reviewed/", views.page_reviewed, name="page_reviewed"),
    path("manage/allowances/new/", views.ceilings_create, name="ceilings_create"),
    path("manage/allowances/<int:year>/", views.ceilings_edit, name="ceilings_edit"),
    path("preview/", views.preview, name="preview"),
    path("<path:path>/", views.page_detail, name="page"),
]
