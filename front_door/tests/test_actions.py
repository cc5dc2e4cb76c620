"""Front-door actions: refusals save nothing; referrals, re-referrals, open cases, early help."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from casework.models import Episode, Event
from csc.errors import ActionError
from csc.testing import Personas
from front_door import actions
from front_door.models import Contact, EarlyHelpEpisode, PartnerRequest, Referral, ThresholdDecision
from front_door.sources import front_door_events
from people.models import Person
from timescales import compute_clocks
from timescales import events as ev

from .conftest import NOW, at


def _decide(
    personas: Personas, contact: Contact, outcome: str = "referral", **kw: object
) -> ThresholdDecision:
    decision = actions.decide(
        actor=personas.mash,
        contact=contact,
        level="4" if outcome in {"referral", "strategy"} else "1",
        outcome=outcome,
        rationale="Repeated domestic abuse notifications with a baby in the home.",
        decided_at=kw.pop("decided_at", at(20, 11)),  # type: ignore[arg-type]
        now=NOW,
    )
    if decision.needs_authorisation:
        actions.authorise_decision(
            actor=personas.manager, decision=decision, authorised_at=at(20, 12), now=NOW
        )
    return decision


def test_decision_without_rationale_saves_nothing(
    personas: Personas, new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    contact = make_contact(new_child(), rating="amber")
    events = Event.objects.count()
    with pytest.raises(ActionError) as refused:
        actions.decide(
            actor=personas.mash,
            contact=contact,
            level="3",
            outcome="referral",
            rationale="   ",
            decided_at=at(20, 11),
            now=NOW,
        )
    assert refused.value.errors == {"rationale": ["Enter the rationale for the decision"]}
    assert ThresholdDecision.objects.count() == 0
    assert Event.objects.count() == events
    contact.refresh_from_db()
    assert contact.state == "screened"


def test_referral_without_source_saves_nothing(
    personas: Personas, new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    child = new_child()
    contact = make_contact(child, rating="red")
    _decide(personas, contact)
    episodes, events = Episode.objects.count(), Event.objects.count()
    with pytest.raises(ActionError) as refused:
        actions.record_referral(
            actor=personas.mash,
            person=child,
            contact=contact,
            referral_date=NOW.date(),
            source="",
            primary_need="N1",
            today=NOW.date(),
        )
    assert refused.value.errors == {"source": ["Choose the referral source"]}
    assert Referral.objects.count() == 0
    assert Episode.objects.count() == episodes
    assert Event.objects.count() == events


def test_response_dated_before_request_saves_nothing(
    personas: Personas, new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    contact = make_contact(new_child(), rating="amber")
    request = actions.request_information(
        actor=personas.mash,
        contact=contact,
        agency="education",
        lawful_basis="safeguarding",
        sent_at=at(20, 10),
        now=NOW,
    )
    events = Event.objects.count()
    with pytest.raises(ActionError) as refused:
        actions.record_response(
            actor=personas.mash,
            request=request,
            responder="DSL",
            response="Attendance 62%",
            response_at=at(20, 9, 59),
            now=NOW,
        )
    assert "after the request was sent" in refused.value.errors["response_at"][0]
    request.refresh_from_db()
    assert request.response_at is None and request.response == ""
    assert Event.objects.count() == events


def test_consent_basis_refused_without_consent(
    personas: Personas, new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    contact = make_contact(new_child(), rating="green", consent="no")
    with pytest.raises(ActionError) as refused:
        actions.request_information(
            actor=personas.mash,
            contact=contact,
            agency="health",
            lawful_basis="consent",
            sent_at=at(20, 10),
            now=NOW,
        )
    assert "lawful_basis" in refused.value.errors
    assert PartnerRequest.objects.count() == 0


def test_re_referral_within_12_months_is_flagged(
    personas: Personas, new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    child = new_child()
    first = actions.record_referral(
        actor=personas.mash,
        person=child,
        referral_date=datetime.date(2025, 12, 1),
        source="2A",
        primary_need="N4",
        nfa=True,
        today=NOW.date(),
    )
    assert not first.re_referral
    assert first.episode.ended_on == datetime.date(2025, 12, 1)
    assert first.episode.closure_reason == "RC8"
    contact = make_contact(child, rating="red")
    _decide(personas, contact)
    second = actions.record_referral(
        actor=personas.mash,
        person=child,
        contact=contact,
        referral_date=NOW.date(),
        source=contact.source,
        primary_need="N1",
        today=NOW.date(),
    )
    assert second.re_referral and second.previous == first
    assert second.episode.kind == "child_in_need" and second.episode.is_open


def test_referral_more_than_12_months_later_is_not_a_re_referral(
    personas: Personas, new_child: Callable[..., Person]
) -> None:
    child = new_child()
    actions.record_referral(
        actor=personas.mash,
        person=child,
        referral_date=datetime.date(2025, 11, 19),
        source="6",
        primary_need="N4",
        nfa=True,
        today=NOW.date(),
    )
    later = actions.record_referral(
        actor=personas.mash,
        person=child,
        referral_date=datetime.date(2026, 11, 20),
        source="6",
        primary_need="N4",
        today=NOW.date(),
    )
    assert not later.re_referral


def test_referral_needs_authorised_referral_decision(
    personas: Personas, new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    child = new_child()
    contact = make_contact(child, rating="red")
    actions.decide(
        actor=personas.mash,
        contact=contact,
        level="4",
        outcome="referral",
        rationale="Needs assessment",
        decided_at=at(20, 11),
        now=NOW,
    )
    with pytest.raises(ActionError, match="authorised"):
        actions.record_referral(
            actor=personas.mash,
            person=child,
            contact=contact,
            referral_date=NOW.date(),
            source="6",
            primary_need="N1",
            today=NOW.date(),
        )


def test_only_managers_authorise(
    personas: Personas, new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    contact = make_contact(new_child(), rating="red")
    decision = actions.decide(
        actor=personas.mash,
        contact=contact,
        level="4",
        outcome="strategy",
        rationale="Injury to a non-mobile baby",
        decided_at=at(20, 11),
        now=NOW,
    )
    assert decision.needs_authorisation and contact.state == "authorising"
    with pytest.raises(ActionError) as refused:
        actions.authorise_decision(
            actor=personas.mash, decision=decision, authorised_at=at(20, 12), now=NOW
        )
    assert refused.value.code == "forbidden"
    actions.authorise_decision(
        actor=personas.head, decision=decision, authorised_at=at(20, 12), now=NOW
    )
    contact.refresh_from_db()
    assert contact.state == "decided"


def test_decision_timeliness_recorded(
    personas: Personas, new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    on_time = make_contact(new_child(), received_at=at(18, 9), rating="red")  # due 13:30
    late = make_contact(new_child(), received_at=at(18, 9), rating="red")
    d1 = _decide(personas, on_time, outcome="advice", decided_at=at(18, 13))
    d2 = _decide(personas, late, outcome="advice", decided_at=at(19, 10))
    assert d1.within_target is True and float(d1.working_hours_elapsed) == 4.0
    assert d2.within_target is False and float(d2.working_hours_elapsed) == 9.25


def test_open_case_contact_is_routed_to_allocated_worker(
    personas: Personas, make_contact: Callable[..., Contact]
) -> None:
    contact = make_contact(personas.child)  # allocated to Wendy in Team A
    assert contact.open_case
    actions.route_to_allocated_worker(actor=personas.mash, contact=contact, at=at(20, 10), now=NOW)
    contact.refresh_from_db()
    assert contact.state == "routed" and contact.routed_to == personas.worker
    kinds = [e.kind for e in front_door_events(personas.child.pk)]
    assert ev.NEW_INFO_ON_OPEN_CASE in kinds and ev.PASSED_TO_WORKER in kinds


def test_family_contact_gives_one_contact_per_child(personas: Personas) -> None:
    contacts = actions.record_contact(
        actor=personas.partner,
        children=[
            actions.ChildAsTyped(forename="Ada", surname="Sample"),
            actions.ChildAsTyped(forename="Ben", surname="Sample"),
        ],
        details=actions.ContactDetails(
            source="2A",
            referrer_name="DSL",
            concerns="Both children arrive hungry.",
            family_consent="yes",
        ),
        received_at=at(20, 9),
        now=NOW,
    )
    assert len(contacts) == 2
    assert contacts[0].group_id == contacts[1].group_id
    assert all(c.person is None for c in contacts)


def test_events_drive_front_door_clocks(
    personas: Personas, new_child: Callable[..., Person], make_contact: Callable[..., Contact]
) -> None:
    child = new_child()
    contact = make_contact(child, received_at=at(18, 9), rating="red")
    request = actions.request_information(
        actor=personas.mash,
        contact=contact,
        agency="police",
        lawful_basis="safeguarding",
        sent_at=at(18, 10),
        now=NOW,
    )
    _decide(personas, contact, outcome="advice", decided_at=at(19, 10))
    events = list(front_door_events(child.pk))
    assert {e.key for e in events} == {f"contact:{contact.pk}", f"pir:{request.pk}"}
    clocks = {c.rule_id: c for c in compute_clocks(events, today=NOW.date(), now=NOW)}
    assert clocks["F3"].state == "met_late"
    assert clocks["F1"].state == "met"
    assert clocks["F3P"].state == "overdue"


def test_a_child_with_no_contact_costs_two_reads(
    personas: Personas, new_child: Callable[..., Person], django_assert_num_queries: Any
) -> None:
    # Runs inside every action: partner requests hang off contacts, so they are read only
    # for a child with a contact.
    child = new_child()
    referral = actions.record_referral(
        actor=personas.mash,
        person=child,
        referral_date=datetime.date(2025, 12, 1),
        source="2A",
        primary_need="N4",
        nfa=True,
        today=NOW.date(),
    )
    with django_assert_num_queries(2):
        events = list(front_door_events(child.pk))
    assert {(e.kind, e.key) for e in events} == {
        (ev.REFERRAL_RECEIVED, f"referral:{referral.pk}"),
        (ev.REFERRAL_DECISION, f"referral:{referral.pk}"),
        (ev.CIN_EPISODE_CLOSED, f"referral:{referral.pk}"),
    }


def test_step_down_then_step_up(personas: Personas, new_child: Callable[..., Person]) -> None:
    child = new_child()
    referral = actions.record_referral(
        actor=personas.mash,
        person=child,
        referral_date=datetime.date(2026, 9, 1),
        source="6",
        primary_need="N1",
        today=NOW.date(),
    )
    eh = actions.step_down_to_early_help(
        actor=personas.mash,
        person=child,
        started_on=datetime.date(2026, 10, 1),
        lead_professional="Sam Lead",
        organisation="Family Hub North",
        reason="Needs met at level 2",
        today=NOW.date(),
    )
    referral.episode.refresh_from_db()
    assert referral.episode.closure_reason == "RC9"
    assert eh.episode.kind == "early_help" and eh.route == "step_down"
    contact = actions.step_up_from_early_help(
        actor=personas.mash, early_help=eh, at=at(18, 10), concerns="Escalating neglect", now=NOW
    )
    eh.refresh_from_db()
    assert eh.end_reason == "step_up" and eh.ended_on == datetime.date(2026, 11, 18)
    assert contact.source == "5D" and contact.person == child
    assert EarlyHelpEpisode.objects.get().step_up_contact == contact


@pytest.mark.parametrize("bulk", [False, True], ids=["single", "bulk load"])
def test_matching_a_contact_puts_its_receipt_in_the_childs_chronology(
    personas: Personas,
    make_contact: Callable[..., Contact],
    new_child: Callable[..., Person],
    bulk: bool,
) -> None:
    from casework.events import bulk_transaction, deferred_refresh

    child = new_child()

    def match() -> Contact:
        contact = make_contact(actor=personas.partner)
        actions.link_contact(actor=personas.mash, contact=contact, person=child)
        return contact

    if bulk:  # the receipt is still buffered when the contact is matched
        with deferred_refresh(), bulk_transaction():
            contact = match()
    else:
        contact = match()
    receipt = Event.objects.get(kind="contact_received", subject_id=contact.pk)
    assert receipt.person == child


def test_an_open_case_is_an_open_episode_or_a_current_allocation(personas: Personas) -> None:
    from casework import actions as casework_actions

    child = personas.child  # allocated to Wendy in Team A, no episode yet
    assert actions.has_open_case(child)
    (allocation,) = child.allocations.filter(ended_on__isnull=True)
    casework_actions.end_allocation(
        actor=personas.manager, allocation=allocation, ended_on=NOW.date(), reason="Closed"
    )
    assert not actions.has_open_case(child)
    episode = casework_actions.open_episode(
        actor=personas.manager,
        person=child,
        kind="child_in_need",
        started_on=NOW.date(),
        today=NOW.date(),
    )
    assert actions.has_open_case(child)
    casework_actions.close_episode(
        actor=personas.manager,
        episode=episode,
        ended_on=NOW.date(),
        closure_reason="RC8",
        today=NOW.date(),
    )
    assert not actions.has_open_case(child)


def _unborn(personas: Personas, due: datetime.date) -> Person:
    from people import actions as people_actions

    return people_actions.create_person(
        actor=personas.mash,
        details=people_actions.PersonDetails(
            legal_forename="Baby", legal_surname="Prebirth", expected_date_of_birth=due
        ),
        confirmed_not_duplicate=True,
        today=NOW.date(),
    )


def test_pre_birth_referral_at_most_40_weeks_before_the_due_date(personas: Personas) -> None:
    due = NOW.date() + datetime.timedelta(days=100)
    child = _unborn(personas, due)
    episodes, events = Episode.objects.count(), Event.objects.count()
    with pytest.raises(ActionError) as refused:
        actions.record_referral(
            actor=personas.mash,
            person=child,
            referral_date=due - datetime.timedelta(days=281),
            source="3F",
            primary_need="N1",
            today=NOW.date(),
        )
    assert refused.value.errors == {
        "referral_date": [
            "Referral date cannot be more than 40 weeks before the child's expected date of "
            f"birth ({due:%-d %B %Y})"
        ]
    }
    assert (Referral.objects.count(), Episode.objects.count()) == (0, episodes)
    assert Event.objects.count() == events
    referral = actions.record_referral(
        actor=personas.mash,
        person=child,
        referral_date=due - datetime.timedelta(days=280),
        source="3F",
        primary_need="N1",
        today=NOW.date(),
    )
    assert referral.episode.is_open


def test_referral_long_before_a_birth_is_refused(
    personas: Personas, new_child: Callable[..., Person]
) -> None:
    child = new_child()
    assert child.date_of_birth is not None
    with pytest.raises(ActionError) as refused:
        actions.record_referral(
            actor=personas.mash,
            person=child,
            referral_date=child.date_of_birth - datetime.timedelta(days=300),
            source="6",
            primary_need="N1",
            today=NOW.date(),
        )
    assert "40 weeks before the child's date of birth" in refused.value.errors["referral_date"][0]
    assert not Referral.objects.exists()
