"""The report as an XLSX workbook a board can hand on: a front sheet with the particulars,
one sheet per breakdown and the severity × article cross-table, in the reader's language.

Counts stay numbers (a spreadsheet can add them up); a hidden count is ``*`` and "nothing
to show" is ``-``, each explained by a legend under the table.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from pcc_cases.domain.labels import label as code_label
from pcc_cases.reports.figures import COUNT_BREAKDOWNS
from pcc_cases.reports.render_text import (
    DIMENSIONS,
    front_matter,
    key_label,
    label,
    previous_value,
    summary_rows,
    suppression_note,
)
from pcc_cases.reports.severity import SeverityReport
from pcc_cases.reports.tabular import neutralise
from pcc_cases.translation import N_, translate

HIDDEN = "*"
NOTHING = "-"
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_RIGHT = Alignment(horizontal="right")
_WRAP = Alignment(wrap_text=True, vertical="top")
_FORMATS = {int: "#,##0", float: "0.0"}
_SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def render_xlsx(report: SeverityReport, lang: str, organisation: str = "") -> bytes:
    """The report as an XLSX workbook; ``organisation`` names the school on the front sheet.

    Raises:
        MissingExtraError: the ``reports`` extra (openpyxl) is not installed.
    """
    book = Workbook()
    front = book.active
    if front is None:  # pragma: no cover - a new workbook always has a sheet
        raise RuntimeError("a new workbook has no sheet")
    _front_sheet(front, report, lang, organisation)
    legend = _legend(report, lang)
    summary = book.create_sheet(_sheet_name(label("summary", lang)))
    _list_sheet(summary, "summary", summary_rows(report, lang), report, lang, legend)
    for name in COUNT_BREAKDOWNS:
        rows = [
            (key_label(name, key, lang), value, previous_value(report, (name, key)))
            for key, value in report.figures[name].items()
        ]
        sheet = book.create_sheet(_sheet_name(label(name, lang)))
        _list_sheet(sheet, name, rows, report, lang, legend)
    _cross_sheet(book.create_sheet(_sheet_name(label("by_severity_article", lang))), report, lang)
    title = f"{label('title', lang)} {report.period.label}"
    book.properties.title = title
    book.properties.subject = ", ".join(report.locations)
    book.properties.creator = "pcc_cases"
    book.properties.lastModifiedBy = "pcc_cases"
    book.properties.language = lang
    book.properties.created = report.generated_at.in_timezone("UTC").naive()
    book.properties.modified = book.properties.created
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _front_sheet(sheet: Worksheet, report: SeverityReport, lang: str, organisation: str) -> None:
    sheet.title = _sheet_name(translate(N_("Front sheet"), lang))
    sheet.append([label("title", lang)])
    sheet["A1"].font = _TITLE
    sheet.append([])
    for name, value in front_matter(report, lang, organisation):
        sheet.append([name, neutralise(value)])
        sheet.cell(sheet.max_row, 1).font = _BOLD
        sheet.cell(sheet.max_row, 2).alignment = _WRAP
    sheet.append([])
    sheet.append([translate(N_("Sheets"), lang)])
    sheet.cell(sheet.max_row, 1).font = _BOLD
    for name in ("summary", *COUNT_BREAKDOWNS, "by_severity_article"):
        sheet.append(["", label(name, lang)])
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 80
    _print_on_a4(sheet)


def _list_sheet(
    sheet: Worksheet,
    name: str,
    rows: Sequence[tuple[str, Any, Any]],
    report: SeverityReport,
    lang: str,
    legend: Sequence[str],
) -> None:
    """A breakdown as rows: its dimension, this period, the previous period."""
    this = f"{label('this', lang)} ({report.period.label})"
    before = f"{label('previous', lang)} ({report.previous_period.label})"
    sheet.append([translate(DIMENSIONS[name], lang), this, before])
    for cell in sheet[1]:
        cell.font = _BOLD
    for row_label, value, previous in rows:
        sheet.append([neutralise(row_label)])
        _figure(sheet, sheet.max_row, 2, value)
        _figure(sheet, sheet.max_row, 3, previous)
    _legend_rows(sheet, legend)
    sheet.freeze_panes = "B2"
    _fit_columns(sheet, len(rows) + 1)
    _print_on_a4(sheet)


def _cross_sheet(sheet: Worksheet, report: SeverityReport, lang: str) -> None:
    """Severity levels down, articles across; the previous period's table below it."""
    matrices = [(report.period.label, report.figures["by_severity_article"])]
    if report.previous is not None:
        matrices.append((report.previous_period.label, report.previous["by_severity_article"]))
    articles = list(next(iter(report.figures["by_severity_article"].values())))
    for index, (period_label, matrix) in enumerate(matrices):
        corner = f"{period_label}: {label('level', lang)} \\ {label('article', lang)}"
        if index:
            sheet.append([])
        sheet.append([corner, *[key_label("by_article", a, lang) for a in articles]])
        header = sheet.max_row
        sheet.row_dimensions[header].height = 48
        for cell in sheet[header]:
            cell.font = _BOLD
            cell.alignment = _WRAP
        for level, row in matrix.items():
            sheet.append([code_label("severity", level, lang)])
            for column, article in enumerate(articles, start=2):
                _figure(sheet, sheet.max_row, column, row.get(article))
    _legend_rows(sheet, _legend(report, lang)[:1])
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 28
    for column in range(2, len(articles) + 2):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = 18
    _print_on_a4(sheet, landscape=True)


def _figure(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """A count as a number with its format; hidden as '*', nothing as '-', right-aligned."""
    cell = sheet.cell(row, column)
    if value is None:
        cell.value, cell.alignment = HIDDEN, _RIGHT
    elif value == NOTHING:
        cell.value, cell.alignment = NOTHING, _RIGHT
    else:
        cell.value, cell.number_format = value, _FORMATS[type(value)]


def _legend(report: SeverityReport, lang: str) -> list[str]:
    return [suppression_note(report, lang), label("nothing", lang)]


def _legend_rows(sheet: Worksheet, legend: Sequence[str]) -> None:
    sheet.append([])
    for line in legend:
        sheet.append([line])
        sheet.cell(sheet.max_row, 1).font = Font(italic=True)


def _fit_columns(sheet: Worksheet, table_rows: int) -> None:
    """Wide enough for the table (the legend below may run on)."""
    for column in sheet.iter_cols(min_row=1, max_row=table_rows):
        longest = max(len(str(cell.value)) for cell in column if cell.value is not None)
        sheet.column_dimensions[column[0].column_letter].width = min(max(longest + 2, 12), 60)


def _print_on_a4(sheet: Worksheet, *, landscape: bool = False) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _sheet_name(text: str) -> str:
    """Excel's rules: at most 31 characters, and none of the characters it forbids."""
    return text.translate(_SHEET_NAME_FORBIDDEN).strip()[:31]
