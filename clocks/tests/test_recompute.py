"""Stored clocks follow the record: recompute on every action, the batch command, practice."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command

import timescales
from casework import actions as casework_actions
from clocks import actions
from clocks.checks import catalogue_errors
from clocks.models import Clock
from clocks.practice import current_practice
from clocks.recompute import recompute_for_person
from csc.testing import TODAY, Personas
from protection import actions as protection_actions
from timescales import LocalPractice, WorkingDays

from .helpers import CP_START, cin_visit, open_cin, open_cp, visit

pytestmark = pytest.mark.usefixtures("on_today")


def c8(personas: Personas) -> list[Clock]:
    return list(Clock.objects.filter(person=personas.child, rule_id="C8").order_by("started_on"))


def test_starting_a_cp_plan_stores_its_clocks(personas: Personas) -> None:
    plan = open_cp(personas)
    clocks = {c.rule_id: c for c in Clock.objects.filter(person=personas.child)}
    # The referral (F1, A1), the s47 enquiry (C2) and the plan (C5 and C7 follow C4 and C6).
    assert set(clocks) == {"F1", "A1", "C2", "C4", "C6", "C8"}
    assert clocks["C2"].key == f"s47:{plan.conference.section47_id}"
    assert (clocks["C2"].state, clocks["C2"].stopped_on) == ("met", CP_START)
    assert clocks["C8"].key == f"cp:{plan.pk}"
    assert clocks["C8"].due_on == datetime.date(2026, 11, 16)
    assert clocks["C8"].state == "overdue"
    assert clocks["C4"].due_on == datetime.date(2026, 11, 16)
    assert clocks["C6"].due_on == datetime.date(2027, 2, 2)


def test_a_visit_meets_the_cp_visit_clock_and_starts_the_next(personas: Personas) -> None:
    open_cp(personas)
    visit(personas, datetime.date(2026, 11, 19))
    first, current = c8(personas)
    assert (first.state, first.stopped_on) == ("met_late", datetime.date(2026, 11, 19))
    assert (current.started_on, current.due_on) == (
        datetime.date(2026, 11, 19),
        datetime.date(2026, 12, 3),
    )
    assert current.stopped_on is None


def test_visits_count_only_when_the_child_was_seen(personas: Personas) -> None:
    open_cp(personas)
    visit(personas, datetime.date(2026, 11, 10), seen=False)
    assert [c.state for c in c8(personas)] == ["overdue"]
    # A case note is a note, not a statutory visit, even if it says the child was seen.
    casework_actions.add_case_note(
        actor=personas.worker,
        person=personas.child,
        kind="visit",
        occurred_on=datetime.date(2026, 11, 11),
        text="Saw the child at school",
        child_seen=True,
        seen_alone=True,
        today=TODAY,
    )
    assert [c.state for c in c8(personas)] == ["overdue"]
    visit(personas, datetime.date(2026, 11, 12))
    assert [c.state for c in c8(personas)] == ["met", "due_soon"]  # next due 26 Nov


def test_cin_plan_gives_cin_visits_and_ending_it_cancels(personas: Personas) -> None:
    plan = open_cin(personas, started_on=datetime.date(2026, 10, 1))
    a5 = Clock.objects.get(person=personas.child, rule_id="A5")
    assert (a5.key, a5.due_on, a5.state) == (
        f"cin:{plan.pk}",
        datetime.date(2026, 10, 29),
        "overdue",
    )
    cin_visit(personas, datetime.date(2026, 11, 2), seen=False)
    assert Clock.objects.get(person=personas.child, rule_id="A5").state == "overdue"
    cin_visit(personas, datetime.date(2026, 11, 3))
    states = list(
        Clock.objects.filter(person=personas.child, rule_id="A5")
        .order_by("started_on")
        .values_list("state", "due_on")
    )
    assert states == [
        ("met_late", datetime.date(2026, 10, 29)),
        ("running", datetime.date(2026, 12, 1)),
    ]
    protection_actions.end_cin_plan(
        actor=personas.worker,
        plan=plan,
        ended_on=datetime.date(2026, 11, 18),
        reason="needs_met",
        today=TODAY,
    )
    by_rule = {
        c.rule_id: c for c in Clock.objects.filter(person=personas.child, stopped_on__isnull=True)
    }
    # The plan's clocks are cancelled; the referral's assessment clock still runs.
    assert set(by_rule) == {"A1"}
    ended = Clock.objects.filter(person=personas.child, rule_id__in=["A4", "A5"], state="cancelled")
    assert {(c.rule_id, c.stopped_on) for c in ended} == {
        ("A4", datetime.date(2026, 11, 18)),
        ("A5", datetime.date(2026, 11, 18)),
    }


def test_closing_the_cin_episode_cancels_every_open_clock(personas: Personas) -> None:
    plan = open_cin(personas, started_on=datetime.date(2026, 10, 1))
    assert Clock.objects.filter(person=personas.child, stopped_on__isnull=True).count() == 3
    protection_actions.close_cin_episode(
        actor=personas.worker,
        episode=plan.episode,
        ended_on=datetime.date(2026, 11, 18),
        closure_reason="RC7",
        today=TODAY,
    )
    assert not Clock.objects.filter(person=personas.child, stopped_on__isnull=True).exists()
    assert set(
        Clock.objects.filter(person=personas.child)
        .exclude(rule_id="F1")  # met on the referral date
        .values_list("rule_id", "state")
    ) == {("A1", "cancelled"), ("A4", "cancelled"), ("A5", "cancelled")}


def test_recompute_is_a_diff_and_reports_changes(personas: Personas) -> None:
    open_cp(personas)
    ids = set(Clock.objects.values_list("pk", flat=True))
    assert recompute_for_person(personas.child.pk) == 0
    assert set(Clock.objects.values_list("pk", flat=True)) == ids


def test_late_reason_survives_recompute_and_writes_an_event(personas: Personas) -> None:
    open_cp(personas)
    clock = c8(personas)[0]
    actions.record_late_reason(actor=personas.worker, clock=clock, reason="Family away")
    visit(personas, datetime.date(2026, 11, 19))  # recomputes: the clock is now met late
    call_command("recompute_clocks", stdout=io.StringIO())
    first = c8(personas)[0]
    assert first.pk == clock.pk and first.state == "met_late"
    assert first.late_reason == "Family away" and first.late_reason_by == personas.worker
    assert personas.child.events.filter(kind="clock_late_reason").exists()


def test_late_reason_refused_for_a_clock_that_is_not_late(personas: Personas) -> None:
    open_cp(personas)
    c6 = Clock.objects.get(person=personas.child, rule_id="C6")
    with pytest.raises(actions.ActionError):
        actions.record_late_reason(actor=personas.worker, clock=c6, reason="n/a")
    with pytest.raises(actions.ActionError):
        actions.record_late_reason(actor=personas.other_worker, clock=c8(personas)[0], reason="x")


def test_changing_local_practice_then_recompute_moves_due_dates(personas: Personas) -> None:
    open_cp(personas)
    visit(personas, datetime.date(2026, 11, 19))
    assert [c.state for c in c8(personas)] == ["met_late", "running"]
    actions.update_practice(
        actor=personas.admin, practice=LocalPractice(limits={"C8": WorkingDays(15)})
    )
    assert current_practice().limits["C8"] == WorkingDays(15)
    # Saving the settings does not rewrite clocks by itself.
    assert c8(personas)[0].due_on == datetime.date(2026, 11, 16)
    out = io.StringIO()
    call_command("recompute_clocks", stdout=out)
    first, current = c8(personas)
    assert (first.due_on, first.state) == (datetime.date(2026, 11, 23), "met")
    assert current.due_on == datetime.date(2026, 12, 10)
    assert out.getvalue().startswith("2 clocks changed")
    # F1, C2 and the first visit are met; nothing is late any more (C4 is still overdue).
    assert "Met: 3" in out.getvalue() and "Met late: 0" in out.getvalue()


def test_only_administrators_change_local_practice(personas: Personas) -> None:
    with pytest.raises(actions.ActionError):
        actions.update_practice(actor=personas.manager, practice=LocalPractice())


def test_system_check_reports_a_bad_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    good = timescales.CATALOGUE
    assert catalogue_errors(good) == []
    nameless = timescales.rule_by_id("C8")
    duplicate = (*good, nameless)
    no_source = dataclasses.replace(nameless, id="X1")
    object.__setattr__(no_source, "source", "")  # a Rule cannot be built without one
    errors = catalogue_errors((*duplicate, no_source))
    messages = [e.msg for e in errors]
    assert "C8: duplicate id (2 rules)" in messages
    assert any(m.startswith("X1: source is blank") for m in messages)
    assert all(e.id == "clocks.E001" for e in errors)
    monkeypatch.setattr(timescales, "CATALOGUE", duplicate)
    assert [e.id for e in run_checks() if (e.id or "").startswith("clocks")] == ["clocks.E001"]


def test_refresh_bank_holidays_validates_then_writes(tmp_path: Path) -> None:
    good = {
        "division": "england-and-wales",
        "version": "2026-11-01",
        "events": [{"title": "Christmas Day", "date": "2026-12-25"}],
    }
    src, dest = tmp_path / "in.json", tmp_path / "out.json"
    src.write_text(json.dumps(good))
    out = io.StringIO()
    call_command("refresh_bank_holidays", file=str(src), dest=str(dest), stdout=out)
    assert json.loads(dest.read_text())["version"] == "2026-11-01"
    assert "recompute_clocks" in out.getvalue()
    src.write_text(json.dumps({**good, "division": "scotland"}))
    dest.unlink()
    with pytest.raises(CommandError, match="Wrong division"):
        call_command("refresh_bank_holidays", file=str(src), dest=str(dest))
    assert not dest.exists()
