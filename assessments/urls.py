from django.urls import path

from . import views

app_name = "assessments"

_one = "people/<int:pk>/<int:assessment_id>/"

urlpatterns = [
    path("awaiting-authorisation/", views.awaiting, name="awaiting"),
    path("people/<int:pk>/", views.child_list, name="child"),
    path("people/<int:pk>/start/", views.start, name="start"),
    path(_one, views.detail, name="detail"),
    path(_one + "sections/", views.edit_sections, name="sections"),
    path(_one + "child-seen/", views.child_seen, name="child_seen"),
    path(_one + "factors/", views.factors, name="factors"),
    path(_one + "outcome/", views.outcome, name="outcome"),
    path(_one + "submit/", views.submit, name="submit"),
    path(_one + "authorise/", views.authorise, name="authorise"),
    path(_one + "return/", views.return_to_worker, name="return"),
]
