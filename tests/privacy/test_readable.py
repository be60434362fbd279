"""The subject-access export as a parent reads it: labels and words, Amsterdam times, no
field names and no Python values, in Dutch and in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from pcc_cases.access import Action
from pcc_cases.adapters.engine import make_engine
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.policy_file import default_policy
from pcc_cases.domain.protocol import load_protocol
from pcc_cases.privacy.readable import ACTIONS, _Words, readable_export
from pcc_cases.privacy.render import person_html
from tests.browser import print_to_pdf, require_chromium
from tests.documents.pictures import first_page_png
from tests.pictures import assert_same_picture
from tests.privacy.pictures import ORGANISATION, PICTURE
from tests.privacy.school import build_school, export

DATA_WORDS = ("True", "False", "None", "[]", "{", "}", "offender_id", "assessed_at",
              "occurred_at", "computed_level", "+00:00", "123456", "'")  # fmt: skip


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = build_school(tmp_path_factory.mktemp("readable") / "school.sqlite3")
    engine = make_engine(url)
    yield engine
    engine.dispose()


def test_the_page_shows_words_not_data(engine: Engine) -> None:
    html = person_html(export(engine), "nl", "Stichting PCC")
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.DOTALL)
    found = [word for word in DATA_WORDS if word in text]
    assert found == [], found
    for expected in (
        "Stichting PCC",
        "Inzage persoonsgegevens: Sem de Vries",
        "Gemaakt op 7 oktober 2025 15:15.",  # Amsterdam time, to the minute
        "3 oktober 2025 20:00",  # when it happened, in Amsterdam
        "overtreder",
        "Instagram",
        "openbaar",
        "opzettelijk",
        "schorsing",
        "ja",
        "nee",
        "zaak ingezien",
        "leerling 1",
    ):
        assert expected in text, expected
    assert "Soort persoon" in text and "leerling" in text


def test_the_page_in_english(engine: Engine) -> None:
    html = person_html(export(engine), "en")
    for expected in ("Subject access: Sem de Vries", "offender", "suspension", "public", "yes"):
        assert expected in html, expected
    assert "Inzage" not in html and "overtreder" not in html


def test_the_page_is_printable_on_a4(engine: Engine) -> None:
    html = person_html(export(engine), "nl")
    assert "size: A4" in html and "counter(page)" in html
    assert "<script" not in html and "<link" not in html  # one file, to keep or print


def test_every_action_of_the_access_log_has_words() -> None:
    words = _Words("nl", default_policy(), load_protocol())
    for action in Action:
        assert action.value in ACTIONS, action
    assert words.action("report:2025-2026") == "rapportage over 2025-2026"
    assert words.action("export:all") == "zaken geëxporteerd over alle perioden"
    assert words.action("something-new") == "something-new"


def test_something_else_than_an_export_is_refused_with_a_reason() -> None:
    with pytest.raises(InvalidInputError) as caught:
        readable_export({"person": {}}, "nl")
    assert caught.value.field == "export"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet="abc -", max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["reach", "late", "x_y", "seq"]), inner, max_size=3)
    ),
    max_leaves=20,
)


@given(JSON)
def test_no_value_is_shown_as_python_writes_it(value: Any) -> None:
    shown = _Words("nl", default_policy(), load_protocol()).text(value)
    for word in ("True", "False", "None", "[", "]", "{", "}", "'", "x_y"):
        assert word not in shown


def test_the_picture_in_the_docs_is_the_export_as_it_prints(engine: Engine) -> None:
    browser = require_chromium()
    made = first_page_png(print_to_pdf(browser, person_html(export(engine), "nl", ORGANISATION)))
    assert_same_picture(made, PICTURE, "python -m tests.privacy.pictures")
