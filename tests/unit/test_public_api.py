"""The public API is complete: every pcc_cases type that appears in the signature of an
exported function or class is exported too, and every export has a docstring.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Iterator
from typing import Any

import pytest

import pcc_cases

EXPORTED = {name: getattr(pcc_cases, name) for name in pcc_cases.__all__ if name != "__version__"}


def classes_in(annotation: Any) -> Iterator[type]:
    """Every class named in an annotation, through unions, generics and containers."""
    if isinstance(annotation, type):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from classes_in(argument)
    origin = typing.get_origin(annotation)
    if isinstance(origin, type) and origin is not types.UnionType:
        yield origin


def signature_classes(value: Any) -> Iterator[tuple[str, type]]:
    targets = [value]
    if isinstance(value, type):
        targets = [vars(value).get("__init__", value)] + [
            member
            for name, member in vars(value).items()
            if not name.startswith("_") and inspect.isfunction(member)
        ]
    for target in targets:
        try:
            hints = typing.get_type_hints(target)
        except (NameError, TypeError):
            continue
        for parameter, annotation in hints.items():
            for cls in classes_in(annotation):
                yield f"{getattr(target, '__qualname__', target)}({parameter})", cls


def test_every_type_in_a_public_signature_is_exported() -> None:
    public = {id(v) for v in EXPORTED.values()}
    missing = sorted(
        {
            f"{cls.__module__}.{cls.__qualname__} (in {where})"
            for value in EXPORTED.values()
            for where, cls in signature_classes(value)
            if cls.__module__.startswith("pcc_cases") and id(cls) not in public
        }
    )
    assert missing == []


@pytest.mark.parametrize("name", sorted(EXPORTED))
def test_every_export_has_a_docstring(name: str) -> None:
    assert inspect.getdoc(EXPORTED[name]), name
