from django.urls import path

from . import views

app_name = "protection"

_child = "child/<int:pk>/"
_cp = _child + "cp-plans/<int:plan_id>/"
_cin = _child + "cin-plans/<int:plan_id>/"

urlpatterns = [
    path("plans/", views.team_plans, name="team_plans"),
    path("drift/", views.drift, name="drift"),
    path(_child, views.child, name="child"),
    path(_child + "strategy-discussions/new", views.strategy_discussion, name="strategy"),
    path(_child + "actions/<int:action_id>/done", views.complete_action, name="action_done"),
    path(_child + "s47/<int:s47_id>/outcome", views.s47_outcome, name="s47_outcome"),
    path(_child + "s47/<int:s47_id>/conference", views.initial_conference, name="icpc"),
    path(_child + "transfers-in/new", views.transfer_in, name="transfer_in"),
    path(
        _child + "transfers-in/<int:transfer_id>/conference",
        views.transfer_conference,
        name="transfer_conference",
    ),
    path(_cp, views.cp_plan, name="cp_plan"),
    path(_cp + "core-groups/new", views.core_group, name="core_group"),
    path(_cp + "reviews/new", views.review_conference, name="review"),
    path(_cp + "visits/new", views.cp_visit, name="cp_visit"),
    path(_cp + "contingency", views.contingency, name="contingency"),
    path(_cp + "end", views.end_cp, name="end_cp"),
    path(_child + "cin-plans/new", views.start_cin, name="start_cin"),
    path(_cin, views.cin_plan, name="cin_plan"),
    path(_cin + "reviews/new", views.cin_review, name="cin_review"),
    path(_cin + "visits/new", views.cin_visit, name="cin_visit"),
    path(_cin + "end", views.end_cin, name="end_cin"),
    path(_child + "<str:kind>-plans/<int:plan_id>/outcomes/new", views.add_outcome, name="outcome"),
    path(_child + "outcomes/<int:outcome_id>/progress", views.progress, name="progress"),
    path(_child + "close", views.close_case, name="close"),
    path(_child + "decisions/new", views.drift_decision, name="decision"),
]
