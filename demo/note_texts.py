"""Short case-note texts from templates. Generic practice language, no real case detail."""

from __future__ import annotations

import random

VISIT = (
    "Home visit. {child} was seen{alone}. Bedroom seen and appropriate. {carer} reported "
    "things have been more settled this week. Discussed routines and school attendance.",
    "Visit to {child} at home{alone}. {child} talked about friends and what they enjoy. "
    "Home conditions acceptable. Agreed to follow up on the health appointment.",
    "Unannounced visit. {carer} present. {child} seen{alone}. Some improvement in home "
    "conditions since the last visit; fridge had food. Reminded of the safety plan.",
    "Statutory visit. {child} seen{alone} and shared their wishes and feelings using the "
    "three houses tool. No new concerns raised. Next visit booked.",
    "Visit with {carer}. Discussed progress against the plan. {child} seen{alone}; "
    "presented as happy and relaxed. Talked about contact arrangements.",
)
VISIT_NOT_SEEN = (
    "Visit attempted. No answer at the door; card left. {carer} later called back and a "
    "new visit was arranged for next week.",
    "Home visit. {child} was at school so was not seen. Spoke with {carer} about the plan "
    "and arranged to see {child} after school on Thursday.",
)
VISIT_UNBORN = (
    "Pre-birth visit to {carer}. Discussed preparations for the baby, midwifery "
    "appointments and support from family. Pre-birth assessment continuing.",
)
PHONE = (
    "Phone call with {carer}. Updated on the outcome of the meeting and next steps. No new "
    "concerns reported.",
    "Call from {school}: attendance this half term is below 90%. Agreed to raise at the "
    "next review.",
    "Phone call with the GP surgery to request an update on recent appointments. Letter to follow.",
    "Call to {carer} to confirm the date of the review meeting. {carer} will attend.",
)
MEETING = (
    "{meeting} held. Plan reviewed with {carer} and professionals. Actions agreed and "
    "recorded on the plan; next meeting in six weeks.",
    "{meeting}. Attendance good. Progress noted in school attendance; concerns remain "
    "about home conditions. Plan updated.",
    "{meeting}. {child}'s views shared by the social worker. Agreed to continue the "
    "current plan with extra support after school.",
)
LETTER = (
    "Letter sent to {carer} confirming the outcome of the assessment and the support offered.",
    "Email to {school} requesting an attendance and attainment update for the review.",
)
CARE_LEAVER = (
    "Catch-up with {child}. Talked about college, budgeting and the flat. Pathway plan "
    "targets reviewed; {child} wants help with a driving licence.",
    "Phone call with {child}. In touch and doing well; has started a part-time job. "
    "Reminded about the leaving care grant.",
    "Visit to {child}'s flat. Tenancy going well. Discussed health registration and "
    "making a GP appointment.",
)

MEETINGS_BY_COHORT = {
    "cp": ("Core group meeting", "Child protection review conference"),
    "lac": ("Child looked after review", "Placement planning meeting"),
    "uasc_lac": ("Child looked after review", "Placement planning meeting"),
    "care_leaver": ("Pathway plan review",),
}
DEFAULT_MEETINGS = ("Child in need review", "Team around the family meeting")


def note_text(
    rng: random.Random,
    kind: str,
    *,
    cohort: str,
    child: str,
    carer: str,
    school: str,
    seen: bool | None = None,
    alone: bool | None = None,
    unborn: bool = False,
) -> str:
    values = {"child": child, "carer": carer, "school": school}
    if cohort == "care_leaver" and kind in ("visit", "phone"):
        return rng.choice(CARE_LEAVER).format(**values)
    if kind == "visit":
        if unborn:
            return rng.choice(VISIT_UNBORN).format(**values)
        if not seen:
            return rng.choice(VISIT_NOT_SEEN).format(**values)
        alone_text = " alone" if alone else " with " + carer
        return rng.choice(VISIT).format(alone=alone_text, **values)
    if kind == "phone":
        return rng.choice(PHONE).format(**values)
    if kind == "meeting":
        meeting = rng.choice(MEETINGS_BY_COHORT.get(cohort, DEFAULT_MEETINGS))
        return rng.choice(MEETING).format(meeting=meeting, **values)
    return rng.choice(LETTER).format(**values)
