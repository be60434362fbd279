"""The JSON Schema of an exported case, generated from the same types the reader checks.

``python -m pcc_cases.interchange.case_schema`` prints it; the package ships it as
``case.schema.json`` and a test keeps the two equal.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
import types
import typing
from importlib import resources
from typing import Any

import attrs
import pendulum

from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import CASE_PARTS
from pcc_cases.domain.event_shapes import DATA_SHAPES
from pcc_cases.interchange.case_codec import SCHEMA, VERSION

_DESCRIPTIONS = {
    "number": "Case number YYYY-NNNN: first year of the school year, then a sequence.",
    "occurred_at": "When the incident happened (UTC, ISO 8601).",
    "reported_at": "When it was recorded (UTC, ISO 8601).",
    "events": "The full history, append-only, seq 1, 2, 3, …; it must replay to 'state'.",
    "obligations": "Legal duties created by decisions and facts, with due dates.",
    "data_version": "The shape of this event's data (per event kind); 1 when absent.",
}


def _type_schema(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _type_schema(options[0])
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is dict:
        return {"type": "object"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is str:
        return {"type": "string"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [m.value for m in hint]}
    if hint is pendulum.DateTime:
        return {"type": "string", "format": "date-time"}
    if hint is dt.date:
        return {"type": "string", "format": "date"}
    raise TypeError(f"no schema for {hint}")  # pragma: no cover


def _object_schema(cls: type, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        if field.name in skip:
            continue
        properties[field.name] = _type_schema(hints[field.name])
        if field.name in _DESCRIPTIONS:
            properties[field.name]["description"] = _DESCRIPTIONS[field.name]
        if field.default is attrs.NOTHING:
            required.append(field.name)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def _event_schema() -> dict[str, Any]:
    """An event, whose data has the shape of its kind (today's version)."""
    schema = _object_schema(CASE_PARTS["events"])
    schema["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": kind.value}}},
            "then": {"properties": {"data": shape}},
        }
        for kind, shape in DATA_SHAPES.items()
    ]
    return schema


def case_schema() -> dict[str, Any]:
    schema = _object_schema(Case, frozenset(CASE_PARTS))
    schema["properties"] = {
        "schema": {"const": SCHEMA},
        "version": {"const": VERSION},
        **schema["properties"],
        **{
            name: {
                "type": "array",
                "items": _event_schema() if name == "events" else _object_schema(cls),
            }
            | ({"description": _DESCRIPTIONS[name]} if name in _DESCRIPTIONS else {})
            for name, cls in CASE_PARTS.items()
        },
    }
    schema["required"] = ["schema", "version", *schema["required"], *CASE_PARTS]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://pcc-cases.example/schemas/case-v{VERSION}.schema.json",
        "title": f"pcc_cases case export, version {VERSION}",
        "description": "One line of `pcc-cases export cases`: a whole case with its history.",
        **schema,
    }


def shipped_schema() -> dict[str, Any]:
    text = resources.files("pcc_cases.interchange").joinpath("case.schema.json").read_text()
    return dict(json.loads(text))


if __name__ == "__main__":
    sys.stdout.write(json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n")
