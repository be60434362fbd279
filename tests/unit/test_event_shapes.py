"""The event data shapes: every event the domain writes fits its kind's shape, and the
checker agrees with a full JSON Schema validator on any data (hypothesis).
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from pcc_cases.domain.event_shapes import DATA_SHAPES, shape_problems
from pcc_cases.domain.events import EventKind
from tests.interchange.records import Record, valid_records

KEYS = sorted(
    {key for shape in DATA_SHAPES.values() for key in shape["properties"]}
    | {"reach", "criminal", "note"}
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 1200) | st.sampled_from(["", "x", "private", "s1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=12,
)


def valid(kind: EventKind, data: Any) -> bool:
    return bool(jsonschema.Draft202012Validator(DATA_SHAPES[kind]).is_valid(data))


@settings(max_examples=40)
@given(record=valid_records())
def test_every_event_the_domain_writes_fits_its_shape(record: Record) -> None:
    for event in record["events"]:
        kind = EventKind(event["kind"])
        assert shape_problems(event["data"], DATA_SHAPES[kind], "data") == []
        assert valid(kind, event["data"])


@settings(max_examples=300)
@given(kind=st.sampled_from(list(EventKind)), data=json_values)
def test_the_checker_agrees_with_json_schema_on_any_data(kind: EventKind, data: Any) -> None:
    assert (shape_problems(data, DATA_SHAPES[kind], "data") == []) == valid(kind, data)


@settings(max_examples=200)
@given(
    record=valid_records(),
    pick=st.integers(0, 100),
    path_pick=st.integers(0, 100),
    value=json_values,
)
def test_the_checker_agrees_on_real_data_with_one_value_changed(
    record: Record, pick: int, path_pick: int, value: Any
) -> None:
    event = record["events"][pick % len(record["events"])]
    kind, data = EventKind(event["kind"]), copy.deepcopy(event["data"])
    if data:
        key = sorted(data)[path_pick % len(data)]
        data[key] = value
    problems = shape_problems(data, DATA_SHAPES[kind], "data")
    assert (problems == []) == valid(kind, data)
    assert all(p.field and p.field.startswith("data") for p in problems)
