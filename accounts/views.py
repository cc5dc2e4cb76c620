from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import actions
from .forms import AccessLogSearchForm, SignInForm
from .models import AccessLogEntry, Team, User


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        username = request.POST.get("username", "")
        user = User.objects.filter(username__iexact=username).first()
        if user is not None and actions.is_locked(user):
            form = self.get_form()
            form.is_valid()
            form.errors.clear()
            form.add_error(
                None,
                SignInForm.error_messages["locked"] % {"minutes": settings.TRELLIS_LOCKOUT_MINUTES},
            )
            return self.form_invalid(form)  # type: ignore[arg-type]
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        actions.record_successful_login(user=form.get_user())
        return super().form_valid(form)

    def form_invalid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        username = self.request.POST.get("username", "")
        if username and not any("locked" in str(e) for e in form.non_field_errors()):
            user = actions.record_failed_login(username=username)
            if user is not None and actions.is_locked(user):
                form.errors.clear()
                form.add_error(
                    None,
                    SignInForm.error_messages["locked"]
                    % {"minutes": settings.TRELLIS_LOCKOUT_MINUTES},
                )
        return super().form_invalid(form)

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["timed_out"] = self.request.GET.get("timeout") == "1"
        context["lockout_attempts"] = settings.TRELLIS_LOCKOUT_ATTEMPTS
        return context


@require_POST
def keepalive(request: HttpRequest) -> JsonResponse:
    # The session middleware has already refreshed the expiry (SESSION_SAVE_EVERY_REQUEST).
    return JsonResponse({"expires_in": settings.SESSION_COOKIE_AGE})


def _require_admin(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_administrator:
        raise PermissionDenied
    return user


def admin_home(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    request.nav_section = "admin"  # type: ignore[attr-defined]
    teams = Team.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(
        request,
        "accounts/admin_home.html",
        {"areas": teams, "user_count": User.objects.filter(is_active=True).count()},
    )


def access_log(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    request.nav_section = "admin"  # type: ignore[attr-defined]
    form = AccessLogSearchForm(request.GET or None)
    entries = AccessLogEntry.objects.select_related("user", "person")
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        data = form.cleaned_data
        if data["user"]:
            entries = entries.filter(user__username__iexact=data["user"].strip())
        if data["child"]:
            entries = entries.filter(person_id=int(data["child"]))
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            start = datetime.datetime.combine(data["date_from"], datetime.time.min, tzinfo=tz)
            entries = entries.filter(at__gte=start)
        if data["date_to"]:
            end = datetime.datetime.combine(
                data["date_to"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
            )
            entries = entries.filter(at__lt=end)
    page = Paginator(entries, settings.TRELLIS_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/access_log.html",
        {"form": form, "page": page, "searched": searched, "query": query.urlencode()},
    )
