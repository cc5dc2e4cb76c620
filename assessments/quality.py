"""How complete an assessment is: a pure function of its fields (no database, no Django).

Inspectors found assessments without the child's voice, without history, without analysis of
parenting capacity, and children reassessed within months. The summary makes each of those
visible to the worker while writing and to the manager before authorising.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["empty", "thin", "done"]

# A section under THIN_WORDS words is "thin": about three sentences. Below that a section can
# name a topic but not evidence or analyse it, which is what inspectors called weak assessment.
# The number is a prompt, not a target: a long section can still be poor.
THIN_WORDS = 40
# The child's own words can be short and still be the child's voice ("I want my dad to stop
# shouting"), so the bar for that section is lower.
CHILD_VIEWS_THIN_WORDS = 15

# (field, label, what it should cover). The order is the order on the page.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "lived_experience",
        "The child's lived experience",
        "A day in the child's life: what it is like for them at home, at school, with friends.",
    ),
    (
        "child_views",
        "The child's wishes and feelings",
        "In the child's own words where possible. Say how you found out (talking, play, "
        "drawing, observation) if the child is too young to say.",
    ),
    (
        "history",
        "History and chronology",
        "Previous referrals, assessments and plans; what the chronology and other agencies' "
        "records show; patterns over time.",
    ),
    (
        "parenting_capacity",
        "Parenting capacity",
        "Basic care, safety, emotional warmth, stimulation, guidance and boundaries, stability; "
        "the impact of parents' difficulties on the child.",
    ),
    (
        "family_environment",
        "Family and environment",
        "Family history and functioning, wider family, housing, income, community resources.",
    ),
    (
        "identity",
        "Identity and diversity",
        "Culture, religion, ethnicity, disability, sexuality and language, and how they shape "
        "the child's needs and the family's experience of services.",
    ),
    (
        "partner_contributions",
        "Contributions from partner agencies",
        "What school, health, police and others said, and when.",
    ),
    (
        "analysis",
        "Analysis of risk and strengths",
        "What the information means for the child: risks, protective factors, what needs to "
        "change, and why the outcome follows.",
    ),
)
SECTION_FIELDS = tuple(name for name, _, _ in SECTIONS)

CHILD_VIEWS_MISSING = "The child's views are not recorded"
CHILD_NOT_SEEN = "The child has not been seen during this assessment"
NO_FACTORS = "No assessment factors are recorded"
NO_HISTORY = "History and chronology have not been reviewed"
NO_OUTCOME = "No outcome is recorded"

_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))


def section_status(text: str, *, thin_words: int = THIN_WORDS) -> Status:
    words = word_count(text)
    if words == 0:
        return "empty"
    return "thin" if words < thin_words else "done"


@dataclass(frozen=True)
class SectionSummary:
    name: str
    label: str
    status: Status
    words: int

    @property
    def status_label(self) -> str:
        return {"empty": "Not started", "thin": "Thin", "done": "Done"}[self.status]


@dataclass(frozen=True)
class Completeness:
    sections: list[SectionSummary]
    # Shown prominently, most important first.
    warnings: list[str] = field(default_factory=list)
    reassessment_of: datetime.date | None = None

    @property
    def child_views_missing(self) -> bool:
        return CHILD_VIEWS_MISSING in self.warnings

    @property
    def is_reassessment(self) -> bool:
        return self.reassessment_of is not None

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.sections if s.status == "done")

    @property
    def complete(self) -> bool:
        return not self.warnings and self.done_count == len(self.sections)


def completeness(
    assessment: Any, *, previous_authorised_on: datetime.date | None = None
) -> Completeness:
    """Summarise an assessment (any object with the Assessment fields).

    `previous_authorised_on` is the authorisation date of the child's latest other assessment
    authorised in the 12 months before this one started (queries.previous_within_12_months).
    """
    sections = []
    for name, label, _ in SECTIONS:
        text = getattr(assessment, name, "") or ""
        thin = CHILD_VIEWS_THIN_WORDS if name == "child_views" else THIN_WORDS
        sections.append(
            SectionSummary(name, label, section_status(text, thin_words=thin), word_count(text))
        )
    by_name = {s.name: s for s in sections}
    warnings = []
    if by_name["child_views"].status == "empty":
        warnings.append(CHILD_VIEWS_MISSING)
    if getattr(assessment, "child_seen_on", None) is None:
        warnings.append(CHILD_NOT_SEEN)
    if by_name["history"].status == "empty":
        warnings.append(NO_HISTORY)
    if not getattr(assessment, "factors", None):
        warnings.append(NO_FACTORS)
    if not getattr(assessment, "outcome", ""):
        warnings.append(NO_OUTCOME)
    if previous_authorised_on is not None:
        warnings.append(
            "Reassessment: another assessment of this child was authorised on "
            f"{previous_authorised_on:%-d %B %Y}, less than 12 months before this one started"
        )
    return Completeness(sections, warnings, previous_authorised_on)
