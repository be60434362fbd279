"""Documents made from a case: the letters its duties ask for, as A4 PDFs.

Needs the ``letters`` extra (fpdf2). :func:`render_letter` is the renderer to pass to
:func:`pcc_cases.services.letters.make_letter`.
"""

from __future__ import annotations

from pcc_cases.documents.layout import Document
from pcc_cases.documents.letter_texts import build
from pcc_cases.documents.pdf import render_pdf
from pcc_cases.domain.letters import LetterFacts

__all__ = ["Document", "build", "render_letter"]


def render_letter(facts: LetterFacts) -> bytes:
    """The letter ``facts`` describe, as the bytes of an A4 PDF (the same every time).

    Raises:
        InvalidInputError: the letterhead's logo cannot be read or is not a PNG or JPEG.
    """
    return render_pdf(build(facts), facts.letterhead, facts.language)
