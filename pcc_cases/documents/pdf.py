"""A letter as an A4 PDF: the letterhead, the address where a window envelope shows it,
the text, the signature and page numbers; the same bytes every time.

fpdf2 writes the PDF: pure Python, installed from the lock file with no system library,
and its output is byte-for-byte repeatable once the creation date is fixed. The font is
DejaVu Sans, shipped in the package (reduced to Latin letters), so that names such as
Yıldız and Łukasz print and every reader shows the same letter.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from pcc_cases.documents.layout import Document, Section
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.translation import N_, translate

FONTS = Path(__file__).parent / "fonts"
FONT = "dejavu"
LEFT, RIGHT, TOP = 25.0, 20.0, 18.0  # mm
ADDRESS_TOP = 50.0  # mm: where a window envelope (DL, left window) shows the address
BODY, SMALL, HEAD = 10.0, 8.0, 14.0  # pt
LINE = 5.0  # mm
GREY = (90, 90, 90)
LABEL_WIDTH = 58.0  # mm


class _LetterPdf(FPDF):
    """An A4 page with the organisation's line and page numbers at the foot."""

    def __init__(self, foot: str, page_word: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.foot, self.page_word = foot, page_word

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, size=SMALL)
        self.set_text_color(*GREY)
        pages = self.page_word.format(page=self.page_no(), pages="{nb}")
        self.cell(0, 4, f"{self.foot}    {pages}", align="C")
        self.set_text_color(0, 0, 0)


def render_pdf(document: Document, letterhead: Mapping[str, str], language: str) -> bytes:
    """The PDF of ``document`` on the school's letterhead.

    Raises:
        InvalidInputError: the letterhead's logo is not a PNG or JPEG file that can be read.
    """
    organisation = letterhead.get("organisation", "")
    pdf = _LetterPdf(
        foot=" · ".join(p for p in (organisation, document.case_reference) if p),
        page_word=translate(N_("page {page} of {pages}"), language),
    )
    pdf.set_creation_date(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))  # no clock in the bytes
    pdf.set_title(document.title)
    pdf.set_author(organisation)
    pdf.set_creator("pcc_cases")
    pdf.set_lang(language)
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    font = pdf.fonts[FONT]
    writer = _Writer(pdf, frozenset(font.cmap if isinstance(font, TTFFont) else ()))
    pdf.add_page()
    writer.letterhead(letterhead)
    writer.document(document)
    return bytes(pdf.output())


class _Writer:
    """Puts the parts of a letter on the pages, in order."""

    def __init__(self, pdf: FPDF, glyphs: frozenset[int]) -> None:
        self.pdf, self.glyphs = pdf, glyphs

    def printable(self, text: str) -> str:
        """``text`` with every character the font lacks (an emoji) written as its code."""
        return "".join(
            c if ord(c) in self.glyphs or c in "\n\t" else f"[U+{ord(c):04X}]" for c in text
        )

    def write(
        self, text: str, *, size: float = BODY, bold: bool = False, indent: float = 0
    ) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "B" if bold else "", size)
        pdf.set_x(LEFT + indent)
        pdf.multi_cell(
            pdf.epw - indent,
            LINE,
            self.printable(text),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def letterhead(self, letterhead: Mapping[str, str]) -> None:
        pdf = self.pdf
        logo = letterhead.get("logo")
        if logo:
            _place_logo(pdf, logo)
        pdf.set_y(TOP)
        self.write(letterhead.get("organisation", ""), size=HEAD, bold=True)
        pdf.set_text_color(*GREY)
        for key in ("location", "address"):
            if letterhead.get(key):
                self.write(letterhead[key], size=SMALL + 1)
        pdf.set_text_color(0, 0, 0)

    def document(self, document: Document) -> None:
        pdf = self.pdf
        pdf.set_y(max(pdf.get_y() + LINE, ADDRESS_TOP))
        for line in document.recipient:
            self.write(line)
        pdf.ln(LINE * 2)
        self.write(document.place_and_date)
        self.write(document.reference)
        pdf.ln(LINE / 2)
        self.write(document.subject, bold=True)
        pdf.ln(LINE)
        self.write(document.salutation)
        for section in document.sections:
            self.section(section)
        pdf.ln(LINE)
        self.write(document.closing)
        pdf.ln(LINE * 2.5)
        name, function = document.signatory
        self.write(name, bold=True)
        if function:
            self.write(function)
        if document.copies:
            pdf.ln(LINE)
            for line in document.copies:
                self.write(line, size=SMALL + 1)

    def section(self, section: Section) -> None:
        pdf = self.pdf
        pdf.ln(LINE / 2)
        if section.heading:
            if pdf.will_page_break(LINE * 4):
                pdf.add_page()
            self.write(section.heading, bold=True)
        for paragraph in section.paragraphs:
            self.write(paragraph)
            pdf.ln(LINE / 3)
        for quote in section.quoted:
            top = pdf.get_y()
            self.write(quote, indent=6)
            pdf.set_draw_color(*GREY)
            pdf.line(LEFT + 2, top + 0.5, LEFT + 2, pdf.get_y() - 0.5)
            pdf.ln(LINE / 3)
        for label, value in section.fields:
            self.field(label, value)
        for paragraph in section.after:
            pdf.ln(LINE / 3)
            self.write(paragraph)

    def field(self, label: str, value: str) -> None:
        """One row of a form: the label in bold on the left, the value beside it."""
        pdf = self.pdf
        if pdf.will_page_break(LINE * 2):
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_font(FONT, "B", BODY)
        pdf.multi_cell(
            LABEL_WIDTH - 3,
            LINE,
            self.printable(label),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        label_bottom = pdf.get_y()
        pdf.set_xy(LEFT + LABEL_WIDTH, top)
        pdf.set_font(FONT, "", BODY)
        pdf.multi_cell(
            pdf.epw - LABEL_WIDTH,
            LINE,
            self.printable(value or "–"),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_y(max(pdf.get_y(), label_bottom) + 0.6)


def _place_logo(pdf: FPDF, path: str) -> None:
    """The logo at the top right, at most 40 by 20 mm."""
    try:
        data = Path(path).expanduser().read_bytes()
    except OSError as exc:
        raise InvalidInputError(
            N_("the letterhead's logo '{path}' cannot be read: {reason}"),
            field="letterhead.logo",
            path=path,
            reason=exc.strerror or str(exc),
        ) from None
    try:
        pdf.image(io.BytesIO(data), x=pdf.w - RIGHT - 40, y=TOP, w=40, h=20, keep_aspect_ratio=True)
    except Exception:  # noqa: BLE001 - Pillow's many errors for a file that is no image
        raise InvalidInputError(
            N_("the letterhead's logo '{path}' is not a PNG or JPEG image"),
            field="letterhead.logo",
            path=path,
        ) from None
