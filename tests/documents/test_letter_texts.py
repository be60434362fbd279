"""Each letter's text, as pypdf reads it from the PDF, against its golden file per language.

A changed text fails here until the golden file is renewed on purpose:
``PCC_CASES_UPDATE_GOLDEN=1 make test`` (then read the diff before committing it).
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcc_cases.documents import build, render_letter
from pcc_cases.translation import LANGUAGES
from tests.documents.letters import NAMES, make, pdf_text
from tests.documents.pictures import PICTURES, first_page_png
from tests.documents.scenario import LETTERHEAD

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PCC_CASES_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_each_letter_reads_as_its_golden_text(name: str, language: str) -> None:
    made = make(name, language)
    text = pdf_text(made.content)
    golden = GOLDEN / f"{name}.{language}.txt"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs"


def test_every_golden_file_belongs_to_a_letter() -> None:
    expected = {f"{n}.{lang}.txt" for n in NAMES for lang in LANGUAGES}
    assert {p.name for p in GOLDEN.iterdir()} == expected


@pytest.mark.parametrize("name", NAMES)
def test_a_letter_made_twice_has_the_same_bytes(name: str) -> None:
    first, second = make(name), make(name)
    assert first.content == second.content and first.sha256 == second.sha256
    assert first.content.startswith(b"%PDF-") and b"/MediaBox [0 0 595.28 841.89]" in first.content


def test_the_decision_says_what_the_law_asks() -> None:
    text = " ".join(pdf_text(make("suspension-decision").content).split())
    for part in (
        "Aan de ouders/verzorgers van Sem de Vries",  # to the student and the parents
        "Op vrijdag 3 oktober 2025 om 20:00, op Instagram:",  # the facts
        "Artikel 1.2: Plaats geen citaten van medeleerlingen of medewerkers.",  # the clauses
        "Artikel 6.3: Spreek met respect over anderen.",
        "Wij hebben de overtreding beoordeeld als 4 zeer zwaar.",  # the reasons
        (
            "De maatregel duurt 2 schooldagen: van dinsdag 7 oktober 2025 tot en met "
            "woensdag 8 oktober 2025."
        ),  # the length, first and last school day
        "Tijdens de schorsing komt Sem niet naar school.",  # meanwhile
        "schriftelijk bezwaar maken, dat is tot en met 17 november 2025.",  # objection term
        "naar het College van Bestuur van PCC Stichting Voortgezet Onderwijs, Schoolstraat 1",
    ):
        assert part in text, part


def test_the_inspectie_notice_has_every_field_of_the_form() -> None:
    text = pdf_text(make("suspension-inspectie").content)
    for label in (
        "School",
        "Vestiging",
        "Adres",
        "Leerling",
        "Klas",
        "Besluit genomen op",
        "Aantal schooldagen",
        "Reden",
        "Contactpersoon",
    ):
        assert f"\n{label} " in text, label
    assert "Eerste dag van de\nschorsing" in text and "Laatste dag van de\nschorsing" in text


@pytest.mark.parametrize("name", ["suspension-decision", "suspension-inspectie"])
def test_a_letter_never_names_the_target(name: str) -> None:
    text = pdf_text(make(name).content)
    assert "Lotte" not in text and "Jansen" not in text  # s-alk2, the target of the post


def test_an_expulsion_decision_names_its_copies_and_a_warning_has_no_family() -> None:
    assert "Afschrift aan: de Inspectie van het Onderwijs" in pdf_text(
        make("expulsion-decision").content
    )
    warning = pdf_text(make("written-warning").content)
    assert "ouders" not in warning and "personeelsdossier" in warning


BASE = make("suspension-decision").facts
_ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)
_NAMES = st.text(
    st.characters(categories=("L", "M", "Nd", "Pd", "So")), min_size=1, max_size=60
)  # what a person's name may hold: letters of any script, marks, digits, dashes, emoji


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=_ANY_TEXT, first_name=_NAMES, organisation=_ANY_TEXT)
def test_any_text_prints_and_prints_the_same_twice(
    summary: str, first_name: str, organisation: str
) -> None:
    """Names, summaries and letterheads in any script, with emoji or control characters:
    the letter is made, the same bytes each time, and the words are all in it.
    """
    facts = attrs.evolve(
        BASE,
        summary=summary or "-",
        offender=attrs.evolve(BASE.offender, first_name=first_name),
        letterhead={**LETTERHEAD, "organisation": organisation},
    )
    content = render_letter(facts)
    assert content == render_letter(facts)
    assert (summary or "-") in build(facts).text()


@pytest.mark.parametrize("name", NAMES)
def test_the_picture_in_the_docs_is_the_letter_as_made(name: str) -> None:
    picture = PICTURES / f"{name}.png"
    assert picture.read_bytes() == first_page_png(make(name).content), (
        f"{picture.name} is out of date: python -m tests.documents.pictures"
    )


def test_the_logo_is_printed_and_a_bad_logo_is_named(tmp_path: Path) -> None:
    from PIL import Image

    from pcc_cases.domain.errors import InvalidInputError

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), (0, 90, 160)).save(logo)
    with_logo = attrs.evolve(BASE, letterhead={**LETTERHEAD, "logo": str(logo)})
    content = render_letter(with_logo)
    assert b"/Subtype /Image" in content and content == render_letter(with_logo)
    for bad in (tmp_path / "missing.png", Path(__file__)):
        broken = attrs.evolve(BASE, letterhead={**LETTERHEAD, "logo": str(bad)})
        with pytest.raises(InvalidInputError) as raised:
            render_letter(broken)
        assert raised.value.field == "letterhead.logo" and str(bad) in str(raised.value)
