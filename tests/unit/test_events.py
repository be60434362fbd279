"""Event kinds: one list, the lifecycle covers it, and every data shape can be upgraded."""

from __future__ import annotations

import typing

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import CASE_PARTS
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.events import (
    DATA_VERSIONS,
    UPGRADES,
    EventData,
    EventKind,
    upgrade_event_data,
)
from pcc_cases.domain.lifecycle import ACTIONS, TRANSITIONS


def test_the_lifecycle_knows_every_event_kind_and_nothing_else() -> None:
    assert set(TRANSITIONS) == set(EventKind) == set(ACTIONS)


def test_every_version_of_every_kind_has_its_upgrade() -> None:
    for kind in EventKind:
        assert DATA_VERSIONS[kind] >= 1
        for version in range(1, DATA_VERSIONS[kind]):
            assert (kind, version) in UPGRADES, f"{kind} {version} -> {version + 1} is missing"
    assert all(version < DATA_VERSIONS[kind] for kind, version in UPGRADES)


def test_the_case_parts_are_exactly_the_cases_lists() -> None:
    hints = typing.get_type_hints(Case)
    lists = [f.name for f in attrs.fields(Case) if typing.get_origin(hints[f.name]) is list]
    assert list(CASE_PARTS) == lists
    for name, cls in CASE_PARTS.items():
        assert typing.get_args(hints[name]) == (cls,)


def _renamed(old: str, new: str) -> typing.Callable[[EventData], EventData]:
    return lambda data: {(new if k == old else k): v for k, v in data.items()}


THREE_SHAPES = {EventKind.DECIDED: 3}
UPGRADES_1_2_3 = {
    (EventKind.DECIDED, 1): _renamed("step", "measure"),
    (EventKind.DECIDED, 2): _renamed("days", "school_days"),
}


@given(version=st.integers(1, 3), days=st.integers(1, 5) | st.none())
def test_every_older_shape_is_brought_to_the_current_one_in_order(
    version: int, days: int | None
) -> None:
    shapes = [
        {"step": "suspension", "days": days},
        {"measure": "suspension", "days": days},
        {"measure": "suspension", "school_days": days},
    ]
    upgraded = upgrade_event_data(
        EventKind.DECIDED,
        version,
        shapes[version - 1],
        versions=THREE_SHAPES,
        upgrades=UPGRADES_1_2_3,
    )
    assert upgraded == shapes[2]


@pytest.mark.parametrize("version", [0, 4, -1, True])
def test_an_unknown_data_version_is_refused_with_the_versions_known(version: int) -> None:
    with pytest.raises(InvalidInputError) as refused:
        upgrade_event_data(
            EventKind.DECIDED, version, {}, versions=THREE_SHAPES, upgrades=UPGRADES_1_2_3
        )
    assert refused.value.field == "data_version"
    assert refused.value.message == (
        f"decided event data version {version!r} is not known; this release reads versions 1 to 3"
    )


def test_todays_data_passes_unchanged() -> None:
    data = {"offender_id": "s1"}
    assert upgrade_event_data(EventKind.RECORDED, 1, data) is data
    assert upgrade_event_data(EventKind.DECIDED, 2, data) is data
