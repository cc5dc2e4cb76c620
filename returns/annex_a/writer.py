"""Write built Annex A lists to one Excel workbook in the template's layout (openpyxl)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from .templates import AnnexATemplate


def write(lists: Mapping[int, Sequence[Sequence[Any]]], template: AnnexATemplate) -> bytes:
    """One sheet per built list, named and headed exactly as the template; dates are real
    Excel dates shown dd/mm/yyyy."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for number in template.built:
        spec = template.list_spec(number)
        sheet = workbook.create_sheet(spec.sheet)
        sheet.append(_header_cells(sheet, spec.headers, bold))
        for row in lists.get(number, ()):
            sheet.append([_cell(sheet, value, template.date_format) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _header_cells(sheet: Any, headers: list[str], font: Font) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = font
        cells.append(cell)
    return cells


def _cell(sheet: Any, value: Any, date_format: str) -> Any:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = date_format
        return cell
    return value
