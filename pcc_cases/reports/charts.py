"""Bar charts as small, accessible inline SVG, written by hand.

The four charts of the severity report need bars, labels and numbers, not a plotting stack:
this module draws them in a few dozen lines, byte-identical for the same data. Each chart
carries its title and every value as text (``<title>``, ``<desc>`` and a label on each
bar), so a screen reader and a printed page show the same figures as the bars.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.sax.saxutils import escape

WIDTH = 640
HEIGHT = 260
_TOP = 34  # room for the title
_BOTTOM = 56  # room for the category labels (rotated when there are many)
_SIDE = 12
_BAR_COLOUR = "#2f6f9f"  # 5.6:1 against white: visible for low vision (WCAG 1.4.11)
_TEXT_COLOUR = "#1a1a1a"
_ROTATE_ABOVE = 6


# Characters XML 1.0 does not allow in text (control characters other than tab and newlines).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    """``value`` escaped for SVG text; characters XML cannot carry become U+FFFD."""
    return escape(_NOT_XML.sub("\ufffd", value))


def _value_text(value: int | None) -> str:
    return "*" if value is None else str(value)


def bar_chart(
    title: str, values: Mapping[str, int | None], names: Mapping[str, str] | None = None
) -> str:
    """A bar chart of ``values``; a suppressed value (None) is drawn as '*' with no bar.

    ``names`` gives the label a reader sees under a bar (``Instagram`` for ``instagram``).
    """
    keys = list(values)
    shown = {key: (names or {}).get(key, key) for key in keys}
    heights = [values[key] or 0 for key in keys]
    top = max([*heights, 1])
    plot_height = HEIGHT - _TOP - _BOTTOM
    rotate = len(keys) > _ROTATE_ABOVE
    side = _SIDE * 4 if rotate else _SIDE  # a label turned to the left needs room there
    slot = (WIDTH - side - _SIDE) / max(len(keys), 1)
    bar_width = slot * 0.7
    description = "; ".join(f"{shown[key]}: {_value_text(values[key])}" for key in keys)
    lines = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" class="chart" '
            f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12" fill="{_TEXT_COLOUR}">'
        ),
        f"<title>{_text(title)}</title>",
        f"<desc>{_text(description)}</desc>",
        f'<text x="{_SIDE}" y="20" font-size="14" font-weight="bold">{_text(title)}</text>',
        (
            f'<line x1="{_SIDE}" y1="{HEIGHT - _BOTTOM}" x2="{WIDTH - _SIDE}" '
            f'y2="{HEIGHT - _BOTTOM}" stroke="{_TEXT_COLOUR}" stroke-width="1"/>'
        ),
    ]
    for index, key in enumerate(keys):
        centre = side + slot * index + slot / 2
        # A count above zero keeps a visible bar however large the largest one is.
        bar_height = max(plot_height * heights[index] / top * 0.9, 1.0) if heights[index] else 0
        bar_top = HEIGHT - _BOTTOM - bar_height
        if bar_height > 0:
            lines.append(
                f'<rect x="{centre - bar_width / 2:.1f}" y="{bar_top:.1f}" '
                f'width="{bar_width:.1f}" height="{bar_height:.1f}" fill="{_BAR_COLOUR}"/>'
            )
        lines.append(
            f'<text x="{centre:.1f}" y="{bar_top - 4:.1f}" text-anchor="middle">'
            f"{_value_text(values[key])}</text>"
        )
        label_y = HEIGHT - _BOTTOM + 16
        if rotate:
            lines.append(
                f'<text x="{centre:.1f}" y="{label_y}" text-anchor="end" '
                f'transform="rotate(-40 {centre:.1f} {label_y})">{_text(shown[key])}</text>'
            )
        else:
            lines.append(
                f'<text x="{centre:.1f}" y="{label_y}" text-anchor="middle">'
                f"{_text(shown[key])}</text>"
            )
    lines.append("</svg>")
    return "\n".join(lines)
