"""Single assessments over JSON: the same actions and access rules as the pages."""
# No `from __future__ import annotations` here: Ninja reads the annotations at run time.

import datetime

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from accounts.access import get_visible_person_or_404, log_view
from accounts.models import User
from assessments import actions
from assessments.models import Assessment
from assessments.quality import Completeness
from assessments.queries import for_child, summary_for, with_summaries
from csc.errors import ActionError
from front_door.models import Referral

from .schemas import ErrorOut

router = Router(tags=["assessments"])

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class SectionOut(Schema):
    name: str
    label: str
    status: str
    words: int


class CompletenessOut(Schema):
    sections: list[SectionOut]
    warnings: list[str]
    child_views_missing: bool
    reassessment: bool


class AssessmentOut(Schema):
    id: int
    reference: str
    person_id: int
    referral_id: int
    worker_id: int
    worker: str
    started_on: datetime.date
    state: str
    lived_experience: str
    child_views: str
    history: str
    parenting_capacity: str
    family_environment: str
    identity: str
    partner_contributions: str
    analysis: str
    language: str
    interpreter_used: bool | None
    child_seen_on: datetime.date | None
    seen_alone: bool | None
    seen_with: str
    factors: list[str]
    outcome: str
    outcome_reason: str
    submitted_on: datetime.date | None
    authorised_on: datetime.date | None
    authorised_by_id: int | None
    authorisation_note: str
    completeness: CompletenessOut


class AssessmentIn(Schema):
    referral_id: int
    started_on: datetime.date
    worker_id: int | None = None


class SectionsIn(Schema):
    lived_experience: str | None = None
    child_views: str | None = None
    history: str | None = None
    parenting_capacity: str | None = None
    family_environment: str | None = None
    identity: str | None = None
    partner_contributions: str | None = None
    analysis: str | None = None
    language: str | None = None
    interpreter_used: bool | None = None
    # Optional parts recorded with their own actions when present.
    child_seen_on: datetime.date | None = None
    seen_alone: bool | None = None
    seen_with: str = ""
    factors: list[str] | None = None
    outcome: str | None = None
    outcome_reason: str = ""
    submit: bool = False
    submitted_on: datetime.date | None = None


class AuthoriseIn(Schema):
    authorised_on: datetime.date
    confirmed: bool = False
    note: str = ""


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _completeness_out(c: Completeness) -> dict[str, object]:
    return {
        "sections": [
            {"name": s.name, "label": s.label, "status": s.status, "words": s.words}
            for s in c.sections
        ],
        "warnings": c.warnings,
        "child_views_missing": c.child_views_missing,
        "reassessment": c.is_reassessment,
    }


def _out(a: Assessment, c: Completeness | None = None) -> dict[str, object]:
    fields = {name: getattr(a, name) for name in AssessmentOut.model_fields if hasattr(a, name)}
    return {
        **fields,
        "id": a.pk,
        "reference": a.reference,
        "worker": str(a.worker),
        "completeness": _completeness_out(c or summary_for(a)),
    }


def _assessment(request: HttpRequest, assessment_id: int) -> Assessment:
    """The assessment, if the user may see its child (404 otherwise); reads are logged."""
    user = _user(request)
    assessment = get_object_or_404(
        Assessment.objects.select_related("worker", "referral__episode"), pk=assessment_id
    )
    person = get_visible_person_or_404(user, assessment.person_id)
    if request.method == "GET":
        log_view(user, person, page="API: assessment", path=request.path)
    return assessment


@router.get("/people/{person_id}/assessments", response=list[AssessmentOut])
def list_assessments(request: HttpRequest, person_id: int) -> list[dict[str, object]]:
    user = _user(request)
    person = get_visible_person_or_404(user, person_id)
    log_view(user, person, page="API: assessments", path=request.path)
    return [_out(a, c) for a, c in with_summaries(for_child(person))]


@router.post(
    "/people/{person_id}/assessments",
    response={201: AssessmentOut, **ERRORS},
    summary="Start an assessment for one of the child's referrals",
)
def start_assessment(
    request: HttpRequest, person_id: int, payload: AssessmentIn
) -> Status[dict[str, object]]:
    user = _user(request)
    person = get_visible_person_or_404(user, person_id)
    referral = get_object_or_404(Referral, pk=payload.referral_id, person=person)
    worker = get_object_or_404(User, pk=payload.worker_id) if payload.worker_id else None
    assessment = actions.start_assessment(
        actor=user, referral=referral, started_on=payload.started_on, worker=worker
    )
    return Status(201, _out(assessment))


@router.get("/assessments/{assessment_id}", response=AssessmentOut)
def get_assessment(request: HttpRequest, assessment_id: int) -> dict[str, object]:
    return _out(_assessment(request, assessment_id))


@transaction.atomic
def _update(request: HttpRequest, assessment_id: int, payload: SectionsIn) -> dict[str, object]:
    user = _user(request)
    assessment = _assessment(request, assessment_id)
    data = payload.dict(exclude_unset=True)
    sections = {
        k: data[k]
        for k in (*actions.SECTION_FIELDS, *actions.IDENTITY_FIELDS)
        if k in data and (data[k] is not None or k == "interpreter_used")
    }
    if sections:
        actions.save_sections(actor=user, assessment=assessment, sections=sections)
    if payload.child_seen_on is not None:
        if payload.seen_alone is None:
            raise ActionError({"seen_alone": ["Say whether the child was seen alone"]})
        actions.record_child_seen(
            actor=user,
            assessment=assessment,
            seen_on=payload.child_seen_on,
            seen_alone=payload.seen_alone,
            seen_with=payload.seen_with,
        )
    if payload.factors is not None:
        actions.record_factors(actor=user, assessment=assessment, factors=payload.factors)
    if payload.outcome is not None:
        actions.record_outcome(
            actor=user,
            assessment=assessment,
            outcome=payload.outcome,
            reason=payload.outcome_reason,
        )
    if payload.submit:
        actions.submit_assessment(
            actor=user, assessment=assessment, submitted_on=payload.submitted_on
        )
    assessment.refresh_from_db()
    return _out(assessment)


@router.patch(
    "/assessments/{assessment_id}/sections",
    response={200: AssessmentOut, **ERRORS},
    summary="Save sections as a draft (only the fields sent change); optionally submit",
)
def patch_sections(
    request: HttpRequest, assessment_id: int, payload: SectionsIn
) -> dict[str, object]:
    return _update(request, assessment_id, payload)


@router.post(
    "/assessments/{assessment_id}/sections",
    response={200: AssessmentOut, **ERRORS},
    summary="Same as PATCH, for clients that cannot send PATCH",
)
def post_sections(
    request: HttpRequest, assessment_id: int, payload: SectionsIn
) -> dict[str, object]:
    return _update(request, assessment_id, payload)


@router.post(
    "/assessments/{assessment_id}/authorise",
    response={200: AssessmentOut, **ERRORS},
    summary="Authorise (managers only)",
)
def authorise(request: HttpRequest, assessment_id: int, payload: AuthoriseIn) -> dict[str, object]:
    user = _user(request)
    assessment = _assessment(request, assessment_id)
    actions.authorise_assessment(
        actor=user,
        assessment=assessment,
        authorised_on=payload.authorised_on,
        confirmed=payload.confirmed,
        note=payload.note,
    )
    return _out(assessment)
