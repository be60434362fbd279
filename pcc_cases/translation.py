"""The message catalogues: Dutch the default, English the second language.

Messages are written in English in the code (the gettext message id) and translated from
``pcc_cases/locale/<lang>/LC_MESSAGES/pcc_cases.po``, compiled to ``.mo`` when the package
is built or installed. Both catalogues are complete: the English one too, so that a test
can tell a forgotten message from a translated one.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path
from typing import Protocol, runtime_checkable

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
DOMAIN = "pcc_cases"
LOCALE_DIR = Path(__file__).parent / "locale"


class CatalogueMissingError(RuntimeError):
    """The compiled catalogues are missing: the package was not built or installed."""


@functools.cache
def catalogue(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` ('nl' or 'en')."""
    if lang not in LANGUAGES:
        raise ValueError(f"{lang!r} is not a language; allowed: {', '.join(LANGUAGES)}")
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except FileNotFoundError:
        raise CatalogueMissingError(
            f"{mo} is missing: install the package (make setup) to compile the catalogues"
        ) from None


def translate(message: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``message`` (an English message id) in ``lang``."""
    return catalogue(lang).gettext(message)


@runtime_checkable
class Labelled(Protocol):
    """A value with a name per language (a ladder step): a param shown by its label."""

    def label(self, lang: str) -> str: ...


class Phrase(str):
    """An English message id used as a param of another message: shown translated."""

    __slots__ = ()


def N_(message: str) -> str:  # noqa: N802 - the gettext name for "mark, translate later"
    """Mark ``message`` for extraction without translating it here."""
    return message
