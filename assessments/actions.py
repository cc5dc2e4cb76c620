"""Writes for assessments. Views, the API, demo data and tests all call these.

Each action is typed, keyword-only and atomic, refuses bad input with an ActionError worded for a
GOV.UK error summary (saving nothing), and ends by writing one Event about the child.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from accounts.choices import MANAGER_ROLES
from casework import actions as casework_actions
from casework.choices import AllocationRole
from casework.events import EventKind, atomic_action, record_event, register_kinds
from casework.models import Allocation
from csc.errors import ActionError

from .choices import CLOSING_OUTCOMES, NO_FACTORS, AssessmentState, Factor, Outcome, factor_sort_key
from .models import Assessment
from .quality import SECTION_FIELDS

if TYPE_CHECKING:
    from accounts.models import User
    from front_door.models import Referral

register_kinds(
    EventKind("assessment_started", "Assessment started"),
    EventKind("assessment_updated", "Assessment sections saved", "record"),
    EventKind("assessment_child_seen", "Child seen during assessment"),
    EventKind("assessment_factors", "Assessment factors recorded", "record"),
    EventKind("assessment_outcome", "Assessment outcome recorded", "record"),
    EventKind("assessment_submitted", "Assessment submitted for authorisation"),
    EventKind("assessment_returned", "Assessment returned to the worker"),
    EventKind("assessment_authorised", "Assessment authorised"),
)

MAX_SECTION_LENGTH = 50_000
# Plain-text identity fields that a section save may also set.
IDENTITY_FIELDS = ("language", "interpreter_used")
NOT_MANAGER = "Only a team manager, head of service or director can authorise an assessment"


def _fmt(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _require_staff(actor: User | None) -> None:
    if actor is not None and (not actor.is_active or actor.is_partner):
        raise ActionError("You do not have permission to do that", code="forbidden")


def _require_editable(assessment: Assessment) -> None:
    if assessment.state == AssessmentState.AUTHORISED:
        raise ActionError("This assessment has been authorised and can no longer be changed")
    if assessment.state == AssessmentState.SUBMITTED:
        raise ActionError(
            "This assessment is awaiting authorisation. Ask your manager to return it "
            "if it needs changes"
        )


def _touch(assessment: Assessment, fields: list[str]) -> None:
    assessment.updated_at = timezone.now()
    assessment.save(update_fields=[*fields, "updated_at"])


def allocated_worker(referral: Referral) -> User | None:
    allocation = (
        Allocation.objects.filter(
            person_id=referral.person_id,
            role=AllocationRole.SOCIAL_WORKER,
            ended_on__isnull=True,
            worker__isnull=False,
        )
        .select_related("worker")
        .first()
    )
    return allocation.worker if allocation else None


@dataclass(frozen=True)
class _Entry:
    """What one step writes to the event log, once the assessment is saved."""

    kind: str
    # From the assessment's reference, which exists only once it is saved.
    summary: Callable[[str], str]
    details: dict[str, Any]
    occurred_at: datetime.date | None = None


def _log(actor: User | None, assessment: Assessment, entry: _Entry) -> None:
    record_event(
        kind=entry.kind,
        actor=actor,
        person=assessment.person,
        summary=entry.summary(assessment.reference),
        occurred_at=entry.occurred_at,
        details={"assessment_id": assessment.pk, **entry.details},
        subject=assessment,
    )


def _new_assessment(
    *,
    referral: Referral,
    started_on: datetime.date,
    worker: User | None,
    today: datetime.date,
) -> Assessment:
    """Check a start and return the unsaved assessment."""
    problems: dict[str, str | None] = {}
    if started_on > today:
        problems["started_on"] = "Start date must be today or in the past"
    elif started_on < referral.referral_date:
        problems["started_on"] = (
            f"Start date must be on or after the referral date ({_fmt(referral.referral_date)})"
        )
    if worker is None:
        problems["worker"] = "Choose the social worker"
    elif not worker.is_active or worker.role not in casework_actions.ALLOCATABLE_ROLES:
        problems["worker"] = f"{worker} cannot hold a caseload"
    ActionError.collect(problems)
    assert worker is not None
    if referral.nfa:
        raise ActionError({"referral": ["This referral was closed with no further action"]})
    episode = referral.episode
    if episode.ended_on is not None and episode.ended_on < started_on:
        raise ActionError({"referral": ["The child in need episode for this referral has ended"]})
    if (
        Assessment.objects.filter(referral=referral)
        .exclude(state=AssessmentState.AUTHORISED)
        .exists()
    ):
        raise ActionError({"referral": ["An assessment for this referral is already in progress"]})
    now = timezone.now()
    return Assessment(
        person=referral.person,
        referral=referral,
        worker=worker,
        started_on=started_on,
        language=referral.person.first_language,
        created_at=now,
        updated_at=now,
    )


def _started(assessment: Assessment) -> _Entry:
    return _Entry(
        "assessment_started",
        lambda ref: f"Assessment {ref} started by {assessment.worker}",
        {"referral_id": assessment.referral_id},
        assessment.started_on,
    )


@atomic_action
def start_assessment(
    *,
    actor: User | None,
    referral: Referral,
    started_on: datetime.date,
    worker: User | None = None,
    today: datetime.date | None = None,
) -> Assessment:
    """Start a single assessment for a referral. The worker defaults to the allocated worker."""
    today = today or timezone.localdate()
    _require_staff(actor)
    worker = worker or allocated_worker(referral) or actor
    assessment = _new_assessment(
        referral=referral, started_on=started_on, worker=worker, today=today
    )
    assessment.save()
    _log(actor, assessment, _started(assessment))
    return assessment


def _sections(assessment: Assessment, sections: Mapping[str, Any]) -> tuple[list[str], _Entry]:
    """Set the sections given; returns the fields changed."""
    allowed = set(SECTION_FIELDS) | set(IDENTITY_FIELDS)
    unknown = sorted(set(sections) - allowed)
    if unknown:
        raise ActionError(f"Unknown section: {', '.join(unknown)}")
    problems: dict[str, str | None] = {}
    changed = []
    for name, value in sections.items():
        if name == "interpreter_used":
            if value is not None and not isinstance(value, bool):
                problems[name] = "Select whether an interpreter was used"
                continue
        else:
            value = (value or "").strip()
            limit = 60 if name == "language" else MAX_SECTION_LENGTH
            if len(value) > limit:
                problems[name] = f"This must be {limit:,} characters or fewer"
                continue
        if getattr(assessment, name) != value:
            setattr(assessment, name, value)
            changed.append(name)
    ActionError.collect(problems)
    entry = _Entry(
        "assessment_updated",
        lambda ref: (
            f"Assessment {ref}: sections saved"
            + (f" ({len(changed)} changed)" if changed else " (no changes)")
        ),
        {"changed": changed},
    )
    return changed, entry


@atomic_action
def save_sections(
    *,
    actor: User | None,
    assessment: Assessment,
    sections: Mapping[str, Any],
) -> Assessment:
    """Save any of the written sections (and language / interpreter) as a draft.

    Only the keys given are changed, so a partial save never blanks another section.
    """
    _require_staff(actor)
    _require_editable(assessment)
    changed, entry = _sections(assessment, sections)
    _touch(assessment, changed)
    _log(actor, assessment, entry)
    return assessment


@dataclass(frozen=True)
class ChildSeen:
    seen_on: datetime.date
    seen_alone: bool
    seen_with: str = ""


def _child_seen(assessment: Assessment, seen: ChildSeen, today: datetime.date) -> _Entry:
    seen_with = seen.seen_with.strip()
    problems: dict[str, str | None] = {}
    if seen.seen_on > today:
        problems["seen_on"] = "Date the child was seen must be today or in the past"
    elif seen.seen_on < assessment.started_on:
        problems["seen_on"] = (
            "Date the child was seen must be on or after the assessment start date "
            f"({_fmt(assessment.started_on)})"
        )
    if not seen.seen_alone and not seen_with:
        problems["seen_with"] = "Enter who else was there when the child was seen"
    if len(seen_with) > 250:
        problems["seen_with"] = "Who else was there must be 250 characters or fewer"
    ActionError.collect(problems)
    assessment.child_seen_on = seen.seen_on
    assessment.seen_alone = seen.seen_alone
    assessment.seen_with = seen_with
    return _Entry(
        "assessment_child_seen",
        lambda ref: (
            f"Child seen for assessment {ref}"
            + (" (seen alone)" if seen.seen_alone else f" with {seen_with}")
        ),
        {"seen_alone": seen.seen_alone},
        seen.seen_on,
    )


@atomic_action
def record_child_seen(
    *,
    actor: User | None,
    assessment: Assessment,
    seen_on: datetime.date,
    seen_alone: bool,
    seen_with: str = "",
    today: datetime.date | None = None,
) -> Assessment:
    today = today or timezone.localdate()
    _require_staff(actor)
    _require_editable(assessment)
    entry = _child_seen(assessment, ChildSeen(seen_on, seen_alone, seen_with), today)
    _touch(assessment, ["child_seen_on", "seen_alone", "seen_with"])
    _log(actor, assessment, entry)
    return assessment


def clean_factors(factors: Sequence[str]) -> list[str]:
    """Validate CIN census factor codes as the census does; return them in code order."""
    codes = [str(f).strip().upper() for f in factors]
    unknown = sorted(set(codes) - set(Factor.values))
    if unknown:
        raise ActionError({"factors": [f"{', '.join(unknown)} is not an assessment factor code"]})
    if len(set(codes)) != len(codes):
        raise ActionError({"factors": ["Each factor can be chosen only once"]})
    if NO_FACTORS in codes and len(codes) > 1:
        raise ActionError(
            {"factors": ["“No factors identified” cannot be chosen with any other factor"]}
        )
    return sorted(codes, key=factor_sort_key)


def _factors(assessment: Assessment, factors: Sequence[str]) -> _Entry:
    if not factors:
        raise ActionError(
            {"factors": ["Select the factors identified, or “No factors identified”"]}
        )
    assessment.factors = clean_factors(factors)
    return _Entry(
        "assessment_factors",
        lambda ref: f"Assessment {ref}: factors {', '.join(assessment.factors)}",
        {"factors": assessment.factors},
    )


@atomic_action
def record_factors(
    *, actor: User | None, assessment: Assessment, factors: Sequence[str]
) -> Assessment:
    _require_staff(actor)
    _require_editable(assessment)
    entry = _factors(assessment, factors)
    _touch(assessment, ["factors"])
    _log(actor, assessment, entry)
    return assessment


def _outcome(assessment: Assessment, outcome: str, reason: str) -> _Entry:
    reason = reason.strip()
    ActionError.collect(
        {
            "outcome": None if outcome in Outcome.values else "Select the outcome",
            "outcome_reason": "Enter the reasons for the outcome"
            if not reason and outcome == Outcome.OTHER
            else None,
        }
    )
    assessment.outcome = outcome
    assessment.outcome_reason = reason
    return _Entry(
        "assessment_outcome",
        lambda ref: f"Assessment {ref}: outcome {Outcome(outcome).label.lower()}",
        {"outcome": outcome},
    )


@atomic_action
def record_outcome(
    *, actor: User | None, assessment: Assessment, outcome: str, reason: str = ""
) -> Assessment:
    _require_staff(actor)
    _require_editable(assessment)
    entry = _outcome(assessment, outcome, reason)
    _touch(assessment, ["outcome", "outcome_reason"])
    _log(actor, assessment, entry)
    return assessment


def _submit(assessment: Assessment, submitted_on: datetime.date, today: datetime.date) -> _Entry:
    ActionError.collect(
        {
            "outcome": None if assessment.outcome else "Record the outcome before submitting",
            "factors": None if assessment.factors else "Record the factors before submitting",
            "submitted_on": "Submission date must be on or after the start date"
            if submitted_on < assessment.started_on
            else ("Submission date must be today or in the past" if submitted_on > today else None),
        }
    )
    if NO_FACTORS in assessment.factors and assessment.outcome != Outcome.NFA:
        raise ActionError(
            {
                "factors": [
                    "“No factors identified” can only be used when the outcome is no further action"
                ]
            }
        )
    assessment.state = AssessmentState.SUBMITTED
    assessment.submitted_on = submitted_on
    return _Entry(
        "assessment_submitted",
        lambda ref: f"Assessment {ref} submitted for authorisation",
        {},
        submitted_on,
    )


@atomic_action
def submit_assessment(
    *,
    actor: User | None,
    assessment: Assessment,
    submitted_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Assessment:
    """Send to a manager. Needs an outcome and factors (the census needs both once complete)."""
    today = today or timezone.localdate()
    _require_staff(actor)
    _require_editable(assessment)
    entry = _submit(assessment, submitted_on or today, today)
    _touch(assessment, ["state", "submitted_on"])
    _log(actor, assessment, entry)
    return assessment


def can_authorise(user: User | None) -> bool:
    """`None` is the system (imports, demo)."""
    if user is None:
        return True
    return user.is_active and user.role in MANAGER_ROLES


def _require_manager(actor: User | None) -> None:
    if not can_authorise(actor):
        raise ActionError(NOT_MANAGER, code="forbidden")


@atomic_action
def return_assessment(*, actor: User | None, assessment: Assessment, reason: str) -> Assessment:
    """A manager sends a submitted assessment back to the worker with what needs doing."""
    _require_manager(actor)
    if assessment.state != AssessmentState.SUBMITTED:
        raise ActionError("Only an assessment awaiting authorisation can be returned")
    reason = reason.strip()
    if not reason:
        raise ActionError({"reason": ["Enter what needs to change"]})
    assessment.state = AssessmentState.DRAFT
    assessment.returned_reason = reason
    assessment.submitted_on = None
    _touch(assessment, ["state", "returned_reason", "submitted_on"])
    record_event(
        kind="assessment_returned",
        actor=actor,
        person=assessment.person,
        summary=f"Assessment {assessment.reference} returned to {assessment.worker}",
        details={"assessment_id": assessment.pk, "reason": reason[:500]},
        subject=assessment,
    )
    return assessment


def _authorise(
    assessment: Assessment,
    actor: User | None,
    authorised_on: datetime.date,
    *,
    confirmed: bool,
    note: str,
    today: datetime.date,
) -> None:
    if assessment.state != AssessmentState.SUBMITTED:
        raise ActionError("Only an assessment submitted for authorisation can be authorised")
    if actor is not None and actor.pk == assessment.worker_id:
        # Management oversight means a second person: nobody signs off their own assessment.
        raise ActionError(
            "You cannot authorise an assessment you completed. Ask another manager",
            code="forbidden",
        )
    problems: dict[str, str | None] = {}
    if authorised_on > today:
        problems["authorised_on"] = "Authorisation date must be today or in the past"
    elif authorised_on < assessment.started_on:
        problems["authorised_on"] = (
            "Authorisation date must be on or after the assessment start date "
            f"({_fmt(assessment.started_on)})"
        )
    elif assessment.submitted_on and authorised_on < assessment.submitted_on:
        problems["authorised_on"] = (
            "Authorisation date must be on or after the date it was submitted "
            f"({_fmt(assessment.submitted_on)})"
        )
    if not confirmed:
        problems["confirmed"] = "Confirm that you have read the assessment and agree the outcome"
    ActionError.collect(problems)
    assessment.state = AssessmentState.AUTHORISED
    assessment.authorised_on = authorised_on
    assessment.authorised_by = actor
    assessment.authorisation_note = note.strip()


def _after_authorised(actor: User | None, assessment: Assessment, today: datetime.date) -> None:
    """Close the episode if the outcome does, then log the authorisation."""
    assert assessment.authorised_on is not None
    authorised_on = assessment.authorised_on
    closure = CLOSING_OUTCOMES.get(assessment.outcome)
    episode = assessment.referral.episode
    if closure and episode.ended_on is None:
        casework_actions.close_episode(
            actor=actor,
            episode=episode,
            ended_on=max(authorised_on, episode.started_on),
            closure_reason=closure,
            today=today,
        )
    record_event(
        kind="assessment_authorised",
        actor=actor,
        person=assessment.person,
        summary=f"Assessment {assessment.reference} authorised: "
        f"{assessment.get_outcome_display().lower()}",
        occurred_at=authorised_on,
        details={
            "assessment_id": assessment.pk,
            "outcome": assessment.outcome,
            "factors": assessment.factors,
            "closed_episode": bool(closure and episode.ended_on == authorised_on),
        },
        subject=assessment,
    )


@atomic_action
def authorise_assessment(
    *,
    actor: User | None,
    assessment: Assessment,
    authorised_on: datetime.date,
    confirmed: bool,
    note: str = "",
    today: datetime.date | None = None,
) -> Assessment:
    """A manager authorises: the assessment is complete (CIN census AssessmentAuthorisationDate).

    An outcome of no further action or early help closes the CIN episode that the referral
    opened (RC8 / RC9, see choices.CLOSING_OUTCOMES) on the authorisation date, if it is open.
    """
    today = today or timezone.localdate()
    _require_manager(actor)
    _authorise(assessment, actor, authorised_on, confirmed=confirmed, note=note, today=today)
    _touch(assessment, ["state", "authorised_on", "authorised_by", "authorisation_note"])
    _after_authorised(actor, assessment, today)
    return assessment


@dataclass(frozen=True)
class AssessmentRecord:
    """An assessment done before it reached Trellis (a migration from another system, or the
    demonstration authority's history): everything the step-by-step screens record, as far as
    the work had got: leave out what had not happened yet (no submission date for a draft,
    no authorisation for one awaiting a manager)."""

    worker: User
    started_on: datetime.date
    sections: Mapping[str, Any]
    seen: ChildSeen | None = None
    factors: Sequence[str] = ()
    outcome: str = ""
    outcome_reason: str = ""
    submitted_on: datetime.date | None = None
    authorised_by: User | None = None
    authorised_on: datetime.date | None = None


@atomic_action
def record_assessment(
    *,
    referral: Referral,
    record: AssessmentRecord,
    today: datetime.date | None = None,
) -> Assessment:
    """Record an assessment's history in one write: the same checks, the same row and the
    same events as starting it and taking it through each step, in one insert. The worker
    is the actor of each step up to submission; the manager of the authorisation."""
    today = today or timezone.localdate()
    worker = record.worker
    _require_staff(worker)
    assessment = _new_assessment(
        referral=referral, started_on=record.started_on, worker=worker, today=today
    )
    entries = [_started(assessment)]
    entries.append(_sections(assessment, record.sections)[1])
    if record.seen is not None:
        entries.append(_child_seen(assessment, record.seen, today))
    if record.factors:
        entries.append(_factors(assessment, record.factors))
    if record.outcome:
        entries.append(_outcome(assessment, record.outcome, record.outcome_reason))
    if record.submitted_on is not None:
        entries.append(_submit(assessment, record.submitted_on, today))
    authorised = record.authorised_on is not None
    if record.authorised_on is not None:
        _require_manager(record.authorised_by)
        _authorise(
            assessment,
            record.authorised_by,
            record.authorised_on,
            confirmed=True,
            note="",
            today=today,
        )
    assessment.save()
    for entry in entries:
        _log(worker, assessment, entry)
    if authorised:
        _after_authorised(record.authorised_by, assessment, today)
    return assessment
