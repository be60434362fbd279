"""Small-cell suppression with complementary suppression.

A count from 1 to the threshold is hidden (null) and its path listed. Within each
breakdown (and each row and column of the severity-by-article table) the hidden cells must
not be recoverable from the total: one hidden cell alone, or hidden cells that must all be
1, would be. Then the smallest other cell is hidden too, until the hidden values are no
longer determined. Zero cells are shown, except as a last resort for complementing.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from pcc_cases.reports.figures import COUNT_BREAKDOWNS

DEFAULT_THRESHOLD = 5
SCALARS = ("total_cases", "repeat_offenders")


def recoverable(hidden_values: Iterable[int]) -> bool:
    """Whether hidden cells could be worked out from their line's total."""
    values = list(hidden_values)
    if not values:
        return False
    return len(values) == 1 or all(v == 1 for v in values)


def suppress(figures: dict[str, Any], threshold: int, prefix: str = "") -> list[str]:
    """Hide small cells of ``figures`` in place; returns the paths of the hidden cells."""
    cells: list[str] = []
    for key in SCALARS:
        if 1 <= figures[key] <= threshold:
            figures[key] = None
            cells.append(prefix + key)
    for key in ("open", "overdue"):
        if 1 <= figures["obligations"][key] <= threshold:
            figures["obligations"][key] = None
            cells.append(f"{prefix}obligations.{key}")
    for name in COUNT_BREAKDOWNS:
        cells += _suppress_lines(
            figures, [[(name, key) for key in figures[name]]], threshold, prefix
        )
    table = figures["by_severity_article"]
    rows: list[list[tuple[str, ...]]] = [
        [("by_severity_article", level, art) for art in table[level]] for level in table
    ]
    columns: list[list[tuple[str, ...]]] = [
        [("by_severity_article", level, art) for level in table]
        for art in next(iter(table.values()), {})
    ]
    cells += _suppress_lines(figures, rows + columns, threshold, prefix)
    return cells


def _suppress_lines(
    figures: dict[str, Any], lines: list[list[tuple[str, ...]]], threshold: int, prefix: str
) -> list[str]:
    original = {cell: _get(figures, cell) for line in lines for cell in line}
    hidden = {cell for cell, n in original.items() if 1 <= n <= threshold}
    changed = True
    while changed:
        changed = False
        for line in lines:
            inside = [c for c in line if c in hidden]
            if not recoverable(original[c] for c in inside):
                continue
            candidates = [c for c in line if c not in hidden]
            if not candidates:
                continue
            nonzero = [c for c in candidates if original[c] > 0]
            pick = min(nonzero or candidates, key=lambda c: (original[c], c))
            hidden.add(pick)
            changed = True
    for cell in hidden:
        _set(figures, cell, None)
    return sorted(prefix + ".".join(cell) for cell in hidden)


def _get(figures: dict[str, Any], cell: tuple[str, ...]) -> int:
    value: Any = figures
    for part in cell:
        value = value[part]
    return int(value)


def _set(figures: dict[str, Any], cell: tuple[str, ...], value: Any) -> None:
    target: Any = figures
    for part in cell[:-1]:
        target = target[part]
    target[cell[-1]] = value


def suppressed_copy(
    figures: dict[str, Any], threshold: int, prefix: str = ""
) -> tuple[dict[str, Any], list[str]]:
    result = copy.deepcopy(figures)
    return result, suppress(result, threshold, prefix)
