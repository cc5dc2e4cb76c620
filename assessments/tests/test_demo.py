from __future__ import annotations

import datetime
import random

import pytest

from assessments.choices import AssessmentState
from assessments.demo import generate_assessments
from csc.testing import TODAY, Personas

from .helpers import referral

pytestmark = pytest.mark.django_db


def test_generate_assessments_runs_through_the_actions(personas: Personas) -> None:
    old = referral(personas, datetime.date(2026, 6, 1))
    made = generate_assessments(
        rng=random.Random(4),
        today=TODAY,
        referrals=[old],
        workers_by_team={personas.team_a.pk: [personas.worker]},
        managers_by_team={personas.team_a.pk: [personas.manager]},
    )
    assert len(made) == 1
    a = made[0]
    a.refresh_from_db()
    assert a.worker == personas.worker
    assert a.state == AssessmentState.AUTHORISED
    assert a.started_on >= old.referral_date
    assert a.authorised_on is not None and a.authorised_on <= TODAY
    # Running again does not add a second assessment for the same referral.
    assert (
        generate_assessments(
            rng=random.Random(4),
            today=TODAY,
            referrals=[old],
            workers_by_team={},
            managers_by_team={},
        )
        == []
    )
