from django.urls import path

from . import views
from .annex_a import views as annex_a_views

app_name = "returns"

urlpatterns = [
    path("cin-census/", views.cin_census, name="cin_census"),
    path("cin-census/<int:year>/download", views.cin_census_download, name="cin_census_download"),
    path(
        "cin-census/<int:year>/readiness", views.cin_census_readiness, name="cin_census_readiness"
    ),
    path("cin-census/<int:year>/validate", views.cin_census_validate, name="cin_census_validate"),
    path("annex-a/", annex_a_views.annex_a, name="annex_a"),
]
