"""Suppression: every small count hidden, nothing else changed, and no hidden cell can be
worked out from what is shown in its breakdown (each row and column of the matrix too).
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pcc_cases.reports.figures import COUNT_BREAKDOWNS
from pcc_cases.reports.suppression import hidden_cells, suppressed_copy

counts = st.integers(0, 40)


@st.composite
def figures(draw: st.DrawFn) -> dict[str, Any]:
    def breakdown(keys: list[str]) -> dict[str, int]:
        return {k: draw(st.one_of(counts, st.integers(0, 6))) for k in keys}

    articles = ["1", "2", "3", "5", "6"]
    return {
        "total_cases": draw(counts),
        "repeat_offenders": draw(counts),
        "closed_cases": draw(counts),
        "median_days_to_close": None,
        "obligations": {"open": draw(counts), "overdue": draw(counts)},
        **{
            name: breakdown([f"k{i}" for i in range(draw(st.integers(1, 8)))])
            for name in COUNT_BREAKDOWNS
        },
        "by_severity_article": {lv: breakdown(articles) for lv in ["1", "2", "3", "4"]},
    }


def lines(f: dict[str, Any]) -> list[list[tuple[str, ...]]]:
    result: list[list[tuple[str, ...]]] = [
        [(name, k) for k in f[name]] for name in COUNT_BREAKDOWNS
    ]
    matrix = f["by_severity_article"]
    result += [[("by_severity_article", lv, a) for a in matrix[lv]] for lv in matrix]
    result += [[("by_severity_article", lv, a) for lv in matrix] for a in matrix["1"]]
    return result


def get(f: dict[str, Any], cell: tuple[str, ...]) -> Any:
    for part in cell:
        f = f[part]
    return f


def could_be_worked_out(hidden: list[int]) -> bool:
    """One hidden cell is its total minus the rest; hidden cells that are all 1 (and known
    to be at least 1, as no zero is hidden among them) are given away by their sum.
    """
    return len(hidden) == 1 or (bool(hidden) and all(v == 1 for v in hidden))


@settings(max_examples=300)
@given(original=figures(), threshold=st.integers(1, 10))
def test_no_hidden_cell_can_be_recovered(original: dict[str, Any], threshold: int) -> None:
    before = copy.deepcopy(original)
    shown, cells = suppressed_copy(original, threshold)
    assert original == before  # the input is left alone
    for line in lines(before):
        hidden = [get(before, c) for c in line if get(shown, c) is None]
        for cell in line:
            value, now = get(before, cell), get(shown, cell)
            if 1 <= value <= threshold:
                assert now is None, cell
            if now is not None:
                assert now == value
        if len(hidden) < len(line):  # something to compare against is left
            assert not could_be_worked_out(hidden), (line, hidden)
    listed = {".".join(c) for line in lines(before) for c in line if get(shown, c) is None}
    assert listed <= set(cells)
    for key in ("total_cases", "repeat_offenders", "closed_cases"):
        assert (shown[key] is None) == (1 <= before[key] <= threshold)
    opened, overdue = before["obligations"]["open"], before["obligations"]["overdue"]
    small = {key: 1 <= before["obligations"][key] <= threshold for key in ("open", "overdue")}
    # the duties not yet overdue are a group too: shown open minus shown overdue
    small["overdue"] |= not small["open"] and 1 <= opened - overdue <= threshold
    for key in ("open", "overdue"):
        assert (shown["obligations"][key] is None) == small[key]
        assert (f"obligations.{key}" in cells) == small[key]


@settings(max_examples=300)
@given(original=figures(), threshold=st.integers(1, 10))
def test_suppression_hides_no_more_than_it_must(original: dict[str, Any], threshold: int) -> None:
    """In a breakdown, besides the small cells, at most one more: the smallest that makes the
    hidden ones unrecoverable (a zero only when nothing else is left).
    """
    shown, _cells = suppressed_copy(original, threshold)
    for name in COUNT_BREAKDOWNS:
        values = original[name]
        small = {k for k, v in values.items() if 1 <= v <= threshold}
        hidden = {k for k in values if shown[name][k] is None}
        extra = hidden - small
        assert small <= hidden
        if not could_be_worked_out([values[k] for k in small]):
            assert not extra, (name, values, hidden)
            continue
        others = [k for k in values if k not in small]
        if not others:
            assert not extra
            continue
        assert len(extra) == 1, (name, values, hidden)
        (pick,) = extra
        nonzero = [k for k in others if values[k] > 0]
        assert values[pick] == min(values[k] for k in (nonzero or others))


@settings(max_examples=200)
@given(original=figures(), threshold=st.integers(1, 9))
def test_a_higher_threshold_never_shows_what_a_lower_one_hid(
    original: dict[str, Any], threshold: int
) -> None:
    """Otherwise the reports at two thresholds together would show both complements."""
    lower = hidden_cells(original, threshold)
    assert lower <= hidden_cells(original, threshold + 1)


@settings(max_examples=200)
@given(
    original=figures(),
    closed=st.integers(1, 12),
    threshold=st.integers(1, 9),
)
def test_a_median_of_few_closed_cases_is_hidden(
    original: dict[str, Any], closed: int, threshold: int
) -> None:
    original = {**original, "closed_cases": closed, "median_days_to_close": 8.5}
    shown, cells = suppressed_copy(original, threshold)
    assert (shown["median_days_to_close"] is None) == (closed <= threshold)
    assert ("median_days_to_close" in cells) == (closed <= threshold)
