from django.urls import path

from . import views

app_name = "clocks"

urlpatterns = [
    path("service/", views.service, name="service"),
    path("service/overdue/", views.service_overdue, name="service_overdue"),
    path("rules/", views.rules, name="rules"),
    path("settings/", views.practice_settings, name="practice"),
    path("settings/recompute/", views.recompute, name="recompute"),
    path("people/<int:pk>/", views.child, name="child"),
    path("people/<int:pk>/<int:clock_id>/reason/", views.late_reason, name="late_reason"),
]
