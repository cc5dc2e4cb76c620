"""Every write about strategy discussions, s47s, conferences and plans (one action each)."""

from .cin import (
    OVERLAP_MESSAGE,
    close_cin_episode,
    end_cin_plan,
    record_cin_review,
    record_cin_visit,
    start_cin_plan,
)
from .common import open_cin_episode
from .cp import (
    Attendance,
    end_cp_plan,
    record_conference,
    record_core_group,
    record_cp_visit,
    record_review_conference,
    start_cp_plan,
    update_contingency_plan,
)
from .outcomes import add_outcome, record_drift_decision, record_progress
from .strategy import (
    AgreedAction,
    Attendee,
    complete_strategy_action,
    conclude_section47,
    record_strategy_discussion,
    record_transfer_in,
)

__all__ = [
    "OVERLAP_MESSAGE",
    "AgreedAction",
    "Attendance",
    "Attendee",
    "add_outcome",
    "close_cin_episode",
    "complete_strategy_action",
    "conclude_section47",
    "end_cin_plan",
    "end_cp_plan",
    "open_cin_episode",
    "record_cin_review",
    "record_cin_visit",
    "record_conference",
    "record_core_group",
    "record_cp_visit",
    "record_drift_decision",
    "record_progress",
    "record_review_conference",
    "record_strategy_discussion",
    "record_transfer_in",
    "start_cin_plan",
    "start_cp_plan",
    "update_contingency_plan",
]
