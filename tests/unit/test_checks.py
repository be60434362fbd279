"""Text is refused before SQL for what any backend or a terminal could not take alike."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcc_cases.domain.checks import text_problem, text_value
from pcc_cases.domain.errors import InvalidInputError

ANY_TEXT = st.text(st.characters(codec=None), max_size=40)


@given(ANY_TEXT)
def test_an_accepted_text_every_backend_stores_and_no_terminal_acts_on(text: str) -> None:
    if text_problem(text, 100) is None:
        text.encode("utf-8")  # MariaDB and PostgreSQL take only what encodes
        assert "\x00" not in text  # PostgreSQL refuses NUL
        assert "\x1b" not in text and "\x9b" not in text  # no terminal escape sequence
        assert all(
            unicodedata.category(c) != "Cc" or c in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x85" for c in text
        )


@given(ANY_TEXT)
def test_a_one_line_text_is_one_line(text: str) -> None:
    if text_problem(text, 100, one_line=True) is None:
        assert len(text.splitlines()) <= 1 and "\t" not in text


@given(st.text(st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=40))
def test_ordinary_writing_is_accepted(text: str) -> None:
    assert text_problem(text, 40, one_line=True) is None


@pytest.mark.parametrize(
    ("text", "named"), [("a\x00b", "U+0000 at position 2"), ("\x1b[2J", "U+001B at position 1")]
)
def test_the_refusal_names_the_character_and_where_it_is(text: str, named: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(named)) as refused:
        text_value(text, "summary", 100)
    assert refused.value.field == "summary"


def test_too_long_names_both_lengths() -> None:
    problem = text_problem("x" * 101, 100)
    assert problem is not None and problem.message == "101 characters; at most 100 allowed"
    assert problem.translated("nl") == "101 tekens; hoogstens 100 toegestaan"
