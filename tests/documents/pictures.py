"""The pictures of the letters in the docs: the first page of each, as PNG.

Made again with ``.venv/bin/python -m tests.documents.pictures`` (a test fails while a
picture differs from the letter as it is made now). pdfium draws the page, as a PDF
reader would.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
from PIL import Image

from tests.documents.letters import NAMES, make

PICTURES = Path(__file__).parent.parent.parent / "docs" / "images" / "letters"
SCALE = 1.25  # 90 dots per inch: A4 is 744 by 1052 pixels


def first_page_png(content: bytes) -> bytes:
    """Page 1 of the PDF ``content``, drawn in 16 greys and written as PNG."""
    document = pypdfium2.PdfDocument(content)
    try:
        image = document[0].render(scale=SCALE).to_pil().convert("L")
    finally:
        document.close()
    grey = image.quantize(colors=16, dither=Image.Dither.NONE)
    out = io.BytesIO()
    grey.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    PICTURES.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (PICTURES / f"{name}.png").write_bytes(first_page_png(make(name).content))
        print(PICTURES / f"{name}.png")


if __name__ == "__main__":
    main()
