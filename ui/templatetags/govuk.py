"""Render Django form fields with GOV.UK Frontend markup.

`{% govuk_field form.name %}` picks the pattern from the widget: text input, textarea,
select, radios (with conditional reveals declared on the form as
`conditional_fields = {"radio_field": {"value": ["revealed_field", ...]}}`), checkboxes,
a single checkbox, or the date input.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from ui.widgets import GovukDateWidget

register = template.Library()


def _hint(field: BoundField) -> tuple[SafeString, str]:
    if not field.help_text:
        return mark_safe(""), ""
    hint_id = f"{field.auto_id}-hint"
    return format_html(
        '<div id="{}" class="govuk-hint">{}</div>', hint_id, field.help_text
    ), hint_id


def _error(field: BoundField) -> tuple[SafeString, str]:
    if not field.errors:
        return mark_safe(""), ""
    error_id = f"{field.auto_id}-error"
    messages = format_html_join(mark_safe("<br>"), "{}", ((e,) for e in field.errors))
    return (
        format_html(
            '<p id="{}" class="govuk-error-message"><span class="govuk-visually-hidden">'
            "Error:</span> {}</p>",
            error_id,
            messages,
        ),
        error_id,
    )


def _describedby(*ids: str) -> SafeString:
    joined = " ".join(i for i in ids if i)
    return format_html(' aria-describedby="{}"', joined) if joined else mark_safe("")


def _group(field: BoundField, inner: SafeString) -> SafeString:
    css = "govuk-form-group" + (" govuk-form-group--error" if field.errors else "")
    return format_html('<div class="{}">{}</div>', css, inner)


def _label(field: BoundField, *, page_heading: bool = False) -> SafeString:
    if page_heading:
        return format_html(
            '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" '
            'for="{}">{}</label></h1>',
            field.id_for_label,
            field.label,
        )
    return format_html(
        '<label class="govuk-label" for="{}">{}</label>', field.id_for_label, field.label
    )


def _legend(field: BoundField, size: str = "s") -> SafeString:
    return format_html(
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--{}">{}</legend>',
        size,
        field.label,
    )


def _value(field: BoundField) -> str:
    value = field.value()
    return "" if value is None else str(value)


def _render_input(field: BoundField, classes: str, page_heading: bool) -> SafeString:
    hint, hint_id = _hint(field)
    error, error_id = _error(field)
    widget = field.field.widget
    if isinstance(widget, forms.Textarea):
        control = format_html(
            '<textarea class="govuk-textarea{}{}" id="{}" name="{}" rows="{}"{}>{}</textarea>',
            " govuk-textarea--error" if field.errors else "",
            f" {classes}" if classes else "",
            field.auto_id,
            field.html_name,
            widget.attrs.get("rows", 6),
            _describedby(hint_id, error_id),
            _value(field),
        )
    elif isinstance(widget, forms.Select):
        options = []
        current = _value(field)
        for value, label in field.field.choices:  # type: ignore[attr-defined]
            options.append(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    value,
                    mark_safe(" selected") if str(value) == current else "",
                    label,
                )
            )
        control = format_html(
            '<select class="govuk-select{}" id="{}" name="{}"{}>{}</select>',
            " govuk-select--error" if field.errors else "",
            field.auto_id,
            field.html_name,
            _describedby(hint_id, error_id),
            mark_safe("".join(options)),
        )
    else:
        input_type = getattr(widget, "input_type", "text")
        extra = " ".join(
            format_html('{}="{}"', k, v)
            for k, v in widget.attrs.items()
            if k in {"autocomplete", "inputmode", "spellcheck", "maxlength"}
        )
        control = format_html(
            '<input class="govuk-input{}{}" id="{}" name="{}" type="{}" value="{}"{} {}>',
            " govuk-input--error" if field.errors else "",
            f" {classes}" if classes else "",
            field.auto_id,
            field.html_name,
            input_type,
            "" if input_type == "password" else _value(field),
            _describedby(hint_id, error_id),
            mark_safe(extra),
        )
    return _group(
        field,
        format_html("{}{}{}{}", _label(field, page_heading=page_heading), hint, error, control),
    )


def _render_choices(field: BoundField, multiple: bool, conditional: dict[str, Any]) -> SafeString:
    hint, hint_id = _hint(field)
    error, error_id = _error(field)
    kind = "checkboxes" if multiple else "radios"
    current = field.value()
    selected = {str(v) for v in current} if multiple and current else {str(current)}
    items = []
    for index, (value, label) in enumerate(field.field.choices):  # type: ignore[attr-defined]
        if value == "" and not multiple:
            continue
        item_id = field.auto_id if index == 0 else f"{field.auto_id}-{index}"
        reveal = conditional.get(str(value))
        reveal_id = f"conditional-{item_id}"
        items.append(
            format_html(
                '<div class="govuk-{kind}__item"><input class="govuk-{kind}__input" id="{id}" '
                'name="{name}" type="{type}" value="{value}"{checked}{aria}>'
                '<label class="govuk-label govuk-{kind}__label" for="{id}">{label}</label></div>'
                "{reveal}",
                kind=kind,
                id=item_id,
                name=field.html_name,
                type="checkbox" if multiple else "radio",
                value=value,
                checked=mark_safe(" checked") if str(value) in selected else "",
                aria=format_html(' data-aria-controls="{}"', reveal_id) if reveal else "",
                label=label,
                reveal=format_html(
                    '<div class="govuk-{}__conditional govuk-{}__conditional--hidden" id="{}">{}</div>',
                    kind,
                    kind,
                    reveal_id,
                    reveal,
                )
                if reveal
                else "",
            )
        )
    inline = " govuk-radios--inline" if not multiple and len(items) <= 2 and not conditional else ""
    body = format_html(
        '<fieldset class="govuk-fieldset"{}>{}{}{}<div class="govuk-{}{}" data-module="govuk-{}">{}</div></fieldset>',
        _describedby(hint_id, error_id),
        _legend(field),
        hint,
        error,
        kind,
        inline,
        kind,
        mark_safe("".join(items)),
    )
    return _group(field, body)


def _render_checkbox(field: BoundField) -> SafeString:
    hint, hint_id = _hint(field)
    error, error_id = _error(field)
    body = format_html(
        '{}<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
        '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{}" '
        'name="{}" type="checkbox" value="on"{}{}><label class="govuk-label govuk-checkboxes__label" '
        'for="{}">{}</label>{}</div></div>',
        error,
        field.auto_id,
        field.html_name,
        mark_safe(" checked") if field.value() else "",
        _describedby(hint_id, error_id),
        field.auto_id,
        field.label,
        hint,
    )
    return _group(field, body)


def _render_date(field: BoundField) -> SafeString:
    hint, hint_id = _hint(field)
    error, error_id = _error(field)
    value = field.value()
    if not isinstance(value, list | tuple):
        value = field.field.widget.decompress(value)
    parts = []
    for index, (label, width) in enumerate((("Day", 2), ("Month", 2), ("Year", 4))):
        part_value = value[index] if index < len(value) and value[index] is not None else ""
        parts.append(
            format_html(
                '<div class="govuk-date-input__item"><div class="govuk-form-group">'
                '<label class="govuk-label govuk-date-input__label" for="{id}_{i}">{label}</label>'
                '<input class="govuk-input govuk-date-input__input govuk-input--width-{w}{err}" '
                'id="{id}_{i}" name="{name}_{i}" type="text" inputmode="numeric" value="{v}">'
                "</div></div>",
                id=field.auto_id,
                i=index,
                label=label,
                w=width,
                err=" govuk-input--error" if field.errors else "",
                name=field.html_name,
                v=part_value,
            )
        )
    body = format_html(
        '<fieldset class="govuk-fieldset" role="group"{}>{}{}{}<div class="govuk-date-input" '
        'id="{}">{}</div></fieldset>',
        _describedby(hint_id, error_id),
        _legend(field),
        hint,
        error,
        field.auto_id,
        mark_safe("".join(parts)),
    )
    return _group(field, body)


@register.simple_tag
def govuk_field(field: BoundField, classes: str = "", page_heading: bool = False) -> SafeString:
    widget = field.field.widget
    form = field.form
    conditional_spec = getattr(form, "conditional_fields", {}).get(field.name, {})
    conditional = {
        value: mark_safe("".join(govuk_field(form[name]) for name in names))
        for value, names in conditional_spec.items()
    }
    if isinstance(widget, GovukDateWidget):
        return _render_date(field)
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return _render_choices(field, True, conditional)
    if isinstance(widget, forms.RadioSelect):
        return _render_choices(field, False, conditional)
    if isinstance(widget, forms.CheckboxInput):
        return _render_checkbox(field)
    if isinstance(widget, forms.HiddenInput):
        return format_html(
            '<input type="hidden" name="{}" value="{}">', field.html_name, _value(field)
        )
    return _render_input(field, classes, page_heading)


def _error_target(field: BoundField) -> str:
    if isinstance(field.field.widget, GovukDateWidget):
        return f"{field.auto_id}_0"
    return str(field.auto_id)


@register.inclusion_tag("ui/components/error_summary.html")
def govuk_error_summary(form: forms.BaseForm) -> dict[str, Any]:
    items = []
    if form.errors:
        for message in form.non_field_errors():
            items.append({"href": "", "text": message})
        for name in form.errors:
            if name == "__all__" or name not in form.fields:
                continue
            bound = form[name]
            for message in bound.errors:
                items.append({"href": f"#{_error_target(bound)}", "text": message})
    return {"items": items}
