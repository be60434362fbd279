"""The pictures of the pages in the docs, per role: a director's login, overview, cases,
duties and reports; a mentor's overview; the privacy officer's purge plan and access log;
the board's people import, as the system's Chromium shows them (desktop width; the
overview also on a phone).

Made again with ``.venv/bin/python -m tests.server.pictures``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from tests.browser import FLAGS, chromium
from tests.org import PEOPLE_CSV, bootstrap
from tests.server.helpers import Server, bearer
from tests.server.test_admin_pages import NEW_ROW
from tests.server.test_cases_api import record
from tests.server.test_pages import log_in_by_form

FOLDER = Path(__file__).parent.parent.parent / "docs" / "images" / "pages"
CSS = Path(__file__).parent.parent.parent / "pcc_cases" / "server" / "static" / "pcc.css"
SUMMARY = "Foto van een docent gedeeld in een openbaar account, met een beledigende tekst."


def pages(work: Path) -> dict[str, str]:
    """The pages' HTML: a director who has decided a two-day suspension in one case."""
    engine = make_engine(f"sqlite:///{work / 'school.sqlite3'}")
    upgrade(engine)
    with UnitOfWork(engine, write=True) as uow:
        bootstrap(uow)
    found: dict[str, str] = {}
    with Server.start(engine) as server:
        token = bearer(server.token("vd-alk"))
        number = record(server, server.token("vd-alk"), summary=SUMMARY)
        record(server, server.token("vd-alk"), offenders=["s-alk2"], platform="tiktok")
        factors = {"reach": "public", "intent": "deliberate", "harm": "reputation"}
        steps = [
            ("/investigation", {"reason": "Melding van de mentor"}),
            ("/assessments", {"offender_id": "s-alk1", "factors": factors}),
            ("/decisions", {"offender_id": "s-alk1", "step": "suspension", "days": 2,
                            "reason": "Openbaar en opzettelijk"}),
        ]  # fmt: skip
        for path, body in steps:
            answer = server.client.post(f"/api/v1/cases/{number}{path}", headers=token, json=body)
            assert answer.status_code == 200, answer.text
        open_case = record(server, server.token("vd-alk"), summary="Filmpje van een les gedeeld.")
        found["login"] = server.new_client().get("/login").text
        log_in_by_form(server, "vd-alk")
        paths = {"overview": "/", "case": f"/cases/{number}", "duties": "/duties",
                 "report": "/cases/new", "reports": "/reports",
                 "case-assess": f"/cases/{open_case}"}  # fmt: skip
        for name, path in paths.items():
            found[name] = server.client.get(path).text
        mentor = server.new_client()
        log_in_by_form(server, "men-alk", mentor)
        found["overview-mentor"] = mentor.get("/").text
        officer = server.new_client()
        csrf = log_in_by_form(server, "fg1", officer)
        found["privacy"] = officer.post("/privacy/purge-plans", data={"csrf_token": csrf}).text
        found["access-log"] = officer.get("/privacy/access-log").text
        board = server.new_client()
        csrf = log_in_by_form(server, "cvb1", board)
        changed = PEOPLE_CSV.replace("Daan,Bakker", "Daan,Bakkers") + NEW_ROW
        found["admin"] = board.post(
            "/admin/people-import",
            data={"csrf_token": csrf},
            files={"file": ("personen.csv", changed.encode(), "text/csv")},
        ).text
    engine.dispose()
    return found


def shoot(browser: str, html: Path, picture: Path, width: int, height: int) -> None:
    subprocess.run(
        [
            browser,
            *FLAGS,
            f"--user-data-dir={html.parent / 'profile'}",
            f"--window-size={width},{height}",
            "--hide-scrollbars",
            "--lang=nl-NL",
            f"--screenshot={picture}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def main() -> None:
    browser = chromium()
    if browser is None:
        raise SystemExit("no Chromium found (Debian package chromium)")
    FOLDER.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copy(CSS, work / "pcc.css")
        sizes = {"login": (1000, 620), "overview": (1000, 700), "case": (1000, 1500),
                 "duties": (1000, 520), "report": (1000, 2300), "reports": (1000, 1100),
                 "case-assess": (1000, 1900), "overview-mentor": (1000, 600),
                 "privacy": (1000, 1300), "access-log": (1000, 1400),
                 "admin": (1000, 1500)}  # fmt: skip
        for name, html in pages(work).items():
            page = work / f"{name}.html"
            page.write_text(html.replace('href="/static/pcc.css"', 'href="pcc.css"'), "utf-8")
            shoot(browser, page, FOLDER / f"{name}.png", *sizes[name])
            if name == "overview":
                shoot(browser, page, FOLDER / "overview-phone.png", 390, 844)
    print(FOLDER)


if __name__ == "__main__":
    main()
