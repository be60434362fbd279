"""Bar charts as inline SVG, byte-identical for the same data (fixed ids, no dates)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import matplotlib  # noqa: ICN001 - the name its documentation uses

matplotlib.use("Agg")

import matplotlib.pyplot as plt

_STYLE: dict[str, Any] = {
    "svg.hashsalt": "pcc-cases",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
}


def bar_chart(title: str, values: Mapping[str, int | None]) -> str:
    """A bar chart of ``values``; a suppressed value (None) is drawn as '*' with no bar."""
    with plt.rc_context(_STYLE):  # type: ignore[arg-type]
        figure, axes = plt.subplots(figsize=(6.4, 2.6))
        keys = list(values)
        heights = [values[k] or 0 for k in keys]
        bars = axes.bar(range(len(keys)), heights, color="#2f6f9f")
        for bar, key in zip(bars, keys, strict=True):
            text = "*" if values[key] is None else str(values[key])
            axes.annotate(
                text,
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=8,
            )
        axes.set_xticks(
            range(len(keys)),
            keys,
            rotation=45 if len(keys) > 6 else 0,
            ha="right" if len(keys) > 6 else "center",
        )
        axes.set_title(title, loc="left")
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_ylim(0, max([*heights, 1]) * 1.2)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
