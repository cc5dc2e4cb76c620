from __future__ import annotations

import datetime
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from csc.testing import Personas
from front_door import actions
from front_door.models import Contact
from front_door.queries import consistency
from people.models import Person

from .conftest import NOW, at


def test_consistency_counts_outcomes_and_returns(
    client: Client,
    personas: Personas,
    new_child: Callable[..., Person],
    make_contact: Callable[..., Contact],
) -> None:
    child = new_child()
    first = make_contact(child, received_at=at(2, 9), rating="green")
    nfa = actions.decide(
        actor=personas.mash, contact=first, level="1", outcome="nfa",
        rationale="No concerns from partners", decided_at=at(2, 12), now=NOW,
    )  # fmt: skip
    actions.authorise_decision(
        actor=personas.manager, decision=nfa, authorised_at=at(2, 13), now=NOW
    )
    make_contact(child, received_at=at(16, 9))  # back within 12 months of the NFA

    stepped = new_child()
    actions.record_referral(
        actor=personas.mash, person=stepped, referral_date=datetime.date(2026, 8, 3), source="6",
        primary_need="N1", today=NOW.date(),
    )  # fmt: skip
    eh = actions.step_down_to_early_help(
        actor=personas.mash, person=stepped, started_on=datetime.date(2026, 9, 1),
        lead_professional="Sam Hart", organisation="Family Hub", reason="Stepped down",
        today=NOW.date(),
    )  # fmt: skip
    actions.step_up_from_early_help(
        actor=personas.mash, early_help=eh, at=at(10, 10), concerns="Worse", now=NOW
    )

    report = consistency(personas.mash, datetime.date(2026, 8, 20), NOW.date())
    assert report["total"] == 1
    (maker,) = report["by_maker"]
    assert maker.total == 1 and maker.counts[0] == (1, 100.0)  # NFA first in the outcome list
    assert [r["contact"].person_id for r in report["returned"]] == [child.pk]
    assert [r["episode"].person_id for r in report["step_ups"]] == [stepped.pk]

    client.force_login(personas.mash)
    page = client.get(
        reverse("front_door:consistency"),
        {"date_from_0": "20", "date_from_1": "8", "date_from_2": "2026",
         "date_to_0": "20", "date_to_1": "11", "date_to_2": "2026"},
    )  # fmt: skip
    assert page.status_code == 200
    assert reverse("front_door:history", args=[child.pk]) in page.content.decode()
