"""The picture of a printed subject-access export in the docs: its first A4 page, as PNG.

Made again with ``.venv/bin/python -m tests.privacy.pictures`` (needs the system's
Chromium; a test fails while the picture differs visibly from the page as it prints now).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pcc_cases.adapters.engine import make_engine
from pcc_cases.privacy.render import person_html
from tests.browser import chromium, print_to_pdf
from tests.documents.pictures import first_page_png
from tests.privacy.school import build_school, export

PICTURE = Path(__file__).parent.parent.parent / "docs" / "images" / "privacy" / "subject-access.png"
ORGANISATION = "Stichting PCC"


def page_html(url: str) -> str:
    engine = make_engine(url)
    try:
        return person_html(export(engine), "nl", ORGANISATION)
    finally:
        engine.dispose()


def main() -> None:
    browser = chromium()
    if browser is None:
        raise SystemExit("no Chromium found (Debian package chromium)")
    with tempfile.TemporaryDirectory() as work:
        html = page_html(build_school(Path(work) / "school.sqlite3"))
    PICTURE.parent.mkdir(parents=True, exist_ok=True)
    PICTURE.write_bytes(first_page_png(print_to_pdf(browser, html)))
    print(PICTURE)


if __name__ == "__main__":
    main()
