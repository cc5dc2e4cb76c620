"""Event kinds the engine understands, and the attribute names it reads.

The Django side turns its rows into `engine.Event`s using these constants. Keeping them as plain
strings means they can be stored in the Event log and compared without importing anything.

Threads (the `key` of an event): a clock belongs to the thread of the event that started it. Any
event whose `key` or `also` names that thread can stop or end the clock. Suggested keys are given
for each kind; what matters is that the start and stop events of one rule share a thread.
"""

from typing import Final

# --- Front door (key: contact id, referral id, partner request id, new-information id) ---------
CONTACT_RECEIVED: Final = "contact_received"
CONTACT_RATED: Final = "contact_rated"  # attrs: rating ("red" / "amber" / "green" / ...)
MASH_DECISION: Final = "mash_decision"
REFERRAL_RECEIVED: Final = "referral_received"
REFERRAL_DECISION: Final = "referral_decision"  # decision on type of response
PARTNER_REQUEST_SENT: Final = "partner_request_sent"  # attrs: rating (of the contact)
PARTNER_RESPONSE_RECEIVED: Final = "partner_response_received"
PARTNER_REQUEST_WITHDRAWN: Final = "partner_request_withdrawn"
NEW_INFO_ON_OPEN_CASE: Final = "new_info_on_open_case"
PASSED_TO_WORKER: Final = "passed_to_worker"

# --- Assessment and child in need (key: assessment id / CIN plan id; also: referral id) --------
ASSESSMENT_STARTED: Final = "assessment_started"
CHILD_SEEN: Final = "child_seen"  # seen during an assessment; key: assessment id
ASSESSMENT_AUTHORISED: Final = "assessment_authorised"  # attrs: cin_plan (bool); also: referral
CIN_PLAN_STARTED: Final = "cin_plan_started"  # key: CIN plan id; also: assessment id
CIN_REVIEW: Final = "cin_review"
CIN_VISIT: Final = "cin_visit"
CIN_PLAN_ENDED: Final = "cin_plan_ended"
CIN_EPISODE_CLOSED: Final = "cin_episode_closed"  # also: every thread the closure ends

# --- Child protection (key: s47 enquiry id, CP plan id, transfer id, action id) ----------------
STRATEGY_DISCUSSION_DECIDED: Final = "strategy_discussion_decided"  # harm suspected, SD needed
STRATEGY_DISCUSSION: Final = "strategy_discussion"  # attrs: s47_initiated (bool)
S47_CONCLUDED: Final = "s47_concluded"  # attrs: icpc_needed (bool)
ICPC: Final = "icpc"  # attrs: plan_made (bool); key: s47 enquiry id
CP_PLAN_STARTED: Final = "cp_plan_started"  # key: CP plan id; date = ICPC date
CORE_GROUP: Final = "core_group"  # key: CP plan id
REVIEW_CONFERENCE: Final = "review_conference"  # key: CP plan id
CP_VISIT: Final = "cp_visit"  # key: CP plan id
CP_PLAN_ENDED: Final = "cp_plan_ended"  # key: CP plan id
TRANSFER_IN_NOTIFIED: Final = "transfer_in_notified"  # key: transfer id
TRANSFER_IN_CONFERENCE: Final = "transfer_in_conference"
SD_ACTION_SET: Final = "sd_action_set"  # attrs: deadline (date); key: action id
SD_ACTION_DONE: Final = "sd_action_done"
SD_ACTION_CANCELLED: Final = "sd_action_cancelled"

# --- Attribute names read from Event.attrs --------------------------------------------------------
RATING: Final = "rating"
DEADLINE: Final = "deadline"
S47_INITIATED: Final = "s47_initiated"
ICPC_NEEDED: Final = "icpc_needed"
PLAN_MADE: Final = "plan_made"
CIN_PLAN: Final = "cin_plan"

ALL_KINDS: Final = frozenset(
    {
        CONTACT_RECEIVED,
        CONTACT_RATED,
        MASH_DECISION,
        REFERRAL_RECEIVED,
        REFERRAL_DECISION,
        PARTNER_REQUEST_SENT,
        PARTNER_RESPONSE_RECEIVED,
        PARTNER_REQUEST_WITHDRAWN,
        NEW_INFO_ON_OPEN_CASE,
        PASSED_TO_WORKER,
        ASSESSMENT_STARTED,
        CHILD_SEEN,
        ASSESSMENT_AUTHORISED,
        CIN_PLAN_STARTED,
        CIN_REVIEW,
        CIN_VISIT,
        CIN_PLAN_ENDED,
        CIN_EPISODE_CLOSED,
        STRATEGY_DISCUSSION_DECIDED,
        STRATEGY_DISCUSSION,
        S47_CONCLUDED,
        ICPC,
        CP_PLAN_STARTED,
        CORE_GROUP,
        REVIEW_CONFERENCE,
        CP_VISIT,
        CP_PLAN_ENDED,
        TRANSFER_IN_NOTIFIED,
        TRANSFER_IN_CONFERENCE,
        SD_ACTION_SET,
        SD_ACTION_DONE,
        SD_ACTION_CANCELLED,
    }
)
