from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("new/", views.create, name="create"),
    path("merge/", views.merge, name="merge"),
    path("<int:pk>/", views.record, name="record"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/addresses/new/", views.add_address, name="add_address"),
    path("<int:pk>/relationships/new/", views.add_relationship, name="add_relationship"),
    path("<int:pk>/professionals/new/", views.add_professional, name="add_professional"),
]
