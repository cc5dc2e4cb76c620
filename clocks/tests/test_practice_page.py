"""Administrators set local practice on a form; clocks change only when recomputed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from clocks.forms import PracticeForm
from clocks.models import Clock
from clocks.practice import current_practice
from csc.testing import Personas
from timescales import LocalPractice, WorkingDays

from .helpers import open_cp

pytestmark = pytest.mark.usefixtures("on_today")


def form_data(**changes: str) -> dict[str, Any]:
    form = PracticeForm(practice=LocalPractice())
    data = {name: "" if f.initial is None else str(f.initial) for name, f in form.fields.items()}
    data.update(changes)
    return data


def admin_client(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.admin)
    return client


def test_admin_changes_c8_and_then_recomputes(personas: Personas) -> None:
    open_cp(personas)
    client = admin_client(personas)
    assert "Local practice settings" in client.get(reverse("clocks:practice")).content.decode()
    response = client.post(reverse("clocks:practice"), form_data(limit_C8_value="15"), follow=True)
    html = response.content.decode()
    assert "Clocks have not been recomputed yet" in html
    assert current_practice().limits == {"C8": WorkingDays(15)}
    c8 = Clock.objects.get(person=personas.child, rule_id="C8")
    assert c8.due_on == datetime.date(2026, 11, 16)  # unchanged until recompute
    response = client.post(reverse("clocks:recompute"), follow=True)
    assert "Clocks recomputed" in response.content.decode()
    c8.refresh_from_db()
    assert c8.due_on == datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"office_mon_opens": "18:00"}, "opening must be before closing"),
        ({"office_tue_opens": "9am"}, "bad time"),
        ({"due_soon_hours": "-1"}, "due_soon_hours must be a whole number"),
    ],
)
def test_bad_settings_show_localpractice_errors(
    personas: Personas, changes: dict[str, str], message: str
) -> None:
    response = admin_client(personas).post(reverse("clocks:practice"), form_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert current_practice() == LocalPractice()


def test_only_real_overrides_are_stored(personas: Personas) -> None:
    form = PracticeForm(form_data(), practice=LocalPractice())
    assert form.is_valid(), form.errors
    assert form.to_mapping()["limits"] == {}
    assert form.practice == LocalPractice()
