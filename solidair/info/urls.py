from django.urls import URLPattern

app_name = "info"

urlpatterns: list[URLPattern] = []
