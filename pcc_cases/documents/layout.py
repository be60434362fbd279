"""A letter as parts (who it is for, the subject, sections of text) without its look.

The texts of each letter (``letter_texts``) fill these parts in the reader's language;
the PDF renderer (``pdf``) lays them out. Keeping them apart lets the tests read a
letter's words without a PDF, and lets a second renderer (the web page) come later.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Section:
    """A part of a letter: an optional heading, paragraphs, quoted clauses and fields."""

    heading: str | None = None
    paragraphs: tuple[str, ...] = ()
    quoted: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    after: tuple[str, ...] = ()  # paragraphs below the quoted texts and fields


@attrs.frozen
class Document:
    """One letter, in words."""

    title: str  # what the letter is, for the file's properties (no one's name)
    recipient: tuple[str, ...]
    place_and_date: str
    reference: str
    case_reference: str  # the case and duty, short, for the foot of every page
    subject: str
    salutation: str
    sections: tuple[Section, ...]
    closing: str
    signatory: tuple[str, str]
    copies: tuple[str, ...] = ()

    def text(self) -> str:
        """The words in reading order, one paragraph a line: what a test compares."""
        lines = [*self.recipient, "", self.place_and_date, self.reference, self.subject, ""]
        lines.append(self.salutation)
        for section in self.sections:
            lines.append("")
            if section.heading:
                lines.append(section.heading)
            lines += section.paragraphs
            lines += [f"> {q}" for q in section.quoted]
            lines += [f"{label}: {value}" for label, value in section.fields]
            lines += section.after
        lines += ["", self.closing, *[s for s in self.signatory if s]]
        lines += self.copies
        return "\n".join(lines) + "\n"
