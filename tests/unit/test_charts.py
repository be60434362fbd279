"""The hand-drawn SVG bar charts: well-formed, accessible, every value as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from pcc_cases.reports.charts import HEIGHT, bar_chart

SVG = "{http://www.w3.org/2000/svg}"

# Printable text: control characters are replaced (see the last test), and XML reads \r as \n.
label = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12)
values_strategy = st.dictionaries(
    label.filter(bool),
    st.one_of(st.none(), st.integers(min_value=0, max_value=10_000)),
    max_size=14,
)


@given(title=label, values=values_strategy)
def test_every_value_and_the_title_are_text_in_well_formed_svg(
    title: str, values: dict[str, int | None]
) -> None:
    root = ET.fromstring(bar_chart(title, values))  # noqa: S314 - our own output
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == (title or None)  # type: ignore[union-attr]
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    for key, value in values.items():
        assert key.strip() == "" or key in texts
        assert ("*" if value is None else str(value)) in texts
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert all(f"{key}: " in desc for key in values)


@given(values=values_strategy)
def test_bars_stay_inside_the_picture_and_are_ordered_by_value(
    values: dict[str, int | None],
) -> None:
    root = ET.fromstring(bar_chart("t", values))  # noqa: S314 - our own output
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == sum(1 for v in values.values() if v)
    heights = [float(bar.get("height", "0")) for bar in bars]
    assert all(0 < h <= HEIGHT for h in heights)
    drawn = [v for v in values.values() if v]
    for (a, ha), (b, hb) in pairwise(zip(drawn, heights, strict=True)):
        assert (a <= b) == (ha <= hb) or ha == hb


def test_same_data_gives_the_same_bytes_and_markup_is_escaped() -> None:
    chart = bar_chart("<b>&", {"<i>": 3})
    assert chart == bar_chart("<b>&", {"<i>": 3})
    assert "<b>" not in chart and "&lt;b&gt;&amp;" in chart and "&lt;i&gt;" in chart


def test_control_characters_become_a_replacement_mark_not_broken_xml() -> None:
    chart = bar_chart("a\x08b", {"c\x00d": 1})
    root = ET.fromstring(chart)  # noqa: S314 - our own output
    assert root.find(f"{SVG}title").text == "a\ufffdb"  # type: ignore[union-attr]
