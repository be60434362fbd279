"""Reading one exported record: event data versions."""

from __future__ import annotations

import pytest

from pcc_cases.domain.errors import RecordError
from pcc_cases.domain.events import DATA_VERSIONS, UPGRADES, EventKind
from pcc_cases.interchange.case_codec import case_to_record, record_to_case
from tests.builders import PROTOCOL, a_case


def a_record() -> dict[str, object]:
    case = a_case()
    case.number = "2025-0001"
    return case_to_record(case)


def test_an_event_without_a_data_version_is_read_as_version_1() -> None:
    record = a_record()
    del record["events"][0]["data_version"]  # type: ignore[index]
    case = record_to_case(record, PROTOCOL)
    assert case.events[0].data_version == 1


def test_an_event_from_a_later_release_is_refused_by_field() -> None:
    record = a_record()
    record["events"][0]["data_version"] = 2  # type: ignore[index]
    with pytest.raises(RecordError) as refused:
        record_to_case(record, PROTOCOL)
    [problem] = refused.value.problems
    assert problem.field == "events[0].data_version"
    assert "recorded event data version 2 is not known" in problem.message


def test_an_older_event_shape_is_upgraded_on_import(monkeypatch: pytest.MonkeyPatch) -> None:
    record = a_record()
    first = record["events"][0]  # type: ignore[index]
    first["data"] = {"people": first["data"]["involvements"], **first["data"]}
    del first["data"]["involvements"]  # version 1 of this pretend change called it "people"
    monkeypatch.setitem(DATA_VERSIONS, EventKind.RECORDED, 2)
    monkeypatch.setitem(
        UPGRADES,
        (EventKind.RECORDED, 1),
        lambda data: {"involvements": data["people"], "violations": data["violations"]},
    )
    case = record_to_case(record, PROTOCOL)
    assert case.events[0].data_version == 2
    assert sorted(case.events[0].data) == ["involvements", "violations"]


def test_event_data_of_another_shape_is_refused_by_path() -> None:
    record = a_record()
    record["events"][0]["data"]["violations"].append(["s1", 12])  # type: ignore[index]
    record["events"][0]["data"]["note"] = "vrij veld"  # type: ignore[index]
    with pytest.raises(RecordError) as refused:
        record_to_case(record, PROTOCOL)
    assert {(p.field, p.message) for p in refused.value.problems} == {
        ("events[0].data.violations[1][1]", "12 is not string"),
        ("events[0].data.note", "unknown field"),
    }
