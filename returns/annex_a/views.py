"""The Annex A download page: choose the inspection date, get the workbook."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.models import User
from ui.forms import GovukForm
from ui.widgets import GovukDateField

from . import export
from .templates import template_for

ANNEX_A_ROLES = frozenset({"performance_analyst", "head_of_service", "director", "administrator"})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AnnexAForm(GovukForm):
    as_of = GovukDateField(
        label="Inspection date",
        help_text="The date of Ofsted's data request. For example, 31 3 2026",
    )

    def clean_as_of(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["as_of"]
        if day > timezone.localdate():
            raise ValidationError("Inspection date must be today or in the past")
        return day


def _annex_a_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or (user.role not in ANNEX_A_ROLES and not user.is_superuser):
        raise PermissionDenied
    request.nav_section = "performance"  # type: ignore[attr-defined]
    return user


def annex_a(request: HttpRequest) -> HttpResponse:
    _annex_a_user(request)
    today = timezone.localdate()
    form = AnnexAForm(request.POST or None, initial={"as_of": today})
    if request.method == "POST" and form.is_valid():
        as_of = form.cleaned_data["as_of"]
        content, _counts = export(as_of)
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="annex_a_{as_of:%Y-%m-%d}.xlsx"'
        return response
    template = template_for(today)
    return render(
        request,
        "returns/annex_a.html",
        {
            "form": form,
            "template": template,
            "lists": [template.list_spec(n) for n in template.built],
        },
    )
