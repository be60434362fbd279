"""One error contract: every error class in one module, with a unique stable code."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import pcc_cases
from pcc_cases.domain import errors
from pcc_cases.domain.errors import (
    InvalidInputError,
    PccCasesError,
    PeopleFileError,
    Problem,
    all_error_classes,
)


def test_every_error_class_lives_in_the_errors_module_with_its_own_code() -> None:
    for info in pkgutil.walk_packages(pcc_cases.__path__, "pcc_cases."):
        if not info.name.startswith(("pcc_cases.cli", "pcc_cases.demo", "pcc_cases.__main__")):
            importlib.import_module(info.name)
    classes = all_error_classes()
    assert all(cls.__module__ == errors.__name__ for cls in classes), [
        f"{cls.__module__}.{cls.__name__}" for cls in classes if cls.__module__ != errors.__name__
    ]
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes))
    assert all(cls.__doc__ for cls in classes)


def test_the_field_is_an_attribute_and_leads_the_message() -> None:
    error = InvalidInputError("must not be empty", field="summary")
    assert (error.code, error.field, error.line, error.column) == (
        "invalid-input",
        "summary",
        None,
        None,
    )
    assert str(error) == "summary: must not be empty"
    assert str(PccCasesError("plain")) == "plain"


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("bad", line=3, column="kind"), "line 3, column kind: bad"),
        (Problem("bad", line=3, field="number"), "line 3, number: bad"),
        (Problem("bad", line=3), "line 3: bad"),
        (Problem("bad", field="events"), "events: bad"),
        (Problem("bad"), "bad"),
    ],
)
def test_a_problem_says_where_it_is(problem: Problem, text: str) -> None:
    assert str(problem) == text


def test_a_long_list_of_problems_is_cut_in_the_message_but_kept_whole() -> None:
    error = PeopleFileError([Problem(f"bad {n}", line=n + 2) for n in range(60)])
    assert len(error.problems) == 60 and error.line == 2
    assert "... and 10 more" in str(error) and "bad 49" in str(error)
    assert "bad 50" not in str(error)
    assert str(error).startswith("the people file has 60 problem(s); nothing was imported:")


def test_every_public_function_says_what_it_raises() -> None:
    import inspect

    for name in pcc_cases.__all__:
        if name.startswith("__"):
            continue
        value = getattr(pcc_cases, name)
        doc = inspect.getdoc(value) or ""
        assert doc, f"pcc_cases.{name} has no docstring"
        if inspect.isfunction(value):
            assert "Raises:" in doc, f"pcc_cases.{name} does not say what it raises"


def test_the_message_without_its_field_is_kept_apart() -> None:
    error = InvalidInputError("must not be empty", field="summary")
    assert error.message == "must not be empty"
    assert PccCasesError("plain").message == "plain"
