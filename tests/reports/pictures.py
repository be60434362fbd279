"""The picture of the printed HTML report in the docs: its first A4 page, as PNG.

Made again with ``.venv/bin/python -m tests.reports.pictures`` (needs the system's
Chromium; a test fails while the picture differs visibly from the report as it prints now).
Chromium prints the page as a person's browser would, with the report's own print rules;
pdfium draws the first page.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.reports.render_html import render_html
from pcc_cases.reports.severity import severity_report
from tests.browser import chromium, print_to_pdf
from tests.documents.pictures import first_page_png
from tests.org import settings_at
from tests.reports.conftest import REPORT_NOW, build_report_db

PICTURE = (
    Path(__file__).parent.parent.parent / "docs" / "images" / "reports" / "severity-report.png"
)
ORGANISATION = "Stichting PCC"


def report_html(url: str, settings: Any, lang: str = "nl") -> str:
    """The board's report of the test school (small counts shown), as HTML."""
    engine = make_engine(url)
    try:
        with UnitOfWork(engine, write=True) as uow:
            report = severity_report(uow, "cvb1", suppression=False, settings=settings)
    finally:
        engine.dispose()
    return render_html(report, lang, ORGANISATION)


def main() -> None:
    browser = chromium()
    if browser is None:
        raise SystemExit("no Chromium found (Debian package chromium)")
    with tempfile.TemporaryDirectory() as work:
        url = build_report_db(Path(work) / "report.sqlite3")
        html = report_html(url, settings_at(REPORT_NOW))
    PICTURE.parent.mkdir(parents=True, exist_ok=True)
    PICTURE.write_bytes(first_page_png(print_to_pdf(browser, html)))
    print(PICTURE)


if __name__ == "__main__":
    main()
