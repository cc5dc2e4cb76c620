"""The rules Trellis times, one object each, with ids from timescales.md §1.

Adding a rule: add one `Rule(...)` below (id, plain-English title, start/stop events, limit,
status, source with document and section) and one engine test. See README.md, "Adding a rule".
Sources expand timescales.md's source key to the document title plus the part relied on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from timescales import events as ev
from timescales.limits import ExplicitDeadline, Months, RatedHours, Weeks, WorkingDays
from timescales.rules import Rule, on, rule_problems

WT23 = "Working Together to Safeguard Children 2023"
CIN_CENSUS = (
    "DfE Children in need census guide and 'Characteristics of children in need' methodology"
)
MASH_KEY = (
    "Local MASH protocols (Surrey Police MASH triage; Merton MASH guide; Luton 'MASH Timescales "
    "and RAG Rating Policy')"
)
LOCAL = "Local authority child in need / child protection procedures"

# Threads end when the case closes; CIN and CP rules also end with their plan.
_EPISODE_CLOSED = on(ev.CIN_EPISODE_CLOSED)
_CIN_ENDS = (on(ev.CIN_PLAN_ENDED), _EPISODE_CLOSED)
_CP_ENDS = (on(ev.CP_PLAN_ENDED), _EPISODE_CLOSED)

CATALOGUE: tuple[Rule, ...] = (
    # --- 1A. Front door -------------------------------------------------------------------------
    Rule(
        id="F1",
        title="Decision on a referral or contact",
        starts_on=(on(ev.CONTACT_RECEIVED), on(ev.REFERRAL_RECEIVED)),
        stopped_by=(on(ev.MASH_DECISION), on(ev.REFERRAL_DECISION)),
        limit=WorkingDays(1),
        status="SG",
        source=f"{WT23}, ch.3 (referrals); applied locally to contacts too",
    ),
    Rule(
        id="F3",
        title="MASH decision on a RAG-rated contact",
        starts_on=(on(ev.CONTACT_RATED),),
        stopped_by=(on(ev.MASH_DECISION),),
        limit=RatedHours("rag"),  # hours per rating come from LocalPractice.rag_targets
        status="LP",
        source=f"{MASH_KEY}; London Continuum of Need / BRAG (London Safeguarding Children "
        "Procedures)",
        configurable=True,
    ),
    Rule(
        id="F3P",
        title="Partner agency replies to a MASH information request",
        starts_on=(on(ev.PARTNER_REQUEST_SENT),),
        stopped_by=(on(ev.PARTNER_RESPONSE_RECEIVED),),
        ended_by=(on(ev.PARTNER_REQUEST_WITHDRAWN),),
        limit=RatedHours("partner"),  # LocalPractice.partner_targets (Merton: 2 / 6 / 24 h)
        status="LP",
        source=f"{MASH_KEY}: Merton MASH guide (partner information by RAG rating)",
        configurable=True,
    ),
    Rule(
        id="F4",
        title="New information on an open case passed to the allocated worker",
        starts_on=(on(ev.NEW_INFO_ON_OPEN_CASE),),
        stopped_by=(on(ev.PASSED_TO_WORKER),),
        limit=WorkingDays(0),
        status="LP",
        source="London Safeguarding Children Procedures: pan-London Threshold Document "
        "'Continuum of Help and Support' (open cases bypass MASH screening)",
        configurable=True,
    ),
    # --- 1B. Assessment and child in need -------------------------------------------------------
    Rule(
        id="A1",
        title="Assessment completed and authorised (from referral)",
        starts_on=(on(ev.REFERRAL_RECEIVED),),
        stopped_by=(on(ev.ASSESSMENT_AUTHORISED),),
        ended_by=(_EPISODE_CLOSED,),
        limit=WorkingDays(45),
        status="SG",
        source=f"{WT23}, ch.3 (assessment timescales: maximum 45 working days from referral)",
    ),
    Rule(
        id="K2",
        title="Assessment completed and authorised (from assessment start, DfE measure)",
        starts_on=(on(ev.ASSESSMENT_STARTED),),
        stopped_by=(on(ev.ASSESSMENT_AUTHORISED),),
        ended_by=(_EPISODE_CLOSED,),
        limit=WorkingDays(45),
        status="DfE",
        source=f"{CIN_CENSUS}, table C2 (assessment duration from assessment start date)",
    ),
    Rule(
        id="A2",
        title="Child seen during the assessment",
        starts_on=(on(ev.ASSESSMENT_STARTED),),
        stopped_by=(on(ev.CHILD_SEEN),),
        ended_by=(_EPISODE_CLOSED,),
        limit=WorkingDays(5),  # common s17 practice; s47 work often same day / 24 h
        status="LP",
        source=f"{WT23}, ch.3 (assessment: seeing the child); interval from {LOCAL.lower()}",
        configurable=True,
    ),
    Rule(
        id="A3",
        title="Child in need plan in place after assessment",
        starts_on=(on(ev.ASSESSMENT_AUTHORISED, cin_plan=True),),
        stopped_by=(on(ev.CIN_PLAN_STARTED),),
        ended_by=(_EPISODE_CLOSED,),
        limit=WorkingDays(10),
        status="LP",
        source="Local child in need procedures (e.g. Nottinghamshire CIN procedure); not in "
        f"{WT23}",
        configurable=True,
    ),
    Rule(
        id="A4",
        title="Child in need plan reviewed",
        starts_on=(on(ev.CIN_PLAN_STARTED),),
        stopped_by=(on(ev.CIN_REVIEW),),
        ended_by=_CIN_ENDS,
        limit=Months(3),  # the common interval; local range 6 weeks to 3 months
        recurs=True,
        status="LP",
        source=f"{LOCAL} ({WT23}, ch.3 expects regular review but sets no interval)",
        configurable=True,
    ),
    Rule(
        id="A5",
        title="Child in need visit (child seen)",
        starts_on=(on(ev.CIN_PLAN_STARTED),),
        stopped_by=(on(ev.CIN_VISIT),),
        ended_by=_CIN_ENDS,
        limit=WorkingDays(20),
        recurs=True,
        status="LP",
        source=f"{LOCAL} (commonly every 20 working days or 4-6 weeks)",
        configurable=True,
    ),
    # --- 1C. Child protection -------------------------------------------------------------------
    Rule(
        id="C1",
        title="Strategy discussion held",
        starts_on=(on(ev.STRATEGY_DISCUSSION_DECIDED),),
        stopped_by=(on(ev.STRATEGY_DISCUSSION),),
        ended_by=(_EPISODE_CLOSED,),
        limit=WorkingDays(1),  # guidance says "immediately"; 1 WD is the common local figure
        status="LP",
        source=f"{WT23}, ch.3 (strategy discussion); 1 working day from local procedures",
        configurable=True,
    ),
    Rule(
        id="C2",
        title="Initial child protection conference held",
        starts_on=(on(ev.STRATEGY_DISCUSSION, s47_initiated=True),),
        stopped_by=(on(ev.ICPC),),
        ended_by=(on(ev.S47_CONCLUDED, icpc_needed=False), _EPISODE_CLOSED),
        limit=WorkingDays(15),
        status="SG",
        source=f"{WT23}, ch.3 (initial child protection conferences); {CIN_CENSUS} (S47 start "
        "date is the strategy discussion that initiated the enquiry)",
    ),
    # C4 and C6 start on the CP plan: its start date is the ICPC date by definition, and the plan
    # id is the natural thread for core groups, reviews and visits.
    Rule(
        id="C4",
        title="First core group meeting after the child protection conference",
        starts_on=(on(ev.CP_PLAN_STARTED),),
        stopped_by=(on(ev.CORE_GROUP),),
        ended_by=_CP_ENDS,
        limit=WorkingDays(10),
        status="SG",
        source=f"{WT23}, ch.3 (child protection plan and core group)",
    ),
    Rule(
        id="C5",
        title="Core group meeting",
        starts_on=(on(ev.CP_PLAN_STARTED),),
        stopped_by=(on(ev.CORE_GROUP),),
        ended_by=_CP_ENDS,
        # Local procedures range 4-6 weeks; 6 weeks is the loosest common standard, so the default
        # never reports a breach an authority's own procedure would not. Tighter LAs override.
        limit=Weeks(6),
        recurs=True,
        follows="C4",
        status="LP",
        source=f"{LOCAL} (core groups commonly every 4-6 weeks; not fixed nationally)",
        configurable=True,
    ),
    Rule(
        id="C6",
        title="First review child protection conference",
        starts_on=(on(ev.CP_PLAN_STARTED),),
        stopped_by=(on(ev.REVIEW_CONFERENCE),),
        ended_by=_CP_ENDS,
        limit=Months(3),
        status="SG",
        source=f"{WT23}, ch.3 (child protection review conference: first within 3 months)",
    ),
    Rule(
        id="C7",
        title="Review child protection conference",
        starts_on=(on(ev.CP_PLAN_STARTED),),
        stopped_by=(on(ev.REVIEW_CONFERENCE),),
        ended_by=_CP_ENDS,
        limit=Months(6),
        recurs=True,
        follows="C6",
        status="SG",
        source=f"{WT23}, ch.3 (child protection review conference: then at most every 6 months)",
    ),
    Rule(
        id="C8",
        title="Child protection visit (child seen)",
        starts_on=(on(ev.CP_PLAN_STARTED),),
        stopped_by=(on(ev.CP_VISIT),),
        ended_by=_CP_ENDS,
        limit=WorkingDays(10),
        recurs=True,
        status="LP",
        source=f"{LOCAL} (commonly every 10 working days); Ofsted ILACS Annex A list 7",
        configurable=True,
    ),
    Rule(
        id="C10",
        title="Transfer-in child protection conference",
        starts_on=(on(ev.TRANSFER_IN_NOTIFIED),),
        stopped_by=(on(ev.TRANSFER_IN_CONFERENCE),),
        ended_by=(_EPISODE_CLOSED,),
        limit=WorkingDays(15),
        status="LP",
        source=f"{LOCAL} (commonly 15 working days from notification); {CIN_CENSUS} (transfer-in "
        "conferences reported separately)",
        configurable=True,
        verify=True,  # timescales.md: check whether WT23 sets this
    ),
    Rule(
        id="SDA",
        title="Strategy discussion action completed",
        starts_on=(on(ev.SD_ACTION_SET),),
        stopped_by=(on(ev.SD_ACTION_DONE),),
        ended_by=(on(ev.SD_ACTION_CANCELLED), _EPISODE_CLOSED),
        limit=ExplicitDeadline(ev.DEADLINE),
        status="SG",
        source=f"{WT23}, ch.3 (strategy discussion: agree actions and their timescales)",
    ),
)


def check_catalogue(rules: Iterable[Rule]) -> list[str]:
    """Problems with a list of rules; empty when all is well. Run by a test and a system check."""
    rules = tuple(rules)
    problems = [f"{r.id or '(no id)'}: {p}" for r in rules for p in rule_problems(r)]
    counts = Counter(r.id for r in rules)
    problems += [f"{rule_id}: duplicate id ({n} rules)" for rule_id, n in counts.items() if n > 1]
    by_id = {r.id: r for r in rules}
    for r in rules:
        if r.follows is None:
            continue
        first = by_id.get(r.follows)
        if first is None:
            problems.append(f"{r.id}: follows unknown rule {r.follows}")
        elif first.starts_on != r.starts_on or first.stopped_by != r.stopped_by:
            problems.append(f"{r.id}: must start and stop on the same events as {r.follows}")
    return problems


_BY_ID = {r.id: r for r in CATALOGUE}


def rule_by_id(rule_id: str) -> Rule:
    try:
        return _BY_ID[rule_id]
    except KeyError:
        raise KeyError(f"No timescale rule with id {rule_id!r}.") from None
