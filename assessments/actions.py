"""Writes for assessments. Views, the API, demo data and tests all call these.

Each action is typed, keyword-only and atomic, refuses bad input with an ActionError worded for a
GOV.UK error summary (saving nothing), and ends by writing one Event about the child.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
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
    assessment = Assessment.objects.create(
        person_id=referral.person_id,
        referral=referral,
        worker=worker,
        started_on=started_on,
        language=referral.person.first_language,
        created_at=now,
        updated_at=now,
    )
    record_event(
        kind="assessment_started",
        actor=actor,
        person=referral.person,
        summary=f"Assessment {assessment.reference} started by {worker}",
        occurred_at=started_on,
        details={"assessment_id": assessment.pk, "referral_id": referral.pk},
        subject=assessment,
    )
    return assessment


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
    _touch(assessment, changed)
    record_event(
        kind="assessment_updated",
        actor=actor,
        person=assessment.person,
        summary=f"Assessment {assessment.reference}: sections saved"
        + (f" ({len(changed)} changed)" if changed else " (no changes)"),
        details={"assessment_id": assessment.pk, "changed": changed},
        subject=assessment,
    )
    return assessment


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
    seen_with = seen_with.strip()
    problems: dict[str, str | None] = {}
    if seen_on > today:
        problems["seen_on"] = "Date the child was seen must be today or in the past"
    elif seen_on < assessment.started_on:
        problems["seen_on"] = (
            "Date the child was seen must be on or after the assessment start date "
            f"({_fmt(assessment.started_on)})"
        )
    if not seen_alone and not seen_with:
        problems["seen_with"] = "Enter who else was there when the child was seen"
    if len(seen_with) > 250:
        problems["seen_with"] = "Who else was there must be 250 characters or fewer"
    ActionError.collect(problems)
    assessment.child_seen_on = seen_on
    assessment.seen_alone = seen_alone
    assessment.seen_with = seen_with
    _touch(assessment, ["child_seen_on", "seen_alone", "seen_with"])
    record_event(
        kind="assessment_child_seen",
        actor=actor,
        person=assessment.person,
        summary=f"Child seen for assessment {assessment.reference}"
        + (" (seen alone)" if seen_alone else f" with {seen_with}"),
        occurred_at=seen_on,
        details={"assessment_id": assessment.pk, "seen_alone": seen_alone},
        subject=assessment,
    )
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


@atomic_action
def record_factors(
    *, actor: User | None, assessment: Assessment, factors: Sequence[str]
) -> Assessment:
    _require_staff(actor)
    _require_editable(assessment)
    if not factors:
        raise ActionError(
            {"factors": ["Select the factors identified, or “No factors identified”"]}
        )
    assessment.factors = clean_factors(factors)
    _touch(assessment, ["factors"])
    record_event(
        kind="assessment_factors",
        actor=actor,
        person=assessment.person,
        summary=f"Assessment {assessment.reference}: factors {', '.join(assessment.factors)}",
        details={"assessment_id": assessment.pk, "factors": assessment.factors},
        subject=assessment,
    )
    return assessment


@atomic_action
def record_outcome(
    *, actor: User | None, assessment: Assessment, outcome: str, reason: str = ""
) -> Assessment:
    _require_staff(actor)
    _require_editable(assessment)
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
    _touch(assessment, ["outcome", "outcome_reason"])
    record_event(
        kind="assessment_outcome",
        actor=actor,
        person=assessment.person,
        summary=f"Assessment {assessment.reference}: outcome {Outcome(outcome).label.lower()}",
        details={"assessment_id": assessment.pk, "outcome": outcome},
        subject=assessment,
    )
    return assessment


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
    submitted_on = submitted_on or today
    _require_staff(actor)
    _require_editable(assessment)
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
    _touch(assessment, ["state", "submitted_on"])
    record_event(
        kind="assessment_submitted",
        actor=actor,
        person=assessment.person,
        summary=f"Assessment {assessment.reference} submitted for authorisation",
        occurred_at=submitted_on,
        details={"assessment_id": assessment.pk},
        subject=assessment,
    )
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
    _touch(assessment, ["state", "authorised_on", "authorised_by", "authorisation_note"])
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
    return assessment
