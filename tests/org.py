"""A small organisation: two locations, every role, for service, CLI and permission tests."""

from __future__ import annotations

from pathlib import Path

import pendulum

from pcc_cases.domain.time import FixedClock
from pcc_cases.interchange.people_csv import import_people
from pcc_cases.services import Settings

PEOPLE_CSV = (Path(__file__).parent.parent / "docs" / "examples" / "people.csv").read_text(
    encoding="utf-8"
)

ROLE_ACTORS = ("men-alk", "tl-alk", "vd-alk", "cvb1", "pr1", "fg1")
"""One actor per role, all of whom are in scope of Alkmaar cases except pr and a mentor of
other students; the permission tests pair them with cases in and out of scope."""

NOW = pendulum.datetime(2025, 10, 6, 9, tz="UTC")  # a Monday in school year 2025


def settings_at(now: pendulum.DateTime = NOW) -> Settings:
    return Settings(clock=FixedClock(now))


def bootstrap(uow: object) -> None:
    import_people(uow, None, PEOPLE_CSV.encode(), settings=settings_at())  # type: ignore[arg-type]


PHOTO_CASE: dict[str, object] = {
    "occurred_at": pendulum.datetime(2025, 10, 3, 20, tz="Europe/Amsterdam"),
    "platform": "instagram",
    "location": "Alkmaar",
    "summary": "Foto gedeeld",
    "offenders": ["s-alk1"],
    "clauses": ["2.1"],
}
"""An Alkmaar student's photo case, as a director records it; override any field."""


def record_photo_case(uow: object, actor: str = "vd-alk", **fields: object) -> str:
    """Record :data:`PHOTO_CASE` (with ``fields`` changed); the new case number."""
    from pcc_cases.services import record_incident

    case = record_incident(uow, actor, settings=settings_at(), **(PHOTO_CASE | fields))  # type: ignore[arg-type]
    return case.number or ""
