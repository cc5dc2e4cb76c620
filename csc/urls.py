from django.urls import include, path

from api.urls import api

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accounts/", include("accounts.urls")),
    path("people/", include("people.urls")),
    path("", include("casework.urls")),
    path("clocks/", include("clocks.urls")),
    path("front-door/", include("front_door.urls")),
    path("protection/", include("protection.urls")),
    path("assessments/", include("assessments.urls")),
    path("returns/", include("returns.urls")),
    path("performance/", include("performance.urls")),
    path("api/v1/", api.urls),
]

handler403 = "csc.views.forbidden"
handler404 = "csc.views.not_found"
handler500 = "csc.views.server_error"
