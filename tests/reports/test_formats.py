"""The report's formats: JSON against its schema, golden text/CSV/HTML, XLSX figures,
byte-identical HTML, formula injection, and who may see what.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openpyxl import load_workbook
from rich.console import Console

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import PermissionDeniedError
from pcc_cases.domain.period import parse_school_year
from pcc_cases.reports.render_html import render_html
from pcc_cases.reports.render_text import render_text
from pcc_cases.reports.severity import SeverityReport, severity_report
from pcc_cases.reports.tabular import neutralise, render_csv
from pcc_cases.reports.workbook import render_xlsx
from tests.clirun import run
from tests.docs_text import DOCS

GOLDEN = Path(__file__).parent / "golden"
SCHEMA = json.loads((DOCS / "report-severity.schema.json").read_text())
UPDATE = os.environ.get("PCC_CASES_UPDATE_GOLDEN") == "1"


def make_report(url: str, settings: Any, actor: str = "cvb1", **options: Any) -> SeverityReport:
    engine = make_engine(url)
    try:
        with UnitOfWork(engine, write=True) as uow:
            return severity_report(uow, actor, settings=settings, **options)
    finally:
        engine.dispose()


def golden(name: str, content: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
    assert content == path.read_bytes(), (
        f"{name} differs from the golden file; PCC_CASES_UPDATE_GOLDEN=1 rewrites it"
    )


def test_json_matches_its_schema_with_and_without_suppression(
    report_db: str, report_settings: Any
) -> None:
    for suppression in (True, False):
        data = make_report(report_db, report_settings, suppression=suppression).to_json()
        jsonschema.validate(data, SCHEMA)
    assert data["total_cases"] == 11 and data["previous"]["total_cases"] == 4
    assert data["period"] == {"start": "2025-08-01", "end": "2026-07-31", "label": "2025-2026"}


def test_small_counts_are_suppressed_by_default(report_db: str, report_settings: Any) -> None:
    data = make_report(report_db, report_settings).to_json()
    assert data["suppression"]["applied"] is True
    assert data["by_severity"]["4"] is None and "by_severity.4" in data["suppression"]["cells"]
    assert "previous.total_cases" in data["suppression"]["cells"]


def test_golden_text(report_db: str, report_settings: Any) -> None:
    report = make_report(report_db, report_settings, suppression=False)
    for lang in ("nl", "en"):
        buffer = io.StringIO()
        render_text(report, lang, Console(file=buffer, width=100, color_system=None))
        golden(f"severity.{lang}.txt", buffer.getvalue().encode())


def test_golden_csv(report_db: str, report_settings: Any) -> None:
    report = make_report(report_db, report_settings)
    nl, en = render_csv(report, "nl"), render_csv(report, "en")
    assert nl.startswith("\ufeff".encode()) and b";" in nl.splitlines()[0]
    golden("severity.nl.csv", nl)
    golden("severity.en.csv", en)


def test_golden_html_is_byte_identical_across_runs(report_db: str, report_settings: Any) -> None:
    report = make_report(report_db, report_settings)
    first, second = render_html(report, "nl"), render_html(report, "nl")
    assert first == second
    assert "<svg" in first
    assert "<link" not in first and "src=" not in first and "<script" not in first  # self-contained
    golden("severity.nl.html", first.encode())


def test_the_charts_in_the_docs_are_the_charts_the_report_draws(
    report_db: str, report_settings: Any
) -> None:
    html = render_html(make_report(report_db, report_settings), "en")
    charts = [chunk[: chunk.index("</svg>") + 6] for chunk in html.split("<svg")[1:]]
    names = ["by-severity", "by-article", "by-platform", "by-month"]
    assert len(charts) == len(names)
    for name, chart in zip(names, charts, strict=True):
        path = DOCS / "img" / f"{name}.svg"
        if UPDATE:
            path.write_text("<svg" + chart + "\n")
        assert path.read_text() == "<svg" + chart + "\n", f"{path.name}: PCC_CASES_UPDATE_GOLDEN=1"


def _cells(sheet: Any) -> dict[Any, tuple[Any, ...]]:
    """The rows of a breakdown sheet by their first cell, up to the blank row."""
    rows: dict[Any, tuple[Any, ...]] = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[0] is None:
            break
        rows[row[0]] = row[1:]
    return rows


def _shown(value: Any) -> Any:
    return "*" if value is None else value


def test_xlsx_front_sheet_names_the_report(report_db: str, report_settings: Any) -> None:
    report = make_report(report_db, report_settings)
    book = load_workbook(io.BytesIO(render_xlsx(report, "nl", "=Stichting PCC")))
    assert book.sheetnames == [
        "Voorblad",
        "Samenvatting",
        "Zaken naar ernst",
        "Zaken naar artikel",
        "Zaken naar platform",
        "Zaken naar maand",
        "Zaken naar vestiging",
        "Overtreders naar soort",
        "Besluiten naar maatregel",
        "Ernst naar artikel",
    ]
    front = {row[0]: row[1] for row in book["Voorblad"].iter_rows(values_only=True) if row[0]}
    assert book["Voorblad"]["A1"].value == "Ernst van overtredingen"
    assert book["Voorblad"]["A1"].font.bold
    assert front["Organisatie"] == "'=Stichting PCC"  # a formula is never run
    assert front["Periode"] == "2025-2026 (1 augustus 2025 – 31 mei 2026)"
    assert front["Vestigingen"] == "Alkmaar, Bergen"
    assert front["Gemaakt op"] == "1 juni 2026 12:00"
    assert "(1 tot en met 5) zijn verborgen (*)" in front["Kleine aantallen"]
    assert book.properties.title == "Ernst van overtredingen 2025-2026"
    assert book.properties.creator == "pcc_cases"


def test_xlsx_sheets_hold_the_figures_with_dutch_headers_and_hidden_cells_as_stars(
    report_db: str, report_settings: Any
) -> None:
    report = make_report(report_db, report_settings)
    book = load_workbook(io.BytesIO(render_xlsx(report, "nl")))
    sheet = book["Zaken naar ernst"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["Ernst", "deze periode (2025-2026)", "vorige periode (2024-2025)"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["B"].width >= len(header[1])
    rows = _cells(sheet)
    assert list(rows) == ["1 licht", "2 middel", "3 zwaar", "4 zeer zwaar"]
    assert [r[0] for r in rows.values()] == [
        _shown(v) for v in report.figures["by_severity"].values()
    ]
    assert "*" in [r[0] for r in rows.values()]  # the test school has small counts
    legend = [row[0] for row in sheet.iter_rows(values_only=True) if row[0]]
    assert any("zijn verborgen (*)" in line for line in legend)
    summary = _cells(book["Samenvatting"])
    overdue = summary["Wettelijke verplichtingen: te laat"]
    assert overdue[0] == report.figures["obligations"]["overdue"] == 12
    number_cell = book["Samenvatting"].cell(7, 2)
    assert number_cell.value == 12 and number_cell.number_format == "#,##0"
    assert book["Zaken naar maand"].cell(2, 1).value == "augustus 2025"


def test_xlsx_cross_table_has_levels_down_and_articles_across(
    report_db: str, report_settings: Any
) -> None:
    report = make_report(report_db, report_settings, suppression=False)
    book = load_workbook(io.BytesIO(render_xlsx(report, "nl")))
    sheet = book["Ernst naar artikel"]
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "2025-2026: ernst \\ artikel"
    assert header[1:] == [
        "1. Je bent zelf verantwoordelijk",
        "2. Persprotocol blijft gelden",
        "3. Houd privé en werk gescheiden",
        "5. Geef nooit vertrouwelijke informatie vrij (over het PCC)",
        "6. Tips",
    ]
    rows = _cells(sheet)
    matrix = report.figures["by_severity_article"]
    assert rows == {
        label: tuple(matrix[level].values())
        for label, level in zip(
            ["1 licht", "2 middel", "3 zwaar", "4 zeer zwaar"], "1234", strict=True
        )
    }
    previous = [row for row in sheet.iter_rows(values_only=True) if row[0] == "1 licht"][1]
    assert previous[1:] == tuple(report.previous["by_severity_article"]["1"].values())  # type: ignore[index]
    median = book["Samenvatting"].cell(5, 2)
    assert median.value == report.figures["median_days_to_close"] and median.number_format == "0.0"


def test_xlsx_in_english(report_db: str, report_settings: Any) -> None:
    report = make_report(report_db, report_settings, suppression=False)
    book = load_workbook(io.BytesIO(render_xlsx(report, "en")))
    assert book.sheetnames[:3] == ["Front sheet", "Summary", "Cases by severity"]
    months = _cells(book["Cases by month"])
    assert months["September 2025"][0] == report.figures["by_month"]["2025-09"]


@pytest.mark.parametrize("text", ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", '=HYPERLINK("x")'])
def test_formula_injection_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("Alkmaar") == "Alkmaar" and neutralise(3) == 3


def test_a_director_sees_only_their_location(report_db: str, report_settings: Any) -> None:
    report = make_report(report_db, report_settings, actor="vd-alk", suppression=False)
    assert report.locations == ("Alkmaar",)
    with pytest.raises(PermissionDeniedError):
        make_report(report_db, report_settings, actor="vd-alk", locations=["Bergen"])
    with pytest.raises(PermissionDeniedError):
        make_report(report_db, report_settings, actor="tl-alk", suppression=False)
    with pytest.raises(PermissionDeniedError):
        make_report(report_db, report_settings, actor="men-alk")


def test_the_cli_refuses_other_locations_and_unsuppressed_reports_with_exit_4(
    report_db: str,
) -> None:
    env = {"PCC_CASES_DATABASE_URL": report_db}
    other = run(
        "--as",
        "vd-alk",
        "report",
        "severity",
        "--school-year",
        "2025-2026",
        "--location",
        "Bergen",
        env=env,
    )
    assert other.returncode == 4 and "Bergen" in other.stderr
    unsuppressed = run("--as", "tl-ber", "report", "severity", "--no-suppression", env=env)
    assert unsuppressed.returncode == 4
    ok = run(
        "--as",
        "cvb1",
        "report",
        "severity",
        "--school-year",
        "2025-2026",
        "--no-suppression",
        "--format",
        "json",
        env=env,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["total_cases"] == 11
    period = parse_school_year("2025-2026")
    assert json.loads(ok.stdout)["period"]["start"] == period.start.isoformat()


def test_the_cli_names_the_organisation_of_the_letterhead(report_db: str, tmp_path: Path) -> None:
    config = tmp_path / "pcc-cases.toml"
    config.write_text('[letterhead]\norganisation = "Stichting PCC"\n', encoding="utf-8")
    env = {"PCC_CASES_DATABASE_URL": report_db, "PCC_CASES_CONFIG": str(config)}
    common = ("--as", "cvb1", "report", "severity", "--school-year", "2025-2026")
    html = run(*common, "--format", "html", env=env)
    assert html.returncode == 0, html.stderr
    assert '<p class="organisation">Stichting PCC</p>' in html.stdout
    out = tmp_path / "report.xlsx"
    xlsx = run(*common, "--format", "xlsx", "--output", str(out), env=env)
    assert xlsx.returncode == 0, xlsx.stderr
    front = load_workbook(out)["Voorblad"]
    assert ["Organisatie", "Stichting PCC"] in [[c.value for c in row] for row in front.rows]
