"""Small-cell suppression that survives comparing reports.

A count from 1 to the threshold is hidden (null) and its path listed. Within each
breakdown (and each row and column of the severity-by-article table) the hidden cells must
not be recoverable from the total: one hidden cell alone, or hidden cells that must all be
1, would be. Then the smallest other cell is hidden too, until the hidden values are no
longer determined. Zero cells are shown, except as a last resort for complementing.

Two more rules make pairs of reports safe, not only each report alone:

- The hidden cells grow with the threshold: the cells hidden at ``t`` are those of
  ``t - 1`` and more, so a report at a higher threshold never shows what a lower one hid.
- A report of a school year that has run for ``m`` months is compared with the same year
  after each earlier month (the reports its reader may already hold): a cell whose growth
  since then is 1 to the threshold, or whose growth could be worked out from its line, is
  hidden as well. ``obligations.overdue`` is about the day of the report, so it is not
  compared.

The median is hidden when it is taken over 1 to the threshold closed cases.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from pcc_cases.reports.figures import COUNT_BREAKDOWNS

DEFAULT_THRESHOLD = 5
SCALARS = ("total_cases", "repeat_offenders", "closed_cases")
OBLIGATIONS = (("obligations", "open"), ("obligations", "overdue"))
TODAYS = frozenset({("obligations", "overdue")})  # figures of the day, not of the period

Cell = tuple[str, ...]


@attrs.frozen
class Shown:
    """A report its reader may already hold: its figures and the cells it hid."""

    figures: dict[str, Any]
    hidden: frozenset[Cell]


def recoverable(hidden_values: Iterable[int]) -> bool:
    """Whether hidden cells could be worked out from their line's total."""
    values = list(hidden_values)
    if not values:
        return False
    return len(values) == 1 or all(v == 1 for v in values)


def cells_of(figures: dict[str, Any]) -> list[Cell]:
    """Every count of the figures, as paths."""
    result: list[Cell] = [(key,) for key in SCALARS] + list(OBLIGATIONS)
    for line in lines_of(figures)[: len(COUNT_BREAKDOWNS)]:
        result += line
    table = figures["by_severity_article"]
    result += [("by_severity_article", level, art) for level in table for art in table[level]]
    return result


def lines_of(figures: dict[str, Any]) -> list[list[Cell]]:
    """The groups of cells whose total a reader may know: each breakdown, and each row and
    column of the severity-by-article table (breakdowns first, in COUNT_BREAKDOWNS order).
    """
    lines: list[list[Cell]] = [[(name, key) for key in figures[name]] for name in COUNT_BREAKDOWNS]
    table = figures["by_severity_article"]
    lines += [[("by_severity_article", level, art) for art in table[level]] for level in table]
    lines += [
        [("by_severity_article", level, art) for level in table]
        for art in next(iter(table.values()), {})
    ]
    return lines


def hidden_cells(
    figures: dict[str, Any], threshold: int, earlier: Sequence[Shown] = ()
) -> frozenset[Cell]:
    """The cells to hide at ``threshold``: a superset of those hidden at every lower one."""
    hidden: set[Cell] = set()
    for level in range(1, threshold + 1):
        _close(figures, level, earlier, hidden)
    return frozenset(hidden)


def series_hidden(series: Sequence[dict[str, Any]], threshold: int, base: int) -> frozenset[Cell]:
    """The cells to hide in the last of ``series``, the figures of one school year after
    its first, second, ... month: each earlier one as it was shown at ``base`` (the lowest
    threshold its reader could choose).
    """
    earlier: list[Shown] = []
    for figures in series[:-1]:
        earlier.append(Shown(figures, hidden_cells(figures, base, earlier)))
    return hidden_cells(series[-1], threshold, earlier)


def apply(
    figures: dict[str, Any], hidden: frozenset[Cell], threshold: int, prefix: str = ""
) -> list[str]:
    """Blank the hidden cells (and a median of few cases) in place; the paths blanked."""
    for cell in hidden:
        _set(figures, cell, None)
    paths = sorted(prefix + ".".join(cell) for cell in hidden)
    closed = figures["median_days_to_close"] is not None
    if closed and (("closed_cases",) in hidden or _few(figures, threshold)):
        figures["median_days_to_close"] = None
        paths.append(prefix + "median_days_to_close")
    return paths


def suppress(figures: dict[str, Any], threshold: int, prefix: str = "") -> list[str]:
    """Hide small cells of ``figures`` (alone, no earlier reports) in place; their paths."""
    return apply(figures, hidden_cells(figures, threshold), threshold, prefix)


def suppressed_copy(
    figures: dict[str, Any], threshold: int, prefix: str = ""
) -> tuple[dict[str, Any], list[str]]:
    result = copy.deepcopy(figures)
    return result, suppress(result, threshold, prefix)


def _few(figures: dict[str, Any], threshold: int) -> bool:
    return 1 <= int(figures["closed_cases"]) <= threshold


def _close(
    figures: dict[str, Any], threshold: int, earlier: Sequence[Shown], hidden: set[Cell]
) -> None:
    """Add to ``hidden`` until no rule asks for more (each addition only grows the set)."""
    value = {cell: _get(figures, cell) for cell in cells_of(figures)}
    lines = lines_of(figures)
    hidden |= {cell for cell, n in value.items() if 1 <= n <= threshold}
    windows = [_growth(value, before) for before in earlier]
    changed = True
    while changed:
        before_size = len(hidden)
        for line in lines:
            _protect(line, hidden, lambda c: c in hidden, value.__getitem__)
        for growth, hidden_before in windows:
            for cell, n in growth.items():
                if 1 <= n <= threshold and cell not in hidden_before:
                    hidden.add(cell)

            def in_window(cell: Cell, hidden_before: frozenset[Cell] = hidden_before) -> bool:
                return cell in hidden or cell in hidden_before

            def grew(cell: Cell, growth: dict[Cell, int] = growth) -> int:
                return growth.get(cell, 0)

            for line in lines:
                _protect(line, hidden, in_window, grew)
        opened, overdue = (value[cell] for cell in OBLIGATIONS)
        if not hidden & set(OBLIGATIONS) and 1 <= opened - overdue <= threshold:
            hidden.add(OBLIGATIONS[1])  # the duties not yet overdue are a small group
        changed = len(hidden) != before_size


def _growth(value: dict[Cell, int], before: Shown) -> tuple[dict[Cell, int], frozenset[Cell]]:
    """How much each cell grew since ``before`` (a cell it lacked was 0 there, and shown)."""
    growth = {
        cell: n - count_at(before.figures, cell) for cell, n in value.items() if cell not in TODAYS
    }
    return growth, before.hidden


def _protect(
    line: list[Cell],
    hidden: set[Cell],
    is_hidden: Callable[[Cell], bool],
    size: Callable[[Cell], int],
) -> None:
    """Hide one more cell of ``line`` if its hidden cells could be worked out."""
    inside = [c for c in line if is_hidden(c)]
    if not recoverable(size(c) for c in inside):
        return
    candidates = [c for c in line if not is_hidden(c)]
    if not candidates:
        return
    nonzero = [c for c in candidates if size(c) > 0]
    hidden.add(min(nonzero or candidates, key=lambda c: (size(c), c)))


def _get(figures: dict[str, Any], cell: Cell) -> int:
    value: Any = figures
    for part in cell:
        value = value[part]
    return int(value)


def count_at(figures: dict[str, Any], cell: Cell) -> int:
    """The count at ``cell``; 0 where the figures have no such cell (a month not yet in)."""
    value: Any = figures
    for part in cell:
        if not isinstance(value, dict) or part not in value:
            return 0
        value = value[part]
    return int(value)


def _set(figures: dict[str, Any], cell: Cell, value: Any) -> None:
    target: Any = figures
    for part in cell[:-1]:
        target = target[part]
    target[cell[-1]] = value
