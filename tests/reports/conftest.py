"""A small school with two years of cases, recorded through the services on fixed clocks,
for the report's format, permission and golden-file tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
import pytest

from pcc_cases import services as sv
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.factors import Factors
from tests.org import bootstrap, settings_at

REPORT_NOW = pendulum.datetime(2026, 6, 1, 10, tz="UTC")

# (local occurred, location, offenders, clauses, factors, step or None, close?)
INCIDENTS: list[tuple[str, str, list[str], list[str], dict[str, Any], str | None, bool]] = [
    ("2024-09-12 20:00", "Alkmaar", ["s-alk1"], ["1.1"], {}, "talk-mentor", True),
    (
        "2024-10-03 21:30",
        "Alkmaar",
        ["s-alk2"],
        ["1.2"],
        {"reach": "public"},
        "talk-management",
        True,
    ),
    ("2025-01-15 19:00", "Bergen", ["s-ber1"], ["3.2"], {}, "talk-mentor", True),
    ("2025-03-20 22:00", "Alkmaar", ["s-alk1"], ["6.3"], {"intent": "deliberate"}, None, False),
    (
        "2025-09-05 20:15",
        "Alkmaar",
        ["s-alk1"],
        ["1.2"],
        {"reach": "public", "intent": "deliberate"},
        "suspension",
        True,
    ),
    ("2025-09-18 16:40", "Alkmaar", ["s-alk2"], ["1.1"], {}, "talk-mentor", True),
    (
        "2025-10-02 21:05",
        "Alkmaar",
        ["s-alk3"],
        ["1.3", "6.3"],
        {"reach": "group"},
        "talk-management",
        True,
    ),
    ("2025-10-27 19:30", "Bergen", ["s-ber1"], ["1.1"], {}, "talk-mentor", True),
    (
        "2025-11-11 22:45",
        "Bergen",
        ["s-ber2"],
        ["3.2"],
        {"harm": "person"},
        "talk-management",
        False,
    ),
    ("2025-12-01 20:00", "Alkmaar", ["s-alk1"], ["5.1"], {"criminal": True}, "suspension", False),
    ("2026-01-20 18:10", "Alkmaar", ["s-alk2", "s-alk3"], ["6.8"], {}, "talk-mentor", True),
    (
        "2026-02-03 21:00",
        "Bergen",
        ["s-ber1"],
        ["2.1"],
        {"reach": "viral"},
        "internal-suspension",
        True,
    ),
    ("2026-03-09 20:20", "Alkmaar", ["s-alk3"], ["1.2"], {}, None, False),
    ("2026-04-14 19:00", "Bergen", ["s-ber2"], ["1.1"], {}, "talk-mentor", True),
    (
        "2026-05-06 21:40",
        "Alkmaar",
        ["s-alk2"],
        ["3.3"],
        {"removed_and_apologised": True},
        "talk-management",
        False,
    ),
]


def build_report_db(path: Path) -> str:
    """The school's database at ``path``: two school years of the incidents above."""
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    with UnitOfWork(engine, write=True) as uow:
        bootstrap(uow)
    for when, location, offenders, clauses, factors, step, close in INCIDENTS:
        occurred = pendulum.from_format(when, "YYYY-MM-DD HH:mm", tz="Europe/Amsterdam")
        at = settings_at(occurred.add(days=1).in_timezone("UTC"))
        with UnitOfWork(engine, write=True) as uow:
            case = sv.record_incident(
                uow, "cvb1", occurred_at=occurred, platform="instagram" if "1" in clauses[0] else "whatsapp",
                location=location, summary="Incident", offenders=offenders, clauses=clauses,
                factors=Factors(**factors), settings=at,
            )  # fmt: skip
            number = case.number or ""
            if step is not None:
                days = 2 if "suspension" in step else None
                for offender in offenders:
                    sv.decide_step(
                        uow, "cvb1", number, offender, step, days, "Besluit", settings=at
                    )
                if close:
                    later = settings_at(occurred.add(days=9).in_timezone("UTC"))
                    sv.close_case(uow, "cvb1", number, "Afgehandeld", settings=later)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_report_db(tmp_path_factory.mktemp("report") / "report.sqlite3")


@pytest.fixture
def report_settings() -> Any:
    return settings_at(REPORT_NOW)
