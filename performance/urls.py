from django.urls import path

app_name = "performance"

urlpatterns: list = []
