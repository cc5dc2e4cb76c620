"""GOV.UK forms for strategy discussions, enquiries, conferences and plans."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from casework.choices import ClosureReason
from ui.forms import GovukForm
from ui.widgets import GovukDateField

from . import actions
from .choices import (
    AbuseCategory,
    Agency,
    CINPlanEndReason,
    CPPlanEndReason,
    ProgressRating,
    ReviewDecision,
    S47Outcome,
    StrategyDecision,
)

YES_NO = [("yes", "Yes"), ("no", "No")]
ACTION_SLOTS = 3


def yes_no(label: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect, **kwargs)


def text(label: str, *, required: bool = True, rows: int = 5, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def chairs() -> Any:
    return User.objects.filter(role=Role.IRO, is_active=True).order_by("last_name", "first_name")


class ProtectionForm(GovukForm):
    conditional_fields: dict[str, dict[str, list[str]]] = {}

    def top_level(self) -> list[BoundField]:
        """Fields not shown inside a conditional reveal (the template renders these)."""
        revealed = {
            n for spec in self.conditional_fields.values() for ns in spec.values() for n in ns
        }
        return [self[name] for name in self.fields if name not in revealed]


class StrategyDiscussionForm(ProtectionForm):
    held_on = GovukDateField(label="Date of the strategy discussion")
    held_time = forms.CharField(
        label="Time", help_text="For example, 14:30", max_length=5, initial="09:00"
    )
    agencies = forms.MultipleChoiceField(
        label="Which agencies took part?",
        help_text="Police, health and education should normally take part",
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    decision = forms.ChoiceField(
        label="Decision", choices=StrategyDecision.choices, widget=forms.RadioSelect
    )
    rationale = text("Rationale for the decision", rows=6)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reveals: dict[str, list[str]] = {}
        for code, label in Agency.choices:
            self.fields[f"{code}_name"] = forms.CharField(
                label=f"{label}: who took part", required=False, max_length=160
            )
            self.fields[f"{code}_information"] = text(
                f"{label}: information shared", required=False, rows=3
            )
            reveals[code] = [f"{code}_name", f"{code}_information"]
        for i in range(1, ACTION_SLOTS + 1):
            self.fields[f"action_{i}_description"] = forms.CharField(
                label=f"Action {i} (optional)", required=False, max_length=300
            )
            self.fields[f"action_{i}_owner"] = forms.CharField(
                label=f"Action {i}: owner", required=False, max_length=160
            )
            self.fields[f"action_{i}_deadline"] = GovukDateField(
                label=f"Action {i}: deadline", required=False
            )
        self.conditional_fields = {"agencies": reveals}

    def clean_held_time(self) -> datetime.time:
        value = self.cleaned_data["held_time"].strip()
        try:
            return datetime.datetime.strptime(value, "%H:%M").time()
        except ValueError:
            raise forms.ValidationError("Enter a time in the format 14:30") from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, ACTION_SLOTS + 1):
            desc = data.get(f"action_{i}_description", "")
            if desc and not data.get(f"action_{i}_owner"):
                self.add_error(f"action_{i}_owner", "Enter who owns the action")
            if desc and not data.get(f"action_{i}_deadline"):
                self.add_error(f"action_{i}_deadline", "Enter the deadline for the action")
        return data

    def held_at(self) -> datetime.datetime:
        d = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(d["held_on"], d["held_time"]))

    def attendees(self) -> list[actions.Attendee]:
        d = self.cleaned_data
        return [
            actions.Attendee(
                agency=code,
                name=d.get(f"{code}_name", ""),
                information_shared=d.get(f"{code}_information", ""),
            )
            for code in d.get("agencies", [])
        ]

    def agreed_actions(self) -> list[actions.AgreedAction]:
        d = self.cleaned_data
        return [
            actions.AgreedAction(
                description=d[f"action_{i}_description"],
                owner=d[f"action_{i}_owner"],
                deadline=d[f"action_{i}_deadline"],
            )
            for i in range(1, ACTION_SLOTS + 1)
            if d.get(f"action_{i}_description")
        ]


class CompleteActionForm(ProtectionForm):
    completed_on = GovukDateField(label="Date completed", initial=datetime.date.today)


class Section47OutcomeForm(ProtectionForm):
    outcome = forms.ChoiceField(
        label="Outcome of the enquiry", choices=S47Outcome.choices, widget=forms.RadioSelect
    )
    icpc_needed = yes_no("Is an initial child protection conference needed?")
    icpc_not_needed_reason = text("Why is a conference not needed?", required=False, rows=4)
    completed_on = GovukDateField(label="Date the enquiry was completed")
    conditional_fields = {"icpc_needed": {"no": ["icpc_not_needed_reason"]}}


class ConferenceForm(ProtectionForm):
    held_on = GovukDateField(label="Date of the conference")
    chair = forms.ModelChoiceField(label="Chair", queryset=User.objects.none())
    attended = forms.MultipleChoiceField(
        label="Which agencies attended?",
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reports = forms.MultipleChoiceField(
        label="Which agencies provided a report?",
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    child_views = text("The child's views")
    child_views_how = text("How were the child's views gathered?", rows=3)
    plan_made = yes_no("Did the conference decide on a child protection plan?")
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=AbuseCategory.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    contingency_plan = text("Contingency plan (optional)", required=False, rows=4)
    conditional_fields = {"plan_made": {"yes": ["category", "contingency_plan"]}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs()  # type: ignore[attr-defined]

    def attendance(self) -> list[actions.Attendance]:
        d = self.cleaned_data
        agencies = list(dict.fromkeys([*d.get("attended", []), *d.get("reports", [])]))
        return [
            actions.Attendance(
                agency=a,
                attended=a in d.get("attended", []),
                report_provided=a in d.get("reports", []),
            )
            for a in agencies
        ]


class TransferInForm(ProtectionForm):
    notified_on = GovukDateField(label="Date we were notified")
    from_authority = forms.CharField(label="Authority the child moved from", max_length=120)


class CoreGroupForm(ProtectionForm):
    held_on = GovukDateField(label="Date of the core group meeting")
    attendees = text("Who attended", required=False, rows=3)
    notes = text("Notes", required=False)


class ReviewConferenceForm(ProtectionForm):
    held_on = GovukDateField(label="Date of the review conference")
    chair = forms.ModelChoiceField(label="Chair", queryset=User.objects.none())
    category = forms.ChoiceField(
        label="Latest category of abuse",
        choices=[("", "No change"), *AbuseCategory.choices],
        required=False,
    )
    decision = forms.ChoiceField(
        label="Decision", choices=ReviewDecision.choices, widget=forms.RadioSelect
    )
    end_reason = forms.ChoiceField(
        label="Why is the plan ending?",
        choices=CPPlanEndReason.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    notes = text("Notes", required=False)
    conditional_fields = {"decision": {ReviewDecision.END.value: ["end_reason"]}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs()  # type: ignore[attr-defined]


class CPVisitForm(ProtectionForm):
    visited_on = GovukDateField(label="Date of the visit")
    seen = yes_no("Was the child seen?")
    seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    home_seen = forms.BooleanField(label="The home was seen", required=False)
    bedroom_seen = forms.BooleanField(label="The child's bedroom was seen", required=False)
    note = text("Note", required=False)


class CINVisitForm(ProtectionForm):
    visited_on = GovukDateField(label="Date of the visit")
    seen = yes_no("Was the child seen?")
    seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    note = text("Note", required=False)


class EndCPPlanForm(ProtectionForm):
    ended_on = GovukDateField(label="Date the plan ended")
    reason = forms.ChoiceField(
        label="Why did the plan end?", choices=CPPlanEndReason.choices, widget=forms.RadioSelect
    )


class ContingencyForm(ProtectionForm):
    contingency_plan = text(
        "Contingency plan",
        help_text="What will happen if the plan is not working or the child is not safe",
        rows=8,
    )


class StartCINPlanForm(ProtectionForm):
    started_on = GovukDateField(label="Date the child in need plan started")


class CINReviewForm(ProtectionForm):
    held_on = GovukDateField(label="Date of the review")
    notes = text("Notes", required=False)


class EndCINPlanForm(ProtectionForm):
    ended_on = GovukDateField(label="Date the plan ended")
    reason = forms.ChoiceField(
        label="Why did the plan end?", choices=CINPlanEndReason.choices, widget=forms.RadioSelect
    )


class OutcomeForm(ProtectionForm):
    what_must_change = text("What must change", rows=4)
    by_when = GovukDateField(label="By when")
    responsible = forms.CharField(label="Who is responsible", max_length=160)


class ProgressForm(ProtectionForm):
    recorded_on = GovukDateField(label="Date", initial=datetime.date.today)
    rating = forms.ChoiceField(
        label="Progress", choices=ProgressRating.choices, widget=forms.RadioSelect
    )
    note = text("What has changed, or why not", required=False, rows=4)


class CloseEpisodeForm(ProtectionForm):
    ended_on = GovukDateField(label="Date the case closed")
    closure_reason = forms.ChoiceField(
        label="Reason for closure",
        choices=[(c, f"{c}: {label}") for c, label in ClosureReason.choices],
        widget=forms.RadioSelect,
    )


class DriftDecisionForm(ProtectionForm):
    decided_on = GovukDateField(label="Date of the decision", initial=datetime.date.today)
    decision = text("Decision and direction", rows=6)
