"""The child protection / CIN panel on the child's record summary (SUMMARY_PANELS)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from people.models import Person

from .models import CINPlan, CPPlan
from .queries import months_open, plan_flags, previous_plan_count, with_flag_data


def protection_panel(person: Person, user: Any) -> SafeString:
    today = timezone.localdate()
    cp = (
        with_flag_data(CPPlan.objects.filter(person=person, ended_on__isnull=True))
        .annotate(previous=previous_plan_count())
        .first()
    )
    cin = with_flag_data(CINPlan.objects.filter(person=person, ended_on__isnull=True)).first()
    lines: list[SafeString] = []
    if cp is not None:
        flags = plan_flags(cp, today, cp.previous)
        lines.append(
            format_html(
                "<li>Child protection plan since {} ({} months), latest category: {}</li>",
                cp.started_on.strftime("%-d %b %Y"),
                months_open(cp.started_on, today),
                cp.get_latest_category_display(),
            )
        )
        lines.extend(
            format_html(
                '<li><strong class="govuk-tag govuk-tag--{}">{}</strong></li>', colour, text
            )
            for text, colour in flags.labels
        )
    if cin is not None:
        flags = plan_flags(cin, today)
        lines.append(
            format_html(
                "<li>Child in need plan since {}</li>", cin.started_on.strftime("%-d %b %Y")
            )
        )
        lines.extend(
            format_html(
                '<li><strong class="govuk-tag govuk-tag--{}">{}</strong></li>', colour, text
            )
            for text, colour in flags.labels
        )
    if not lines:
        lines.append(format_html("<li>{}</li>", "No child protection or child in need plan"))
    return format_html(
        '<h2 class="govuk-heading-m">Child protection and child in need</h2>'
        '<ul class="govuk-list">{}</ul>'
        '<p class="govuk-body"><a class="govuk-link" href="{}">Child protection and CIN</a></p>',
        format_html_join("", "{}", ((line,) for line in lines)),
        reverse("protection:child", args=[person.pk]),
    )
