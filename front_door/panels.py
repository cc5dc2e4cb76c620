"""The front-door panel on the child's record summary (casework.queries.SUMMARY_PANELS)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from people.models import Person

from .models import Contact, Referral


def front_door_panel(person: Person, user: Any) -> SafeString:
    contact = Contact.objects.filter(person=person).order_by("-received_at", "-pk").first()
    referral = Referral.objects.filter(person=person).order_by("-referral_date", "-pk").first()
    lines = []
    if contact is not None:
        lines.append(
            format_html(
                "<li>Latest contact: {} ({}, {})</li>",
                timezone.localtime(contact.received_at).strftime("%-d %b %Y"),
                contact.get_source_display(),
                contact.get_state_display().lower(),
            )
        )
    if referral is not None:
        lines.append(
            format_html(
                "<li>Latest referral: {}{}</li>",
                referral.referral_date.strftime("%-d %b %Y"),
                " (re-referral)" if referral.re_referral else "",
            )
        )
    if not lines:
        lines.append(format_html("<li>{}</li>", "No contacts recorded"))
    return format_html(
        '<h2 class="govuk-heading-m">Front door</h2><ul class="govuk-list">{}</ul>'
        '<p class="govuk-body"><a class="govuk-link" href="{}">Front door history</a></p>',
        SafeString("".join(lines)),
        reverse("front_door:history", args=[person.pk]),
    )
