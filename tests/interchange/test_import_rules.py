"""An import accepts a record only if the services could have produced it: every class of
invalid record, mutated from a valid one, is refused with its line and field named, and
the database is unchanged afterwards, on every backend.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from pcc_cases.adapters import tables as t
from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.errors import CaseFileError
from pcc_cases.interchange.cases_io import MAX_LINE_CHARACTERS, import_cases
from tests.interchange.records import MUTATIONS, Record, mutated, valid_records
from tests.org import bootstrap, settings_at


@pytest.fixture(scope="module")
def org(engine: Engine) -> Engine:
    with UnitOfWork(engine, write=True) as uow:
        bootstrap(uow)
    return engine


def stored(engine: Engine) -> tuple[int, ...]:
    """What an import could have written: cases, events and the number counters."""
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.cases, t.case_events, t.case_number_counters)
        )


def problems_of(engine: Engine, lines: list[str]) -> list[tuple[int | None, str]]:
    """The (line, field) of every problem the import names; none when it accepts."""
    before = stored(engine)
    try:
        with UnitOfWork(engine, write=True) as uow:
            import_cases(uow, "cvb1", lines, dry_run=True, settings=settings_at())
    except CaseFileError as refused:
        assert stored(engine) == before
        return [(p.line, p.field or "") for p in refused.problems]
    return []


@settings(max_examples=25)
@given(record=valid_records())
def test_a_record_the_services_could_write_is_accepted(org: Engine, record: Record) -> None:
    assert problems_of(org, [json.dumps(record)]) == []


@pytest.mark.parametrize("name", sorted(MUTATIONS))
@settings(max_examples=4)
@given(record=valid_records())
def test_each_class_of_invalid_record_is_refused_by_line_and_field(
    org: Engine, name: str, record: Record
) -> None:
    bad, where = mutated(record, name)
    if where is None:
        return  # nothing of this kind in the record to break
    found = problems_of(org, ["", json.dumps(bad)])
    assert found, f"{name} was accepted"
    assert {line for line, _field in found} == {2}, found
    assert any(field.startswith(where) for _line, field in found), (name, found)


@settings(max_examples=10)
@given(record=valid_records(), pair=st.permutations(sorted(MUTATIONS)).map(lambda p: p[:2]))
def test_one_problem_never_hides_another_on_the_same_line(
    org: Engine, record: Record, pair: list[str]
) -> None:
    first, where_first = mutated(record, pair[0])
    if where_first is None:
        return
    both, where_second = mutated(first, pair[1])
    if where_second is None:
        return
    fields = [field for _line, field in problems_of(org, [json.dumps(both)])]
    assert any(f.startswith(where_first) for f in fields) or any(
        f.startswith(where_second) for f in fields
    )


@settings(max_examples=5)
@given(record=valid_records())
def test_a_wrong_clause_does_not_hide_a_wrong_number(org: Engine, record: Record) -> None:
    bad, _ = mutated(record, "clause_for_another_kind")
    bad["number"] = "1999-0001"
    fields = [field for _line, field in problems_of(org, [json.dumps(bad)])]
    assert "number" in fields
    assert any(f.startswith("events[0]") for f in fields)


def test_a_line_too_long_or_nested_too_deep_is_refused_unread(org: Engine) -> None:
    long_line = '{"summary": "' + "x" * MAX_LINE_CHARACTERS + '"}'
    deep = "[" * 50_000 + "]" * 50_000
    brackets_in_text = json.dumps({"summary": "[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{"})
    with UnitOfWork(org, write=True) as uow, pytest.raises(CaseFileError) as refused:
        import_cases(uow, "cvb1", [long_line, deep, brackets_in_text], settings=settings_at())
    messages = {p.line: p.message for p in refused.value.problems}
    assert "at most 1,000,000" in messages[1]
    assert "nested 50,000 deep" in messages[2]
    assert "nested" not in messages[3]  # brackets inside a text are text
