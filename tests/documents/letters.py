"""Making each letter of the scenario on a fresh in-memory store, and reading it back."""

from __future__ import annotations

import io

import pypdf

from pcc_cases.documents import render_letter
from pcc_cases.services.letters import MadeLetter, make_letter
from tests.documents.scenario import EVERY_LETTER, HEARING_AT, LETTERHEAD, S, duty
from tests.fakes import FakeUnitOfWork
from tests.org import bootstrap

NAMES = [name for name, *_ in EVERY_LETTER]


def make(name: str, language: str = "nl") -> MadeLetter:
    """The letter ``name`` of :data:`EVERY_LETTER`, in ``language``."""
    _name, build, actor, kind, letter = next(x for x in EVERY_LETTER if x[0] == name)
    uow = FakeUnitOfWork()
    bootstrap(uow)
    number = build(uow)
    return make_letter(
        uow,
        actor,
        duty(uow, number, kind),
        render=render_letter,
        language=language,
        letter=letter.value,
        hearing_at=HEARING_AT,
        letterhead=LETTERHEAD,
        settings=S,
    )


def pdf_text(content: bytes) -> str:
    """Every page's text as pypdf extracts it, lines stripped of trailing spaces."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    pages = [page.extract_text() for page in reader.pages]
    return "\n".join(line.rstrip() for page in pages for line in page.splitlines()) + "\n"
