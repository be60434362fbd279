"""One place for the label of every code, in both languages; the catalogues complete and
compiled; and a label typed in either language, in any case, read back as its code.
"""

from __future__ import annotations

import enum
import gettext
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from pcc_cases.domain.case_parts import EvidenceKind, InvolvementRole, Platform
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.factors import Harm, Intent, Reach
from pcc_cases.domain.labels import CODE_LABELS, FIELDS, code_of, label, labels, step_of
from pcc_cases.domain.lifecycle import CaseState
from pcc_cases.domain.people import PersonKind, Role
from pcc_cases.domain.policy import MAX_LEVEL
from pcc_cases.domain.protocol import ClauseKind
from pcc_cases.services.settings import DEFAULT_SETTINGS
from pcc_cases.translation import LANGUAGES, LOCALE_DIR, translate

PACKAGE = Path(__file__).parents[2] / "pcc_cases"
ENUMS: dict[str, type[enum.StrEnum]] = {
    "state": CaseState,
    "person-kind": PersonKind,
    "role": Role,
    "involvement": InvolvementRole,
    "platform": Platform,
    "event": EventKind,
    "reach": Reach,
    "intent": Intent,
    "harm": Harm,
    "evidence": EvidenceKind,
    "clause-kind": ClauseKind,
}


def catalogue(lang: str) -> dict[str, str]:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "pcc_cases.po").open("rb") as handle:
        parsed = read_po(handle, locale=lang)
    assert not [m.id for m in parsed if m.id and m.fuzzy], f"fuzzy messages in {lang}"
    return {str(m.id): str(m.string) for m in parsed if m.id}


def test_every_code_has_a_label() -> None:
    for kind, codes in ENUMS.items():
        assert set(CODE_LABELS[kind]) == {c.value for c in codes}, kind
    assert list(CODE_LABELS["severity"]) == [str(n) for n in range(1, MAX_LEVEL + 1)]
    assert set(FIELDS) >= set(CODE_LABELS) | {"step"}


def test_every_message_in_the_code_is_translated_in_both_catalogues() -> None:
    used = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE,
            method_map=[("**.py", "python"), ("server/templates/**.j2", "jinja2")],
            keywords={"N_": None, "translate": (1,), "gettext": None, "_": None},
        )
        if isinstance(message, str)
    }
    assert used, "nothing extracted: the keywords changed?"
    for lang in LANGUAGES:
        translated = catalogue(lang)
        missing = sorted(m for m in used if not translated.get(m))
        assert missing == [], f"untranslated in {lang}: {missing}"
        unused = sorted(set(translated) - used)
        assert unused == [], f"in the {lang} catalogue but not in the code: {unused}"


def places(text: str) -> list[tuple[str, str, str]]:
    return sorted(
        (name, spec or "", conversion or "")
        for _, name, spec, conversion in Formatter().parse(text)
        if name is not None
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_translation_has_the_places_of_its_message(lang: str) -> None:
    """A translation that drops or renames a {place} would fail when it is filled."""
    wrong = {m: t for m, t in catalogue(lang).items() if places(m) != places(t)}
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_installed_catalogue_is_compiled_from_the_po_file(lang: str) -> None:
    """An edited .po file is compiled by installing again (make setup does it)."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "pcc_cases.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    messages = {m: compiled.gettext(m) for m in catalogue(lang)}
    assert messages == catalogue(lang)


def test_dutch_labels_are_dutch() -> None:
    assert label("state", "closed", "nl") == "gesloten"
    assert label("involvement", "offender", "nl") == "overtreder"
    assert label("severity", "4", "nl") == "4 zeer zwaar"
    assert label("reach", "public", "en") == "public"
    assert label("state", "no-such-code", "nl") == "no-such-code"


@pytest.mark.parametrize("kind", sorted(CODE_LABELS))
def test_labels_name_one_code_each(kind: str) -> None:
    """Otherwise a typed label could mean two codes."""
    spellings: dict[str, set[str]] = {}
    for code, message in CODE_LABELS[kind].items():
        for name in (code, message, translate(message, "nl")):
            spellings.setdefault(name.casefold(), set()).add(code)
    assert {name: codes for name, codes in spellings.items() if len(codes) > 1} == {}


kinds_and_codes = st.sampled_from(
    [(kind, code) for kind, codes in CODE_LABELS.items() for code in codes]
)


@given(
    pair=kinds_and_codes,
    spelled_in=st.sampled_from(["code", "nl", "en"]),
    upper=st.lists(st.booleans(), max_size=40),
    pad=st.sampled_from(["", " ", "  ", "\t"]),
    lang=st.sampled_from(LANGUAGES),
)
def test_a_label_typed_in_either_language_and_any_case_reads_back_as_its_code(
    pair: tuple[str, str], spelled_in: str, upper: list[bool], pad: str, lang: str
) -> None:
    kind, code = pair
    text = code if spelled_in == "code" else label(kind, code, spelled_in)
    typed = "".join(c.upper() if i < len(upper) and upper[i] else c for i, c in enumerate(text))
    assert code_of(kind, pad + typed + pad, lang) == code


@given(text=st.text(max_size=20), lang=st.sampled_from(LANGUAGES))
def test_anything_else_is_refused_naming_the_field_and_the_choices(text: str, lang: str) -> None:
    known = {
        name.casefold()
        for code, message in CODE_LABELS["reach"].items()
        for name in (code, message, translate(message, "nl"))
    }
    if " ".join(text.split()).casefold() in known:
        return
    with pytest.raises(InvalidInputError) as caught:
        code_of("reach", text, lang)
    assert caught.value.field == "reach"
    assert ", ".join(labels("reach", lang)) in caught.value.translated(lang)
    assert translate("reach", lang) in caught.value.translated(lang)


def test_steps_by_their_dutch_or_english_name() -> None:
    policy = DEFAULT_SETTINGS.policy
    assert step_of(policy, "Schorsing", "nl") == "suspension"
    assert step_of(policy, " interne  schorsing ", "nl") == "internal-suspension"
    assert step_of(policy, "written warning", "en") == "written-warning"
    assert step_of(policy, "expulsion", "nl") == "expulsion"
    with pytest.raises(InvalidInputError) as caught:
        step_of(policy, "strafwerk", "nl")
    assert "schorsing" in caught.value.message and caught.value.field == "step"


def test_the_docs_list_every_code_with_both_labels() -> None:
    page = (PACKAGE.parent / "docs" / "languages.md").read_text(encoding="utf-8")
    for kind, codes in CODE_LABELS.items():
        for code, message in codes.items():
            row = f"| `{code}` | {translate(message, 'nl')} | {translate(message, 'en')} |"
            assert row in page, (kind, row)
