from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "measures/<str:measure_id>/<str:start>/<str:end>/children/",
        views.children,
        name="children",
    ),
]
