"""The shape of each event kind's data, as JSON Schema, and a checker for it.

A history read from outside (an import) may carry only what the domain itself writes:
the same keys, of the same types, within the same limits. The shapes are JSON Schema
(the subset below), so that the published schema of an export says exactly this too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pcc_cases.domain.errors import Problem
from pcc_cases.domain.events import EventKind
from pcc_cases.domain.factors import Harm, Intent, Reach
from pcc_cases.domain.letters import LetterKind
from pcc_cases.domain.policy import HEARD_PARTIES
from pcc_cases.translation import LANGUAGES, N_

MAX_ID = 100  # clause ids, step names, duty kinds: short codes
MAX_ITEMS = 500  # people or clauses in one recorded case

_ID: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": MAX_ID}
_LEVEL: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": 4}
_PAIRS: dict[str, Any] = {
    "type": "array",
    "maxItems": MAX_ITEMS,
    "items": {"type": "array", "minItems": 2, "maxItems": 2, "items": _ID},
}


def _object(**properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


_FACTORS = _object(
    reach={"enum": [r.value for r in Reach]},
    intent={"enum": [i.value for i in Intent]},
    harm={"enum": [h.value for h in Harm]},
    confidential={"type": "boolean"},
    criminal={"type": "boolean"},
    removed_and_apologised={"type": "boolean"},
)
_INVOLVEMENT = _object(person_id=_ID, role=_ID)
_CLAUSE = _object(offender_id=_ID, clause_id=_ID, level={**_LEVEL, "type": ["integer", "null"]})
_NOTHING = _object()
_DAY: dict[str, Any] = {"type": "string", "format": "date", "maxLength": 10}
_DAY_OR_NULL: dict[str, Any] = {**_DAY, "type": ["string", "null"]}
_SEQ: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": 10_000}
_SEQS: dict[str, Any] = {"type": "array", "maxItems": MAX_ITEMS, "items": _SEQ}

K = EventKind
DATA_SHAPES: Mapping[EventKind, dict[str, Any]] = {
    K.RECORDED: _object(involvements=_PAIRS, violations=_PAIRS),
    K.INVESTIGATION_STARTED: _NOTHING,
    K.INVOLVEMENT_ADDED: _INVOLVEMENT,
    K.INVOLVEMENT_REMOVED: _INVOLVEMENT,
    K.CLAUSE_CITED: _CLAUSE,
    K.CLAUSE_WITHDRAWN: _CLAUSE,
    K.ASSESSED: _object(
        offender_id=_ID,
        factors=_FACTORS,
        level=_LEVEL,
        reasons={"type": "array", "maxItems": 50, "items": {"type": "string", "maxLength": 500}},
    ),
    K.SEVERITY_OVERRIDDEN: _object(offender_id=_ID, computed_level=_LEVEL, level=_LEVEL),
    K.DECIDED: _object(
        offender_id=_ID,
        step=_ID,
        days={"type": ["integer", "null"], "minimum": 1, "maximum": 1000},
        recommended_step=_ID,
        first_day=_DAY_OR_NULL,
        last_day=_DAY_OR_NULL,
    ),
    K.OBLIGATION_COMPLETED: _object(seq=_SEQ, kind=_ID, done_on=_DAY),
    K.CLOSED: _object(open_duties=_SEQS),
    K.DISMISSED: _NOTHING,
    K.OBJECTION_FILED: _object(
        previous_state=_ID, late={"type": "boolean"}, term_ended_on=_DAY_OR_NULL
    ),
    K.OBJECTION_UPHELD: _object(revoked_for={"type": "array", "maxItems": MAX_ITEMS, "items": _ID}),
    K.OBJECTION_REJECTED: _NOTHING,
    K.STEP_PREPARED: _object(offender_id=_ID, step=_ID),
    K.HEARING_RECORDED: _object(
        offender_id=_ID,
        held_on=_DAY,
        heard={
            "type": "array",
            "maxItems": 3,
            "items": {"enum": list(HEARD_PARTIES)},
        },
        attendees={"type": "string", "minLength": 1, "maxLength": 2000},
        views={"type": "string", "minLength": 1, "maxLength": 4000},
        completes=_SEQS,
    ),
    K.TAKEDOWN_RECORDED: _object(
        evidence={"type": "integer", "minimum": 1, "maximum": MAX_ITEMS},
        asked_on=_DAY_OR_NULL,
        removed_on=_DAY_OR_NULL,
    ),
    K.LETTER_ISSUED: _object(
        seq=_SEQ,
        letter={"enum": [k.value for k in LetterKind]},
        sha256={"type": "string", "minLength": 64, "maxLength": 64},
        dated=_DAY,
        language={"enum": list(LANGUAGES)},
        hearing_at={"type": ["string", "null"], "format": "date-time", "maxLength": 40},
        sent_on=_DAY_OR_NULL,
    ),
}
"""Per event kind, the JSON Schema of its data in today's version (see DATA_VERSIONS)."""

_JSON_TYPES: Mapping[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


def shape_problems(value: Any, schema: Mapping[str, Any], where: str) -> list[Problem]:
    """Every way ``value`` departs from ``schema``, each naming the path to it."""
    types = schema.get("type")
    if types is not None:
        allowed = [types] if isinstance(types, str) else list(types)
        if not any(_is_type(value, t) for t in allowed):
            return [
                Problem(
                    N_("{value} is not {allowed}"),
                    field=where,
                    params={"value": short_repr(value), "allowed": " or ".join(allowed)},
                )
            ]
    if "enum" in schema and value not in schema["enum"]:
        return [
            Problem(
                N_("{value} is not one of {enum}"),
                field=where,
                params={"value": short_repr(value), "enum": ", ".join(schema["enum"])},
            )
        ]
    if isinstance(value, str) and len(value) > schema.get("maxLength", len(value)):
        return [
            Problem(
                N_("longer than {maxLength} characters"),
                field=where,
                params={"maxLength": schema["maxLength"]},
            )
        ]
    if isinstance(value, str) and len(value) < schema.get("minLength", 0):
        return [Problem(N_("must not be empty"), field=where)]
    if _is_type(value, "integer") and not (
        schema.get("minimum", value) <= value <= schema.get("maximum", value)
    ):
        return [
            Problem(
                N_("{value} is not {minimum} to {maximum}"),
                field=where,
                params={"value": value, "minimum": schema["minimum"], "maximum": schema["maximum"]},
            )
        ]
    if isinstance(value, list):
        return _array_problems(value, schema, where)
    if isinstance(value, dict):
        return _object_problems(value, schema, where)
    return []


def _array_problems(value: list[Any], schema: Mapping[str, Any], where: str) -> list[Problem]:
    low, high = schema.get("minItems", 0), schema.get("maxItems", len(value))
    if not low <= len(value) <= high:
        return [
            Problem(
                N_("{count} items; {low} to {high} allowed"),
                field=where,
                params={"count": len(value), "low": low, "high": high},
            )
        ]
    problems: list[Problem] = []
    if "items" in schema:
        for index, item in enumerate(value):
            problems += shape_problems(item, schema["items"], f"{where}[{index}]")
    return problems


def _object_problems(value: dict[str, Any], schema: Mapping[str, Any], where: str) -> list[Problem]:
    properties = schema.get("properties", {})
    problems = [
        Problem(N_("missing"), field=f"{where}.{k}")
        for k in schema.get("required", ())
        if k not in value
    ]
    for key, item in value.items():
        if key in properties:
            problems += shape_problems(item, properties[key], f"{where}.{key}")
        elif schema.get("additionalProperties") is False:
            problems.append(Problem(N_("unknown field"), field=f"{where}.{key}"))
    return problems


def _is_type(value: Any, json_type: str) -> bool:
    if isinstance(value, bool) and json_type == "integer":
        return False  # true and false are not numbers here, though Python says so
    return isinstance(value, _JSON_TYPES[json_type])


def short_repr(value: Any) -> str:
    """A value as a message quotes it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
