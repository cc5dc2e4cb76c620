"""Ofsted ILACS Annex A: lists 1-7 from the record, written as the template's workbook.

    export(as_of, template_year=None) -> (bytes, row_counts)

`records.load` reads the record, `builder.build` makes the rows (pure), `writer.write` makes
the workbook; `templates` holds each year's sheets, headers and value formats as data.
"""

from __future__ import annotations

import datetime


def export(as_of: datetime.date, template_year: int | None = None) -> tuple[bytes, dict[int, int]]:
    from . import builder, records, templates, writer

    template = templates.template_for(as_of, template_year)
    lists = builder.build(records.load(as_of), template)
    return writer.write(lists, template), {n: len(rows) for n, rows in lists.items()}
