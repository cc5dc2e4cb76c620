from django.urls import path

app_name = "front_door"

urlpatterns: list = []
