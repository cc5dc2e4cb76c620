"""Who is in the borough: cohorts of families and how many children each holds.

Totals at scale 1 follow the borough's published figures (about 2,850 children in need,
196 on child protection plans, 345 looked after, 16 privately fostered, 54 UASC).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import names

# Cohorts whose children have an open child in need episode at the reference date.
OPEN_COHORTS = (
    "assessment",
    "cin",
    "cp",
    "lac",
    "disabled",
    "adolescent",
    "pf",
    "uasc_lac",
    "uasc_cin",
)

# The kind of team that holds each open cohort once assessment is done.
COHORT_TEAM = {
    "assessment": "assessment",
    "cin": "locality",
    "cp": "locality",
    "pf": "locality",
    "lac": "children_in_care",
    "uasc_lac": "children_in_care",
    "uasc_cin": "adolescents",
    "disabled": "disabled",
    "adolescent": "adolescents",
}

PRIMARY_NEEDS: dict[str, names.Weighted] = {
    "cin": (
        ("N1", 45),
        ("N4", 15),
        ("N5", 15),
        ("N3", 8),
        ("N6", 7),
        ("N8", 5),
        ("N7", 3),
        ("N2", 2),
    ),
    "assessment": (("N0", 40), ("N1", 30), ("N4", 10), ("N5", 10), ("N3", 5), ("N6", 5)),
    "cp": (("N1", 85), ("N5", 10), ("N4", 5)),
    "lac": (("N1", 65), ("N5", 10), ("N8", 10), ("N6", 7), ("N4", 5), ("N2", 3)),
    "uasc_lac": (("N8", 1),),
    "uasc_cin": (("N8", 1),),
    "disabled": (("N2", 95), ("N3", 5)),
    "adolescent": (("N6", 40), ("N1", 20), ("N4", 20), ("N5", 20)),
    "pf": (("N9", 60), ("N8", 40)),
    "care_leaver": (("N1", 60), ("N8", 20), ("N5", 10), ("N6", 10)),
    "closed": (
        ("N1", 35),
        ("N4", 18),
        ("N5", 17),
        ("N3", 8),
        ("N6", 8),
        ("N9", 6),
        ("N2", 4),
        ("N7", 4),
    ),
}


CLOSED_CHILDREN = 3400
CP_COHORT = 140


@dataclass(frozen=True)
class FamilyPlan:
    cohort: str
    size: int


def _count(n: float, scale: float, *, at_least: int = 0) -> int:
    return max(at_least if scale > 0 else 0, round(n * scale))


def plan_families(rng: random.Random, scale: float) -> list[FamilyPlan]:
    """Sibling groups per cohort, sized so cohort totals match the borough's figures."""
    open_total = _count(2850, scale, at_least=12)
    uasc = _count(54, scale, at_least=1)
    uasc_lac = max(1, round(uasc * 0.9))
    targets = {
        # About 196 on plans today: this cohort plus the plans from protection journeys for
        # other children in need that are still open (see demo.generator).
        "cp": _count(CP_COHORT, scale, at_least=2),
        "lac": max(1, _count(345, scale, at_least=2) - uasc_lac),
        "uasc_lac": uasc_lac,
        "uasc_cin": uasc - uasc_lac,
        "pf": _count(16, scale, at_least=1),
        "disabled": _count(0.08 * 2850, scale, at_least=1),
        "adolescent": _count(0.05 * 2850, scale, at_least=1),
        "assessment": _count(0.15 * 2850, scale, at_least=1),
    }
    targets["cin"] = max(1, open_total - sum(targets.values()))
    targets["care_leaver"] = _count(70, scale, at_least=1)
    # Enough closed cases for the flow of a year: about 3,500 referrals, most closing again.
    targets["closed"] = _count(CLOSED_CHILDREN, scale, at_least=10)
    targets["early_help"] = _count(300, scale, at_least=2)
    singles = {"uasc_lac", "uasc_cin", "pf", "adolescent", "care_leaver"}
    plans: list[FamilyPlan] = []
    for cohort, target in targets.items():
        remaining = target
        while remaining > 0:
            if cohort in singles:
                size = 1
            else:
                size = rng.choices((1, 2, 3, 4), weights=(45, 30, 17, 8))[0]
            size = min(size, remaining)
            plans.append(FamilyPlan(cohort, size))
            remaining -= size
    # Interleave cohorts so every team sees a realistic mix in allocation order.
    rng.shuffle(plans)
    return plans
