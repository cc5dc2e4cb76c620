from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("my-work/", views.my_work, name="my_work"),
    path("team/", views.team, name="team"),
    path("people/<int:pk>/chronology/", views.chronology_view, name="chronology"),
    path(
        "people/<int:pk>/chronology/<int:event_id>/significant/",
        views.mark_significant,
        name="mark_significant",
    ),
    path("people/<int:pk>/notes/", views.notes, name="notes"),
    path("people/<int:pk>/notes/new/", views.add_note, name="add_note"),
    path("people/<int:pk>/allocation/", views.allocations, name="allocations"),
]
