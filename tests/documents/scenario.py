"""Cases that need every letter, made through the services as a director would.

One suspension (decision, Inspectie notice, attendance officer), one internal suspension,
one expulsion (attendance officer, invitation, consultation, record, decision) and two
staff measures (written warning, reprimand), all on the test organisation's people.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum

from pcc_cases import services as sv
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.letters import LetterKind
from tests.org import settings_at

S = settings_at()
OCCURRED = pendulum.datetime(2025, 10, 3, 20, tz="Europe/Amsterdam")
HEARING_AT = pendulum.datetime(2025, 10, 9, 15, 30, tz="Europe/Amsterdam")
LETTERHEAD = {
    "organisation": "PCC Stichting Voortgezet Onderwijs",
    "location": "Alkmaar",
    "address": "Schoolstraat 1, 1811 AA Alkmaar",
    "signatory_name": "V. Directeur",
    "signatory_function": "vestigingsdirecteur",
}
GRAVE = Factors(reach="viral", intent="deliberate", harm="person")


def _record(uow: Any, offender: str, clauses: list[str], summary: str) -> str:
    case = sv.record_incident(
        uow,
        "vd-alk",
        occurred_at=OCCURRED,
        platform="instagram",
        location="Alkmaar",
        summary=summary,
        offenders=[offender],
        clauses=clauses,
        targets=["s-alk2"] if offender != "s-alk2" else [],
        factors=GRAVE,
        settings=S,
    )
    return case.number or ""


def duty(uow: Any, number: str, kind: str) -> str:
    """The id (``2025-0001/3``) of the case's duty of ``kind``."""
    case = uow.cases.get(number)
    return f"{number}/{next(o.seq for o in case.obligations if o.kind == kind)}"


def suspension(uow: Any) -> str:
    number = _record(
        uow,
        "s-alk1",
        ["1.2", "6.3"],
        "Sem plaatste een foto van een klasgenoot met een spottende tekst.",
    )
    sv.decide_step(uow, "vd-alk", number, "s-alk1", "suspension", days=2, settings=S)
    return number


def internal_suspension(uow: Any) -> str:
    number = _record(uow, "s-alk3", ["6.3"], "Daan reageerde met scheldwoorden onder een filmpje.")
    sv.decide_step(
        uow, "vd-alk", number, "s-alk3", "internal-suspension", days=1, reason="Eerste keer",
        settings=S,
    )  # fmt: skip
    return number


def expulsion(uow: Any, *, heard: bool = True, decided: bool = True) -> str:
    """An expulsion prepared; with ``heard`` the hearing held and the Inspectie consulted;
    with ``decided`` also decided by the board.
    """
    number = _record(
        uow,
        "s-alk2",
        ["1.3", "5.1"],
        "Lotte zette vertrouwelijke cijferlijsten van de school online.",
    )
    sv.prepare_step(uow, "cvb1", number, "s-alk2", "expulsion", "Ernstige herhaling", settings=S)
    if not heard:
        return number
    sv.record_hearing(
        uow,
        "cvb1",
        number,
        "s-alk2",
        held_on=dt.date(2025, 10, 6),
        heard=["student", "parents", "teachers"],
        attendees="C. Bestuur, V. Directeur, Lotte, haar moeder, de mentor",
        views="Lotte heeft spijt. Haar moeder vraagt om een tweede kans. De docenten zien "
        "geen vertrouwen meer.",
        settings=S,
    )
    sv.complete_obligation(uow, "cvb1", duty(uow, number, "consult-inspectie"), settings=S)
    if decided:
        sv.decide_step(
            uow, "cvb1", number, "s-alk2", "expulsion", reason="Ernstige herhaling, na horen",
            settings=S,
        )  # fmt: skip
    return number


def staff_measure(uow: Any, step: str) -> str:
    number = _record(
        uow, "norole", ["3.3"], "Nina stuurde leerlingen privéberichten via Instagram."
    )
    sv.decide_step(uow, "cvb1", number, "norole", step, reason="Na een eerder gesprek", settings=S)
    return number


# (name, how to make the case, actor, duty kind, letter) for every letter there is.
EVERY_LETTER: list[tuple[str, Any, str, str, LetterKind]] = [
    ("suspension-decision", suspension, "vd-alk", "written-decision", LetterKind.DECISION),
    ("suspension-inspectie", suspension, "vd-alk", "report-inspectie", LetterKind.INSPECTIE_NOTICE),
    ("suspension-leerplicht", suspension, "vd-alk", "inform-leerplicht", LetterKind.LEERPLICHT_NOTICE),
    ("internal-suspension-decision", internal_suspension, "vd-alk", "written-decision", LetterKind.DECISION),
    ("expulsion-leerplicht", expulsion, "cvb1", "inform-leerplicht", LetterKind.LEERPLICHT_NOTICE),
    ("expulsion-invitation", expulsion, "cvb1", "hear-parties", LetterKind.HEARING_INVITATION),
    ("expulsion-record", expulsion, "cvb1", "hear-parties", LetterKind.HEARING_RECORD),
    ("expulsion-consultation", expulsion, "cvb1", "consult-inspectie", LetterKind.INSPECTIE_CONSULTATION),
    ("expulsion-decision", expulsion, "cvb1", "written-decision", LetterKind.DECISION),
    ("written-warning", lambda uow: staff_measure(uow, "written-warning"), "cvb1", "written-decision", LetterKind.DECISION),
    ("reprimand", lambda uow: staff_measure(uow, "reprimand"), "cvb1", "written-decision", LetterKind.DECISION),
]  # fmt: skip
