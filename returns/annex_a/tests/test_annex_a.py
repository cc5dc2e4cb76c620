"""Annex A: the workbook's sheets, headers, value formats and row counts; allocation as at the
inspection date; the download page's permissions; the command and the benchmark hook."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.db.models import Q
from django.test import Client

from accounts.models import User
from assessments.models import Assessment
from casework.models import Allocation, Episode
from csc.testing import PASSWORD, Personas
from front_door.models import Contact, EarlyHelpEpisode, Referral
from performance.tests.dataset import Dataset, at
from protection.models import CPPlan, Section47
from returns.annex_a import builder, export, records
from returns.annex_a.bench import build_and_write
from returns.annex_a.templates import TEMPLATE_2024, TEMPLATE_2026, TEMPLATES, template_for
from timescales import add_months

D = datetime.date
AS_OF = D(2026, 3, 31)
SIX = add_months(AS_OF, -6)  # 30 September 2025

# timescales.md §3, with the 2026 rename of Gender to Sex.
CC = ["Child Unique ID", "Sex", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY = "Does the Child have a Disability"
ALLOCATED = ["Allocated Team", "Allocated Worker"]
SECTION_3_HEADERS = {
    1: [*CC, "Date of Contact", "Contact Source"],
    2: [
        *CC,
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ],
    3: [
        *CC,
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *ALLOCATED,
    ],
    4: [
        *CC,
        DISABILITY,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *ALLOCATED,
    ],
    5: [
        *CC,
        DISABILITY,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *ALLOCATED,
    ],
    6: [
        *CC,
        DISABILITY,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *ALLOCATED,
    ],
    7: [
        *CC,
        DISABILITY,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
        "Months (Y/N)",
        "Number of Previous Child Protection Plans",
        *ALLOCATED,
    ],
}


def sheets(content: bytes) -> dict[str, list[list[Any]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook}


def column(rows: list[list[Any]], header: str) -> list[Any]:
    index = rows[0].index(header)
    return [r[index] for r in rows[1:]]


# --- Templates as data (no database) ------------------------------------------------------------


def test_2026_template_matches_section_3() -> None:
    for number, headers in SECTION_3_HEADERS.items():
        assert TEMPLATE_2026.list_spec(number).headers == headers


def test_2026_renames_gender_to_sex_and_nothing_else() -> None:
    for old, new in zip(TEMPLATE_2024.lists, TEMPLATE_2026.lists, strict=True):
        assert old.keys == new.keys
        assert [h if h != "Gender" else "Sex" for h in old.headers] == new.headers
        assert "Gender" not in new.headers
    assert TEMPLATE_2024.list_spec(3).headers[1] == "Gender"


def test_template_for_picks_the_newest_not_after_the_date() -> None:
    assert template_for(D(2025, 12, 31)).year == 2024
    assert template_for(D(2026, 3, 31)).year == 2026
    assert template_for(D(2026, 3, 31), 2024).year == 2024
    with pytest.raises(KeyError):
        template_for(D(2026, 3, 31), 1999)
    assert set(TEMPLATES) == {2024, 2026}


def test_builder_helpers() -> None:
    assert builder.age_on(D(2018, 3, 31), D(2026, 3, 31)) == 8
    assert builder.age_on(D(2018, 4, 1), D(2026, 3, 31)) == 7
    assert builder.age_on(None, D(2026, 3, 31)) is None
    dates = [D(2024, 12, 1), D(2025, 1, 10), D(2025, 6, 2), D(2025, 6, 3)]
    # 12 months before 3 Jun 2025 is 3 Jun 2024; the row's own date is excluded.
    assert builder.count_before(dates, D(2025, 6, 3)) == 3
    # The 12-month boundary is inclusive: 1 Dec 2024 counts for 1 Dec 2025, not for 2 Dec.
    assert builder.count_before(dates, D(2025, 12, 1)) == 4
    assert builder.count_before(dates, D(2025, 12, 2)) == 3


# --- The workbook from the fixed data set -------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_workbook_sheets_headers_and_formats(dataset: Dataset) -> None:
    content, counts = export(AS_OF)
    book = sheets(content)
    template = template_for(AS_OF)
    assert list(book) == [template.list_spec(n).sheet for n in template.built]
    assert list(book) == [f"List {n}" for n in range(1, 8)]
    for number in template.built:
        rows = book[f"List {number}"]
        assert rows[0] == template.list_spec(number).headers == SECTION_3_HEADERS[number]
        assert len(rows) - 1 == counts[number]
    # Dates are real Excel dates shown dd/mm/yyyy; coded values carry their prefixes.
    ws = openpyxl.load_workbook(io.BytesIO(content))["List 3"]
    date_cell = ws.cell(row=2, column=6)
    assert isinstance(date_cell.value, datetime.datetime)
    assert date_cell.number_format == "dd/mm/yyyy"
    list3 = book["List 3"]
    assert set(column(list3, "Referral NFA?")) == {"b) No"}
    assert set(column(list3, "Referral Source")) == {"e) 2A: Schools"}
    assert set(column(list3, "Sex")) == {"b) Female"}
    list4 = book["List 4"]
    child_a = dataset.children["A"].reference
    ages = dict(
        zip(
            column(book["List 1"], "Child Unique ID"),
            column(book["List 1"], "Age of Child (Years)"),
            strict=True,
        )
    )
    assert ages[child_a] == 10  # born 1 April 2015: 10 on 31 March 2026
    assert set(column(list4, DISABILITY)) == {"c) Unknown", "b) No"}  # G unknown, B "NONE"
    assert set(column(book["List 7"], "Initial Category of Abuse")) == {
        "a) Neglect",
        "d) Emotional abuse",
    }


def test_row_counts_match_the_record_list_by_list(dataset: Dataset) -> None:
    _content, counts = export(AS_OF)
    window_start, window_end = at(SIX, 0), at(AS_OF + datetime.timedelta(days=1), 0)
    expected = {
        1: Contact.objects.filter(received_at__gte=window_start, received_at__lt=window_end),
        2: EarlyHelpEpisode.objects.filter(
            Q(assessment_started_on__range=(SIX, AS_OF))
            | Q(started_on__lte=AS_OF, ended_on__isnull=True)
        ),
        3: Referral.objects.filter(referral_date__range=(SIX, AS_OF)),
        4: Assessment.objects.filter(started_on__lte=AS_OF).exclude(authorised_on__lt=SIX),
        5: Section47.objects.filter(started_on__range=(SIX, AS_OF)),
        6: Episode.objects.filter(kind="child_in_need", started_on__lte=AS_OF)
        .exclude(ended_on__lt=SIX)
        .exclude(referrals__nfa=True),
        7: CPPlan.objects.filter(started_on__lte=AS_OF).exclude(ended_on__lt=SIX),
    }
    assert counts == {n: qs.count() for n, qs in expected.items()}
    # And by hand (dataset.py): contacts G, G+A, unmatched; early help H (assessed) and I
    # (open); referrals C (1 Dec) and G; assessments G and B (open); s47s F (Oct) and G;
    # CIN episodes A, B, C (Dec), D, E, F, G; plans D, E (ended Feb), F's second, G.
    assert counts == {1: 4, 2: 2, 3: 2, 4: 2, 5: 2, 6: 7, 7: 4}


def test_allocated_worker_is_as_at_the_inspection_date(
    dataset: Dataset, personas: Personas
) -> None:
    g = dataset.children["G"]
    current = Allocation.objects.get(person=g, ended_on__isnull=True)
    assert current.worker == personas.colleague  # reallocated on 1 May 2026
    book = sheets(export(AS_OF)[0])
    for number in (3, 4, 5, 6, 7):
        rows = book[f"List {number}"]
        workers = dict(
            zip(column(rows, "Child Unique ID"), column(rows, "Allocated Worker"), strict=True)
        )
        teams = dict(
            zip(column(rows, "Child Unique ID"), column(rows, "Allocated Team"), strict=True)
        )
        assert workers[g.reference] == "Wendy Worker", number
        assert teams[g.reference] == "Assessment Team A", number
    # After the reallocation the colleague is shown.
    later = sheets(export(D(2026, 5, 1))[0])["List 3"]
    workers = dict(
        zip(column(later, "Child Unique ID"), column(later, "Allocated Worker"), strict=True)
    )
    assert workers[g.reference] == "Colin Colleague"


def test_counts_in_the_last_12_months(dataset: Dataset) -> None:
    lists = builder.build(records.load(AS_OF), template_for(AS_OF))
    spec3 = template_for(AS_OF).list_spec(3)
    c = dataset.children["C"].reference
    row = next(r for r in lists[3] if r[0] == c)
    # C's referral on 1 Dec 2025 has one earlier referral (1 Jul 2025) in the 12 months before.
    assert row[spec3.keys.index("referrals_12m")] == 1
    spec5 = template_for(AS_OF).list_spec(5)
    f = dataset.children["F"].reference
    row = next(r for r in lists[5] if r[0] == f)
    # F's enquiry of 1 Oct 2025: the earlier one (Dec 2022) and its ICPC are over 12 months old.
    assert row[spec5.keys.index("s47s_12m")] == 0
    assert row[spec5.keys.index("icpcs_12m")] == 0
    spec7 = template_for(AS_OF).list_spec(7)
    row = next(r for r in lists[7] if r[0] == f)
    assert row[spec7.keys.index("previous_plans")] == 1


def test_events_after_the_inspection_date_are_not_shown(dataset: Dataset) -> None:
    lists = builder.build(records.load(AS_OF), template_for(AS_OF))
    spec = template_for(AS_OF).list_spec(4)
    b = dataset.children["B"].reference
    row = next(r for r in lists[4] if r[0] == b)
    # B's assessment was authorised on 15 April 2026, after the inspection date.
    assert row[spec.keys.index("assessment_authorised")] is None
    assert row[spec.keys.index("requires_support")] is None


def test_management_command_and_bench_hook(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "annex_a.xlsx"
    call_command("export_annex_a", "--as-of", "2026-03-31", "--output", str(out))
    book = sheets(out.read_bytes())
    assert book["List 3"][0][1] == "Sex"
    call_command(
        "export_annex_a", "--as-of", "2026-03-31", "--output", str(out), "--template-year", "2024"
    )
    assert sheets(out.read_bytes())["List 3"][0][1] == "Gender"
    seconds, size, counts = build_and_write(AS_OF)
    assert seconds > 0 and size > 1000 and counts[6] == 7


# --- The download page --------------------------------------------------------------------------


def signed_in(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_download_page_permissions(dataset: Dataset, personas: Personas) -> None:
    url = "/returns/annex-a/"
    for user in (dataset.analyst, personas.head, personas.director, personas.admin):
        assert signed_in(user).get(url).status_code == 200, user.username
    for user in (personas.worker, personas.manager, personas.partner, personas.mash):
        assert signed_in(user).get(url).status_code == 403, user.username
        response = signed_in(user).post(url, {"as_of_0": "31", "as_of_1": "3", "as_of_2": "2026"})
        assert response.status_code == 403


def test_download_returns_the_workbook(dataset: Dataset) -> None:
    client = signed_in(dataset.analyst)
    response = client.post(
        "/returns/annex-a/", {"as_of_0": "31", "as_of_1": "3", "as_of_2": "2026"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="annex_a_2026-03-31.xlsx"'
    assert len(sheets(response.content)["List 6"]) == 8  # header and 7 episodes


def test_download_refuses_a_bad_date(dataset: Dataset) -> None:
    client = signed_in(dataset.analyst)
    response = client.post(
        "/returns/annex-a/", {"as_of_0": "31", "as_of_1": "2", "as_of_2": "2026"}
    )
    assert response.status_code == 200
    assert "Inspection date must be a real date" in response.content.decode()
    response = client.post("/returns/annex-a/", {"as_of_0": "1", "as_of_1": "1", "as_of_2": "2027"})
    assert "Inspection date must be today or in the past" in response.content.decode()
