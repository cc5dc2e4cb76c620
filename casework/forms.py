from __future__ import annotations

import datetime
from typing import Any

from django import forms

from accounts.models import Team, User
from ui.forms import GovukForm
from ui.widgets import GovukDateField

from .actions import ALLOCATABLE_ROLES
from .choices import AllocationRole, NoteKind


class CaseNoteForm(GovukForm):
    kind = forms.ChoiceField(
        label="Type of note", choices=NoteKind.choices, widget=forms.RadioSelect
    )
    occurred_on = GovukDateField(label="Date", help_text="When it happened, for example 27 3 2026")
    with_whom = forms.CharField(
        label="Who was involved (optional)", required=False, max_length=1000
    )
    child_seen = forms.ChoiceField(
        label="Was the child seen?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        required=False,
    )
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        required=False,
    )
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 10}))

    conditional_fields = {"kind": {"visit": ["child_seen", "seen_alone"]}}

    def flags(self) -> tuple[bool | None, bool | None]:
        def yes_no(value: str) -> bool | None:
            return {"yes": True, "no": False}.get(value)

        return yes_no(self.cleaned_data.get("child_seen", "")), yes_no(
            self.cleaned_data.get("seen_alone", "")
        )


class ChronologyFilterForm(GovukForm):
    kind = forms.MultipleChoiceField(
        label="Type of entry", required=False, widget=forms.CheckboxSelectMultiple
    )
    significant = forms.BooleanField(label="Significant entries only", required=False)
    date_from = GovukDateField(label="From", required=False)
    date_to = GovukDateField(label="To", required=False)

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


class AllocateForm(GovukForm):
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none())
    worker = forms.ModelChoiceField(
        label="Worker (optional)", queryset=User.objects.none(), required=False
    )
    role = forms.ChoiceField(
        label="Allocation", choices=AllocationRole.choices, initial=AllocationRole.SOCIAL_WORKER
    )
    started_on = GovukDateField(label="From", initial=datetime.date.today)
    reason = forms.CharField(label="Reason", max_length=250)

    def __init__(self, *args: Any, team_ids: list[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = Team.objects.filter(kind="team")
        workers = User.objects.filter(is_active=True, role__in=ALLOCATABLE_ROLES)
        if team_ids is not None:
            teams = teams.filter(pk__in=team_ids)
            workers = workers.filter(team_id__in=team_ids)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["worker"].queryset = workers.select_related("team")  # type: ignore[attr-defined]
        self.fields["worker"].label_from_instance = lambda u: f"{u} – {u.team}"  # type: ignore[attr-defined]
