"""A student with one handled case (assessed, suspended, a duty done, the case viewed), for
the readable subject-access export and its picture in the docs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
from sqlalchemy import Engine

from pcc_cases import services as sv
from pcc_cases.adapters.engine import make_engine
from pcc_cases.adapters.migrate import upgrade
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.factors import Factors
from pcc_cases.privacy.subject_access import export_person
from tests.org import bootstrap, record_photo_case, settings_at

LATER = settings_at(pendulum.datetime(2025, 10, 7, 13, 15, 42, 123456, tz="UTC"))


def build_school(path: Path) -> str:
    """The database at ``path``; its URL."""
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with UnitOfWork(engine, write=True) as uow:
            bootstrap(uow)
        with UnitOfWork(engine, write=True) as uow:
            number = record_photo_case(uow, targets=["s-alk2"])
        with UnitOfWork(engine, write=True) as uow:
            sv.assess_offender(
                uow, "vd-alk", number, "s-alk1", Factors(reach="public", intent="deliberate"),
                settings=LATER,
            )  # fmt: skip
            sv.decide_step(
                uow, "vd-alk", number, "s-alk1", "suspension", 2, "Foto zonder toestemming",
                settings=LATER,
            )  # fmt: skip
            sv.complete_obligation(uow, "vd-alk", number, 1, settings=LATER)
            sv.show_case(uow, "vd-alk", number, settings=LATER)
    finally:
        engine.dispose()
    return url


def export(engine: Engine) -> dict[str, Any]:
    """The fg's subject-access export of the student s-alk1."""
    with UnitOfWork(engine, write=True) as uow:
        return export_person(uow, "fg1", "s-alk1", settings=LATER)
