from __future__ import annotations

import datetime

import pytest

from assessments import actions
from assessments.choices import AssessmentState
from assessments.models import Assessment
from assessments.queries import summary_for
from casework.models import Event
from csc.errors import ActionError
from csc.testing import TODAY, Personas

from .helpers import REFERRAL_DATE, START, authorised, referral, started, submitted

pytestmark = pytest.mark.django_db


def test_start_defaults_the_worker_and_records_an_event(personas: Personas) -> None:
    a = started(personas)
    assert a.worker == personas.worker
    assert a.state == AssessmentState.DRAFT
    assert Event.objects.filter(person=personas.child, kind="assessment_started").exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (REFERRAL_DATE - datetime.timedelta(days=1), "on or after the referral date"),
        (TODAY + datetime.timedelta(days=1), "today or in the past"),
    ],
)
def test_start_dates_out_of_order_are_refused(
    personas: Personas, day: datetime.date, message: str
) -> None:
    ref = referral(personas)
    with pytest.raises(ActionError) as exc:
        actions.start_assessment(actor=personas.worker, referral=ref, started_on=day)
    assert message in exc.value.errors["started_on"][0]
    assert not Assessment.objects.exists()


def test_one_assessment_in_progress_per_referral(personas: Personas) -> None:
    a = started(personas)
    with pytest.raises(ActionError, match="already in progress"):
        started(personas, a.referral)


def test_child_seen_before_the_start_is_refused(personas: Personas) -> None:
    a = started(personas)
    with pytest.raises(ActionError) as exc:
        actions.record_child_seen(
            actor=personas.worker,
            assessment=a,
            seen_on=START - datetime.timedelta(days=1),
            seen_alone=True,
        )
    assert "on or after the assessment start date" in exc.value.errors["seen_on"][0]
    a.refresh_from_db()
    assert a.child_seen_on is None


def test_child_seen_in_the_future_is_refused(personas: Personas) -> None:
    a = started(personas)
    with pytest.raises(ActionError, match="today or in the past"):
        actions.record_child_seen(
            actor=personas.worker,
            assessment=a,
            seen_on=TODAY + datetime.timedelta(days=1),
            seen_alone=True,
        )


def test_seen_not_alone_needs_who_else_was_there(personas: Personas) -> None:
    a = started(personas)
    with pytest.raises(ActionError) as exc:
        actions.record_child_seen(
            actor=personas.worker, assessment=a, seen_on=START, seen_alone=False
        )
    assert "seen_with" in exc.value.errors


def test_saving_some_sections_keeps_the_others(personas: Personas) -> None:
    a = started(personas)
    actions.save_sections(actor=personas.worker, assessment=a, sections={"history": "Old notes"})
    actions.save_sections(actor=personas.worker, assessment=a, sections={"analysis": "Risk"})
    a.refresh_from_db()
    assert (a.history, a.analysis) == ("Old notes", "Risk")


@pytest.mark.parametrize(
    ("factors", "message"),
    [
        (["21", "1A"], "cannot be chosen with any other factor"),
        (["1A", "1A"], "only once"),
        (["18A"], "not an assessment factor code"),
        ([], "Select the factors"),
    ],
)
def test_factor_codes_follow_the_census_rules(
    personas: Personas, factors: list[str], message: str
) -> None:
    a = started(personas)
    with pytest.raises(ActionError, match=message):
        actions.record_factors(actor=personas.worker, assessment=a, factors=factors)


def test_factors_are_stored_as_codes_in_order(personas: Personas) -> None:
    a = started(personas)
    actions.record_factors(actor=personas.worker, assessment=a, factors=["16A", "3b", "1B"])
    assert a.factors == ["1B", "3B", "16A"]


def test_submit_needs_outcome_and_factors(personas: Personas) -> None:
    a = started(personas)
    with pytest.raises(ActionError) as exc:
        actions.submit_assessment(actor=personas.worker, assessment=a)
    assert set(exc.value.errors) == {"outcome", "factors"}


def test_a_submitted_assessment_cannot_be_edited(personas: Personas) -> None:
    a = submitted(personas)
    with pytest.raises(ActionError, match="awaiting authorisation"):
        actions.save_sections(actor=personas.worker, assessment=a, sections={"history": "x"})


@pytest.mark.parametrize("who", ["worker", "colleague", "other_worker", "mash", "partner"])
def test_only_managers_may_authorise_and_nothing_is_saved(personas: Personas, who: str) -> None:
    a = submitted(personas)
    with pytest.raises(ActionError) as exc:
        actions.authorise_assessment(
            actor=getattr(personas, who), assessment=a, authorised_on=TODAY, confirmed=True
        )
    assert exc.value.code == "forbidden"
    assert "team manager, head of service or director" in str(exc.value)
    a.refresh_from_db()
    assert (a.state, a.authorised_on, a.authorised_by) == (AssessmentState.SUBMITTED, None, None)
    assert not Event.objects.filter(kind="assessment_authorised").exists()


@pytest.mark.parametrize("who", ["manager", "head", "director"])
def test_managers_authorise(personas: Personas, who: str) -> None:
    a = submitted(personas)
    actions.authorise_assessment(
        actor=getattr(personas, who), assessment=a, authorised_on=TODAY, confirmed=True
    )
    a.refresh_from_db()
    assert a.state == AssessmentState.AUTHORISED
    assert a.authorised_by == getattr(personas, who)


@pytest.mark.parametrize(
    ("day", "confirmed", "field"),
    [
        (START - datetime.timedelta(days=1), True, "authorised_on"),
        (TODAY + datetime.timedelta(days=1), True, "authorised_on"),
        (TODAY, False, "confirmed"),
    ],
)
def test_authorisation_dates_and_confirmation(
    personas: Personas, day: datetime.date, confirmed: bool, field: str
) -> None:
    a = submitted(personas)
    with pytest.raises(ActionError) as exc:
        actions.authorise_assessment(
            actor=personas.manager, assessment=a, authorised_on=day, confirmed=confirmed
        )
    assert field in exc.value.errors
    a.refresh_from_db()
    assert a.state == AssessmentState.SUBMITTED


@pytest.mark.parametrize(
    ("outcome", "closure"), [("NFA", "RC8"), ("EARLY_HELP", "RC9"), ("CIN_PLAN", "")]
)
def test_closing_outcomes_close_the_cin_episode(
    personas: Personas, outcome: str, closure: str
) -> None:
    a = authorised(personas, submitted(personas, outcome=outcome))
    episode = a.referral.episode
    episode.refresh_from_db()
    assert episode.closure_reason == closure
    assert episode.ended_on == (a.authorised_on if closure else None)


def test_no_factors_only_with_nfa(personas: Personas) -> None:
    a = started(personas)
    actions.record_factors(actor=personas.worker, assessment=a, factors=["21"])
    actions.record_outcome(actor=personas.worker, assessment=a, outcome="CIN_PLAN")
    with pytest.raises(ActionError, match="no further action"):
        actions.submit_assessment(actor=personas.worker, assessment=a)


def test_manager_returns_to_worker(personas: Personas) -> None:
    a = submitted(personas)
    actions.return_assessment(actor=personas.manager, assessment=a, reason="Add the history")
    assert a.state == AssessmentState.DRAFT
    actions.save_sections(actor=personas.worker, assessment=a, sections={"history": "Done"})


def test_reassessment_within_12_months_is_flagged(personas: Personas) -> None:
    first = authorised(
        personas,
        submitted(personas, outcome="NFA"),
        on=datetime.date(2026, 10, 1),
    )
    second_referral = referral(personas, datetime.date(2026, 11, 2))
    second = started(personas, second_referral, started_on=datetime.date(2026, 11, 3))
    summary = summary_for(second)
    assert summary.reassessment_of == first.authorised_on
    assert any("Reassessment" in w for w in summary.warnings)
    # The first assessment is not a reassessment of anything.
    assert not summary_for(first).is_reassessment


def test_an_assessment_authorised_over_12_months_before_is_not_a_reassessment(
    personas: Personas,
) -> None:
    old_ref = referral(personas, datetime.date(2025, 9, 1))
    authorised(
        personas,
        submitted(personas, old_ref, started_on=datetime.date(2025, 9, 2), outcome="NFA"),
        on=datetime.date(2025, 10, 1),
    )
    newer = started(
        personas, referral(personas, datetime.date(2026, 10, 5)), datetime.date(2026, 10, 6)
    )
    assert not summary_for(newer).is_reassessment


def test_a_manager_cannot_authorise_their_own_assessment(personas: Personas) -> None:
    a = submitted(personas)
    a.worker = personas.manager  # the manager wrote it themselves
    a.save(update_fields=["worker"])
    with pytest.raises(ActionError, match="you completed"):
        actions.authorise_assessment(
            actor=personas.manager, assessment=a, authorised_on=TODAY, confirmed=True
        )
    a.refresh_from_db()
    assert a.state == AssessmentState.SUBMITTED


def test_authorisation_before_submission_is_refused(personas: Personas) -> None:
    a = submitted(personas)
    a.submitted_on = TODAY
    a.save(update_fields=["submitted_on"])
    with pytest.raises(ActionError) as exc:
        actions.authorise_assessment(
            actor=personas.manager,
            assessment=a,
            authorised_on=TODAY - datetime.timedelta(days=1),
            confirmed=True,
        )
    assert "on or after the date it was submitted" in exc.value.errors["authorised_on"][0]
    a.refresh_from_db()
    assert a.state == AssessmentState.SUBMITTED
