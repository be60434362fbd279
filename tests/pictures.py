"""Comparing a picture in the docs with the page as it prints now, with room for a newer
browser drawing a glyph a pixel apart (a changed layout moves far more).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops

MOST_CHANGED = 0.01  # of the pixels, each more than 32 greys apart


def assert_same_picture(made: bytes, kept: Path, remake: str) -> None:
    """``made`` (PNG) looks like the picture at ``kept``; else say how to remake it."""
    new, old = Image.open(io.BytesIO(made)).convert("L"), Image.open(kept).convert("L")
    assert new.size == old.size, f"{kept.name} out of date: {remake}"
    changed = sum(ImageChops.difference(new, old).histogram()[33:])
    assert changed / (new.size[0] * new.size[1]) < MOST_CHANGED, (
        f"{kept.name} out of date: {remake}"
    )
