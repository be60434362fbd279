"""The HTML report printed by a real browser: A4 pages, page numbers, the heading, and no
breakdown split across two pages.
"""

from __future__ import annotations

import io

import pypdf
import pytest

from tests.browser import print_to_pdf, require_chromium
from tests.documents.pictures import first_page_png
from tests.pictures import assert_same_picture
from tests.reports.pictures import ORGANISATION, PICTURE, report_html

A4_POINTS = (595.0, 842.0)


@pytest.fixture(scope="module")
def printed(report_db: str) -> tuple[list[str], bytes]:
    from tests.org import settings_at
    from tests.reports.conftest import REPORT_NOW

    browser = require_chromium()
    pdf = print_to_pdf(browser, report_html(report_db, settings_at(REPORT_NOW)))
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    return pages, pdf


def test_every_page_is_a4_and_numbered(printed: tuple[list[str], bytes]) -> None:
    pages, pdf = printed
    assert len(pages) >= 2
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert all(abs(a - b) < 1.5 for a, b in zip(size, A4_POINTS, strict=True)), size
    for number, text in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in text
        assert f"{ORGANISATION} · Ernst van overtredingen · 2025-2026" in text


def test_the_heading_names_the_organisation_the_period_and_when_it_was_made(
    printed: tuple[list[str], bytes],
) -> None:
    first = printed[0][0]
    for expected in (
        ORGANISATION,
        "Ernst van overtredingen 2025-2026",
        "1 augustus 2025 – 31 juli 2026",
        "Gemaakt op",
        "1 juni 2026 12:00",
        "Niet onderdrukt",
    ):
        assert expected in first, expected


@pytest.mark.parametrize(
    ("title", "last_row"),
    [
        ("Zaken naar ernst", "4 zeer zwaar"),
        ("Zaken naar artikel", "6. Tips"),
        ("Zaken naar platform", "overig"),
        ("Zaken naar maand", "juli 2026"),
        ("Overtreders naar soort", "medewerker"),
        ("Ernst naar artikel", "4 zeer zwaar"),
    ],
)
def test_a_breakdown_is_not_split_across_pages(
    printed: tuple[list[str], bytes], title: str, last_row: str
) -> None:
    pages = printed[0]
    holding = [text for text in pages if f"\n{title}\n" in f"\n{text}\n"]
    assert holding, f"{title} is on no page"
    after_title = " ".join(holding[-1].split(title, 1)[1].split())  # lines wrap in cells
    assert last_row in after_title, f"{title}: its last row is on another page"


def test_the_picture_in_the_docs_is_the_report_as_it_prints(
    printed: tuple[list[str], bytes],
) -> None:
    assert_same_picture(first_page_png(printed[1]), PICTURE, "python -m tests.reports.pictures")
