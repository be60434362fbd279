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
from pcc_cases.reports.tabular import neutralise, render_csv, render_xlsx
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


def test_xlsx_opens_and_holds_the_same_figures(report_db: str, report_settings: Any) -> None:
    report = make_report(report_db, report_settings, suppression=False)
    book = load_workbook(io.BytesIO(render_xlsx(report, "en")))
    assert "by_severity" in book.sheetnames and "by_month" in book.sheetnames
    rows = {r[0]: r[1] for r in book["by_severity"].iter_rows(min_row=3, values_only=True)}
    assert rows == report.figures["by_severity"]
    months = {r[0]: r[1] for r in book["by_month"].iter_rows(min_row=3, values_only=True)}
    assert months == report.figures["by_month"]


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
