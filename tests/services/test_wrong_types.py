"""Wrong input types from an integrator get InvalidInputError naming the parameter, never a
string read letter by letter or a TypeError from deep inside.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum
import pytest
from sqlalchemy import Engine

import pcc_cases
from pcc_cases import Factors, InvalidInputError, UnitOfWork
from tests.org import bootstrap, settings_at

GOOD: dict[str, Any] = {
    "occurred_at": pendulum.datetime(2025, 10, 1, 20, tz="Europe/Amsterdam"),
    "platform": "whatsapp",
    "location": "Alkmaar",
    "summary": "wrong types",
    "offenders": ["s-alk2"],
    "clauses": ["1.1"],
}


@pytest.fixture(scope="module")
def org_engine(engine: Engine) -> Engine:
    with UnitOfWork(engine, write=True) as uow:
        if uow.people.find("tl-alk") is None:
            bootstrap(uow)
    return engine


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("offenders", "s-alk2", "a list of ids is expected, not the text 's-alk2'"),
        ("clauses", "1.1", "write ['1.1']"),
        ("targets", "s-alk3", "not the text"),
        ("offenders", [3], "3 is not an id"),
        ("offenders", 7, "not int"),
        ("occurred_at", "2025-10-01 20:00", "a datetime with a time zone is expected, not str"),
        ("occurred_at", dt.date(2025, 10, 1), "not date"),
    ],
)
def test_record_incident_names_the_parameter(
    org_engine: Engine, field: str, value: Any, problem: str
) -> None:
    with UnitOfWork(org_engine, write=True) as uow, pytest.raises(InvalidInputError) as caught:
        pcc_cases.record_incident(uow, "tl-alk", **{**GOOD, field: value}, settings=settings_at())
    assert caught.value.field == field and problem in str(caught.value)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"reach": "vrial"}, "reach"),
        ({"intent": 2}, "intent"),
        ({"harm": None}, "harm"),
        ({"criminal": "no"}, "criminal"),
        ({"confidential": 1}, "confidential"),
    ],
)
def test_an_unknown_factor_value_is_named(values: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Factors(**values)
    assert caught.value.field == field


def test_people_csv_as_text_is_accepted_and_other_types_refused(org_engine: Engine) -> None:
    text = "id,kind,first_name,last_name,location,class,mentor_id,roles,left_on\n"
    text += "x-new,student,Nieuwe,Leerling,Alkmaar,1A,,,\n"
    with UnitOfWork(org_engine, write=True) as uow:
        result = pcc_cases.import_people(uow, "cvb1", text, dry_run=True, settings=settings_at())
    assert list(result.created) == ["x-new"]
    with UnitOfWork(org_engine, write=True) as uow, pytest.raises(InvalidInputError) as caught:
        pcc_cases.import_people(uow, "cvb1", ["x-new"], settings=settings_at())  # type: ignore[arg-type]
    assert caught.value.field == "data"


def test_an_obligation_is_found_by_its_id_as_shown(org_engine: Engine) -> None:
    with UnitOfWork(org_engine, write=True) as uow:
        case = pcc_cases.record_incident(
            uow, "vd-alk", **{**GOOD, "summary": "for a duty"}, settings=settings_at()
        )
        number = case.number
    assert number is not None
    with UnitOfWork(org_engine, write=True) as uow:
        pcc_cases.assess_offender(
            uow, "vd-alk", number, "s-alk2", Factors(reach="viral", intent="deliberate"),
            settings=settings_at(),
        )  # fmt: skip
    with UnitOfWork(org_engine, write=True) as uow:
        pcc_cases.decide_step(uow, "vd-alk", number, "s-alk2", "suspension", 2, "zwaar",
                              settings=settings_at())  # fmt: skip
    with UnitOfWork(org_engine, write=True) as uow:
        done = pcc_cases.complete_obligation(uow, "vd-alk", f"{number}/1", settings=settings_at())
    assert done.seq == 1 and done.done_on is not None
    with UnitOfWork(org_engine, write=True) as uow, pytest.raises(InvalidInputError) as caught:
        pcc_cases.complete_obligation(uow, "vd-alk", f"{number}/x", settings=settings_at())
    assert caught.value.field == "obligation id"
    wrong: Any = "2025-10-02"
    with UnitOfWork(org_engine, write=True) as uow, pytest.raises(InvalidInputError) as caught:
        pcc_cases.complete_obligation(uow, "vd-alk", number, 2, wrong, settings=settings_at())
    assert caught.value.field == "done_on"


def test_report_locations_must_be_a_list(org_engine: Engine) -> None:
    with UnitOfWork(org_engine) as uow, pytest.raises(InvalidInputError) as caught:
        pcc_cases.severity_report(uow, "cvb1", locations="Alkmaar", settings=settings_at())
    assert caught.value.field == "locations"


def test_the_display_time_helper_is_amsterdam() -> None:
    shown = pcc_cases.to_local(pendulum.datetime(2026, 7, 1, 12, tz="UTC"))
    assert (shown.hour, shown.timezone_name) == (14, "Europe/Amsterdam")
