"""Every key of the policy file, removed or given the wrong type, is refused by its path.

The default policy is walked key by key, so a new key is covered the day it is added.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest

from pcc_cases.domain.errors import PolicyError
from pcc_cases.domain.people import PersonKind, Role
from pcc_cases.domain.policy_file import default_policy_text, parse_policy

DEFAULT: dict[str, Any] = tomllib.loads(default_policy_text())
# One holiday, so that the keys of a holiday are walked too.
DEFAULT["calendar"]["holidays"] = [
    {"name": "kerstvakantie", "first": dt.date(2026, 12, 21), "last": dt.date(2027, 1, 1)}
]

# Keys that may be left out: the policy then has none of them (or the default shown).
OPTIONAL = {
    "severity.clause_base",
    "severity.aggravating.reach",
    "severity.aggravating.intent",
    "severity.aggravating.harm",
    "severity.aggravating.confidential",
    "recommendation.never",
    "recommendation.consider_at_cap",
    "calendar",
    "calendar.holidays",
    "ladders.external",  # then the built-in "referred" ladder
    "recommendation.external",  # then the external ladder's first step at every level
}
OPTIONAL_LEAVES = {"min_days", "max_days", "min_length_days", "hear", "before"}
# Keys whose removal is refused elsewhere than at their own path: (field, message).
REFUSED_ELSEWHERE = {
    # The expulsion needs duties of its preparation done first: without duties, none are.
    "duties": ("ladders.student[5].before", "'hear-parties' is not a duty with trigger"),
}


Path = tuple[str | int, ...]


def name(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def walk(node: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every key below ``node`` (tables and tables in arrays), with its value."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key), value
            yield from walk(value, (*path, key))
    elif isinstance(node, list) and all(isinstance(item, dict) for item in node):
        for index, item in enumerate(node):
            yield from walk(item, (*path, index))


def changed(path: Path, value: Any = None, *, remove: bool = False) -> dict[str, Any]:
    data = copy.deepcopy(DEFAULT)
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    if remove:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


def is_optional(path: Path) -> bool:
    key = name(path)
    return (
        key in OPTIONAL
        or path[-1] in OPTIONAL_LEAVES
        or key.startswith(("severity.clause_base.", "recommendation.consider_at_cap."))
    )


KEYS = [path for path, _ in walk(DEFAULT)]


@pytest.mark.parametrize("path", KEYS, ids=name)
def test_a_removed_key_is_refused_by_its_path_unless_it_is_optional(path: Path) -> None:
    data = changed(path, remove=True)
    if is_optional(path):
        parse_policy(data)
        return
    with pytest.raises(PolicyError) as refused:
        parse_policy(data)
    if name(path) in REFUSED_ELSEWHERE:
        field, message = REFUSED_ELSEWHERE[name(path)]
        assert refused.value.field == field
        assert refused.value.message.startswith(message)
        return
    parent, key = name(path[:-1]), path[-1]
    if parent == "severity.kind_base":  # the kinds are checked as a set
        assert (refused.value.field, refused.value.message) == (parent, f"missing {key}")
    else:
        assert (refused.value.field, refused.value.message) == (name(path), "missing")


def wrong_type(value: Any) -> Any:
    if isinstance(value, bool | dt.date | list | dict):
        return 7
    return "7" if isinstance(value, int) else 7


@pytest.mark.parametrize("path", KEYS, ids=name)
def test_a_value_of_the_wrong_type_is_refused_by_its_path(path: Path) -> None:
    value = dict(walk(DEFAULT))[path]
    with pytest.raises(PolicyError) as refused:
        parse_policy(changed(path, wrong_type(value)))
    assert refused.value.field == name(path)


@pytest.mark.parametrize("path", [p for p, v in walk(DEFAULT) if isinstance(v, str)], ids=name)
def test_an_empty_text_is_refused_by_its_path(path: Path) -> None:
    with pytest.raises(PolicyError) as refused:
        parse_policy(changed(path, "  "))
    assert refused.value.field == name(path)


@pytest.mark.parametrize(
    ("path", "value", "read"),
    [
        (("severity", "mitigating", "removed_and_apologised"), 0, "severity.removal_mitigates"),
        (("severity", "mitigating", "removed_and_apologised"), 3, "severity.removal_mitigates"),
        (("severity", "criminal", "level"), 1, "severity.criminal_level"),
        (("severity", "criminal", "level"), 4, "severity.criminal_level"),
        (("severity", "kind_base", "rule"), 1, None),
        (("severity", "kind_base", "rule"), 4, None),
        (("recommendation", "lookback_days"), 0, "lookback_days"),
        (("duties", 0, "due_school_days"), 0, None),
        (("ladders", "student", 4, "min_days"), 0, None),
        (("ladders", "student", 4, "max_days"), 1, None),
    ],
    ids=lambda v: name(v) if isinstance(v, tuple) else str(v),
)
def test_values_at_the_limits_are_accepted(path: Path, value: int, read: str | None) -> None:
    policy = parse_policy(changed(path, value))
    if read is not None:
        found: Any = policy
        for attribute in read.split("."):
            found = getattr(found, attribute)
        assert found == value


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("severity", "mitigating", "removed_and_apologised"), 4, "4 is not 0 to 3"),
        (("severity", "mitigating", "removed_and_apologised"), -1, "-1 is not 0 to 3"),
        (("severity", "criminal", "level"), 0, "0 is not 1 to 4"),
        (("severity", "criminal", "level"), 5, "5 is not 1 to 4"),
        (("severity", "kind_base", "rule"), 0, "0 is not 1 to 4"),
        (("severity", "clause_base", "5.1"), 5, "5 is not 1 to 4"),
        (("recommendation", "lookback_days"), -1, "-1 is negative"),
        (("duties", 0, "due_school_days"), -1, "-1 is negative"),
        (("ladders", "student", 4, "min_days"), -1, "-1 is negative"),
        (("ladders", "student", 4, "max_days"), 0, "0 must be at least 1 and min_days"),
        (
            ("ladders", "student", 0, "authority"),
            "pr",
            "'pr' is not one of mentor, teamleider, vestigingsdirecteur, cvb",
        ),
        (("duties", 0, "applies_to"), "pupil", "'pupil' is not any, student, staff, external"),
        (
            ("duties", 0, "trigger"),
            "step:schorsing",
            (
                "'step:schorsing' must be step:NAME (a ladder step), prepare:NAME (a step with "
                "'hear' or 'before'), fact:criminal, clause:ID, target:recorded or target:decided"
            ),
        ),
        (
            ("duties", 0, "trigger"),
            "clause:x",
            (
                "'clause:x' must be step:NAME (a ladder step), prepare:NAME (a step with "
                "'hear' or 'before'), fact:criminal, clause:ID, target:recorded or target:decided"
            ),
        ),
        (
            ("severity", "aggravating", "reach"),
            ["viral", "global"],
            "'global' is not one of private, group, public, viral",
        ),
        (("severity", "aggravating", "intent"), "deliberate", "expected a list"),
        (("duties", 0), "x", "expected a table"),
        (("ladders", "student", 0), "x", "expected a table"),
        (("calendar", "holidays", 0), "x", "expected a table with name, first, last"),
    ],
    ids=lambda v: name(v) if isinstance(v, tuple) else "",
)
def test_a_value_out_of_bounds_is_refused_with_what_is_allowed(
    path: Path, value: Any, message: str
) -> None:
    with pytest.raises(PolicyError) as refused:
        parse_policy(changed(path, value))
    assert (refused.value.field, refused.value.message) == (name(path), message)


def test_optional_keys_left_out_mean_none() -> None:
    data = copy.deepcopy(DEFAULT)
    for key in ("reach", "intent", "harm", "confidential"):
        del data["severity"]["aggravating"][key]
    del data["severity"]["clause_base"]
    del data["recommendation"]["never"], data["recommendation"]["consider_at_cap"]
    del data["duties"], data["calendar"]
    del data["ladders"]["student"][5]["before"]
    policy = parse_policy(data)
    severity = policy.severity
    assert severity.aggravating_reach == severity.aggravating_intent == frozenset()
    assert severity.aggravating_harm == frozenset()
    assert severity.confidential_aggravates is False
    assert severity.clause_base == {}
    assert (policy.never_recommended, policy.consider_at_cap, policy.duties) == (
        frozenset(),
        {},
        (),
    )


def test_without_an_external_ladder_outsiders_are_referred() -> None:
    data = copy.deepcopy(DEFAULT)
    del data["ladders"]["external"], data["recommendation"]["external"]
    policy = parse_policy(data)
    ladder = policy.ladder(PersonKind.EXTERNAL)
    assert [s.name for s in ladder.steps] == ["referred"]
    assert ladder.steps[0].authority is Role.TEAMLEIDER
    assert {policy.recommend(PersonKind.EXTERNAL, level, 3).step for level in (1, 4)} == {
        "referred"
    }


@pytest.mark.parametrize(
    ("key", "value", "field", "message"),
    [
        ("authority", "vestigingsdirecteur", "ladders.external[0].authority", "is above"),
        ("max_days", 3, "ladders.external[0]", "has no length"),
    ],
)
def test_a_step_for_outsiders_is_no_measure(key: str, value: Any, field: str, message: str) -> None:
    with pytest.raises(PolicyError) as refused:
        parse_policy(changed(("ladders", "external", 0, key), value))
    assert refused.value.field == field
    assert message in refused.value.message
