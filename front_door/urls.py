from django.urls import path

from . import views

app_name = "front_door"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact"),
    path("contacts/<int:pk>/route/", views.route, name="route"),
    path("contacts/<int:pk>/<slug:action>/", views.contact_action, name="contact_action"),
    path("requests/", views.partner_board, name="requests"),
    path("requests/<int:pk>/<slug:action>/", views.request_action, name="request_action"),
    path("authorisations/", views.authorisations, name="authorisations"),
    path("decisions/<int:pk>/authorise/", views.authorise, name="authorise"),
    path("referrals/<int:pk>/allocate/", views.allocate, name="allocate"),
    path("consistency/", views.consistency, name="consistency"),
    path("children/<int:pk>/", views.history, name="history"),
    path("children/<int:pk>/early-help/", views.early_help_new, name="early_help_new"),
    path("early-help/<int:pk>/<slug:action>/", views.early_help_action, name="early_help_action"),
    path("partner/", views.partner_home, name="partner_home"),
    path("partner/new/", views.partner_new, name="partner_new"),
    path("partner/contacts/<int:pk>/", views.partner_contact, name="partner_contact"),
]
