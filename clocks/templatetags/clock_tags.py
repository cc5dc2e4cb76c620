"""Clock components as template tags: a tag costs far less than an include, and the Team and
My work lists show one for every clock."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from clocks.queries import ClockRow

register = template.Library()


@register.simple_tag
def state_tag(row: ClockRow) -> SafeString:
    """The GOV.UK tag for a clock's state today: `{% state_tag row %}`."""
    label, css = row.tag
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, label)
