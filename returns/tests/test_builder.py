"""The builder is pure: records in, tree out, no database (these tests use none)."""

from __future__ import annotations

import datetime

import pytest

from returns.cin_census import tree
from returns.cin_census.builder import build_census, build_child
from returns.cin_census.config import CensusOptions
from returns.cin_census.records import (
    AssessmentRecord,
    CensusRecord,
    ChildRecord,
    CINPlanRecord,
    CPPlanRecord,
    EpisodeRecord,
    ReferralRecord,
    Section47Record,
)
from returns.cin_census.writer import write_census
from timescales import load_calendar

D = datetime.date
OPTIONS = CensusOptions(la_code="302")
AT = datetime.datetime(2026, 4, 20, 9, 30)


def child(reference: str = "0000001", **kwargs: object) -> ChildRecord:
    values: dict[str, object] = {
        "person_id": int(reference),
        "reference": reference,
        "sex": "F",
        "ethnicity": "WBRI",
        "date_of_birth": D(2015, 1, 1),
    }
    values.update(kwargs)
    return ChildRecord(**values)  # type: ignore[arg-type]


def episode(start: D, **kwargs: object) -> EpisodeRecord:
    values: dict[str, object] = {
        "started_on": start,
        "referral": ReferralRecord(start, "2A", "N1", False),
    }
    values.update(kwargs)
    return EpisodeRecord(**values)  # type: ignore[arg-type]


def test_whole_tree_for_a_protected_child() -> None:
    record = CensusRecord(
        year=2026,
        children=(
            child(
                upn="H302123425003",
                disabilities=("LD", "AUT"),
                episodes=(
                    episode(
                        D(2025, 4, 14),
                        assessments=(AssessmentRecord(D(2025, 4, 15), D(2025, 5, 20), ("3A",)),),
                        section47s=(
                            Section47Record(D(2025, 4, 16), D(2025, 4, 25), True, D(2025, 5, 7)),
                        ),
                        cp_plans=(
                            CPPlanRecord(
                                started_on=D(2025, 5, 7),
                                initial_category="NEG",
                                latest_category="EMO",
                                ended_on=D(2026, 5, 1),  # after the year: open in the return
                                category_changes=((D(2025, 7, 30), "SAB"), (D(2026, 4, 2), "EMO")),
                                review_dates=(D(2025, 7, 30), D(2026, 1, 28), D(2026, 5, 1)),
                            ),
                        ),
                    ),
                ),
                cp_plan_starts=(D(2023, 1, 9), D(2025, 5, 7)),
            ),
        ),
    )
    census = build_census(record, options=OPTIONS, generated_at=AT, calendar=load_calendar())
    assert census == tree.CINCensus(
        header=tree.Header(
            year=2026,
            reference_date=D(2026, 3, 31),
            lea="302",
            software_code="Trellis",
            release="0.1",
            serial_no="001",
            generated_at=AT,
        ),
        children=(
            tree.Child(
                person_id=1,
                identifiers=tree.ChildIdentifiers(
                    la_child_id="0000001",
                    sex="F",
                    upn="H302123425003",
                    birth_date=D(2015, 1, 1),
                ),
                characteristics=tree.ChildCharacteristics("WBRI", ("LD", "AUT")),
                cin_details=(
                    tree.CINDetails(
                        referral_date=D(2025, 4, 14),
                        referral_source="2A",
                        referral_nfa=False,
                        primary_need="N1",
                        assessments=(tree.Assessment(D(2025, 4, 15), D(2025, 5, 20), ("3A",)),),
                        section47s=(
                            tree.Section47(
                                actual_start=D(2025, 4, 16),
                                icpc_not_required=False,
                                initial_cpc_target=D(2025, 5, 12),
                                initial_cpc=D(2025, 5, 7),
                            ),
                        ),
                        cp_plans=(
                            tree.ChildProtectionPlan(
                                start=D(2025, 5, 7),
                                initial_category="NEG",
                                latest_category="SAB",
                                previous_plans=1,
                                end=None,
                                review_dates=(D(2025, 7, 30), D(2026, 1, 28)),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


def build(c: ChildRecord, year: int = 2026, **options: object) -> tree.Child | None:
    return build_child(c, year=year, options=CensusOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("started", "ended", "included"),
    [
        (D(2025, 3, 1), D(2025, 3, 31), False),  # closed the day before the year
        (D(2025, 3, 1), D(2025, 4, 1), True),  # open on the first day
        (D(2024, 6, 1), None, True),  # open all year
        (D(2026, 3, 31), None, True),  # referred on the last day
        (D(2026, 4, 1), None, False),  # referred after the year
    ],
)
def test_population_is_children_with_an_episode_open_in_the_year(
    started: D, ended: D | None, included: bool
) -> None:
    built = build(child(episodes=(episode(started, ended_on=ended, closure_reason="RC7"),)))
    assert (built is not None) == included


def test_things_after_the_reference_date_are_not_yet_so() -> None:
    built = build(
        child(
            episodes=(
                episode(
                    D(2026, 1, 5),
                    ended_on=D(2026, 5, 1),
                    closure_reason="RC7",
                    assessments=(AssessmentRecord(D(2026, 1, 6), D(2026, 4, 7), ("3A",)),),
                    cin_plans=(CINPlanRecord(D(2026, 2, 1), D(2026, 5, 1)),),
                    section47s=(
                        Section47Record(D(2026, 3, 20), D(2026, 4, 2), False),
                        Section47Record(D(2026, 3, 25), D(2026, 3, 30), True, D(2026, 4, 8)),
                    ),
                ),
            )
        )
    )
    assert built is not None
    (details,) = built.cin_details
    assert (details.closure_date, details.closure_reason) == (None, None)
    assert details.assessments == (tree.Assessment(D(2026, 1, 6)),)  # no date, no factors
    assert details.cin_plans == (tree.CINPlan(D(2026, 2, 1)),)
    assert [(s.icpc_not_required, s.initial_cpc) for s in details.section47s] == [
        (False, None),
        (False, None),
    ]


def test_work_finished_before_the_year_is_left_out() -> None:
    built = build(
        child(
            episodes=(
                episode(
                    D(2024, 5, 1),
                    assessments=(
                        AssessmentRecord(D(2024, 5, 2), D(2024, 6, 1), ("3A",)),
                        AssessmentRecord(D(2025, 3, 20), None),
                    ),
                    cin_plans=(
                        CINPlanRecord(D(2024, 6, 2), D(2025, 3, 1)),
                        CINPlanRecord(D(2025, 3, 1)),
                    ),
                    section47s=(
                        Section47Record(D(2024, 9, 2), D(2024, 9, 9), False),
                        Section47Record(D(2025, 3, 3), D(2025, 3, 10), True, D(2025, 3, 24)),
                        Section47Record(D(2025, 3, 17), D(2025, 3, 24), True, D(2025, 4, 3)),
                    ),
                ),
            )
        )
    )
    assert built is not None
    (details,) = built.cin_details
    assert [a.actual_start for a in details.assessments] == [D(2025, 3, 20)]
    assert [p.start for p in details.cin_plans] == [D(2025, 3, 1)]
    assert [s.actual_start for s in details.section47s] == [D(2025, 3, 17)]
    assert details.section47s[0].initial_cpc == D(2025, 4, 3)


def test_unborn_child() -> None:
    built = build(
        child(
            date_of_birth=None,
            expected_date_of_birth=D(2026, 6, 1),
            sex="F",
            episodes=(episode(D(2026, 2, 1)),),
        )
    )
    assert built is not None
    assert built.identifiers == tree.ChildIdentifiers(
        la_child_id="0000001", sex="U", upn_unknown="UN1", expected_birth_date=D(2026, 6, 1)
    )
    assert built.characteristics.disabilities == ()


def test_child_born_after_the_year_is_unborn_in_it() -> None:
    built = build(child(date_of_birth=D(2026, 4, 10), episodes=(episode(D(2026, 2, 1)),)))
    assert built is not None
    assert built.identifiers.birth_date is None
    assert built.identifiers.expected_birth_date == D(2026, 4, 10)
    assert built.identifiers.sex == "U"


@pytest.mark.parametrize(
    ("dob", "recorded", "nfa", "expected"),
    [
        (D(2021, 1, 1), "", False, "UN1"),  # under school age
        (D(2020, 8, 31), "", False, "UN6"),  # school age by 1 September (rule 8770Q)
        (D(2020, 9, 1), "", False, "UN1"),
        (D(2012, 1, 1), "UN1", False, "UN6"),  # recorded UN1 no longer fits
        (D(2012, 1, 1), "UN3", False, "UN3"),  # a recorded reason that fits is kept
        (D(2012, 1, 1), "UN7", False, "UN6"),  # UN7 only when every referral is NFA (8772)
        (D(2012, 1, 1), "UN3", True, "UN7"),
    ],
)
def test_upn_unknown(dob: D, recorded: str, nfa: bool, expected: str) -> None:
    referral = ReferralRecord(D(2025, 6, 1), "1A", "N1", nfa)
    built = build(
        child(
            date_of_birth=dob,
            upn_unknown=recorded,
            episodes=(episode(D(2025, 6, 1), referral=referral),),
        )
    )
    assert built is not None
    assert built.identifiers.upn_unknown == expected


def test_nfa_referral_options() -> None:
    nfa = episode(
        D(2025, 6, 1),
        ended_on=D(2025, 6, 1),
        closure_reason="RC8",
        referral=ReferralRecord(D(2025, 6, 1), "1A", "N4", True),
    )
    built = build(child(episodes=(nfa,)))
    assert built is not None
    (details,) = built.cin_details
    assert (details.referral_nfa, details.primary_need, details.closure_reason) == (
        True,
        None,
        "RC8",
    )
    built = build(child(episodes=(nfa,)), nfa_closure_reason="RC7", nfa_primary_need=True)
    assert built is not None
    (details,) = built.cin_details
    assert (details.primary_need, details.closure_reason) == ("N4", "RC7")


def test_transfer_in_conference_is_recorded_at_cin_details_level() -> None:
    built = build(
        child(
            episodes=(
                episode(
                    D(2025, 8, 4),
                    transfer_in_conferences=(D(2025, 8, 20),),
                    cp_plans=(CPPlanRecord(D(2025, 8, 20), "PHY", "PHY"),),
                ),
            )
        )
    )
    assert built is not None
    assert built.cin_details[0].initial_cpc == D(2025, 8, 20)
    assert built.cin_details[0].section47s == ()


def test_episode_without_a_referral_uses_the_default_source() -> None:
    built = build(child(episodes=(EpisodeRecord(D(2025, 5, 1), primary_need="N2"),)))
    assert built is not None
    assert (built.cin_details[0].referral_source, built.cin_details[0].primary_need) == (
        "10",
        "N2",
    )


def test_writer_uses_dfe_order_and_digits_for_booleans() -> None:
    record = CensusRecord(year=2026, children=(child(episodes=(episode(D(2025, 5, 1)),)),))
    xml = write_census(build_census(record, options=OPTIONS, generated_at=AT)).decode()
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<Message>')
    assert "<ReferralNFA>0</ReferralNFA>" in xml
    assert xml.index("<UPNunknown>") < xml.index("<PersonBirthDate>") < xml.index("<Sex>")
    assert "<DateTime>2026-04-20T09:30:00</DateTime>" in xml
