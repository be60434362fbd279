"""The facts about an offence that make it graver or lighter (the assessment factors)."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from pcc_cases.domain.checks import enum_value, flag


class Reach(enum.StrEnum):
    """How far the post travelled, in increasing order."""

    PRIVATE = "private"
    GROUP = "group"
    PUBLIC = "public"
    VIRAL = "viral"


class Intent(enum.StrEnum):
    """How deliberate it was, in increasing order."""

    ACCIDENTAL = "accidental"
    NEGLIGENT = "negligent"
    DELIBERATE = "deliberate"


class Harm(enum.StrEnum):
    """What it damaged, in increasing order."""

    NONE = "none"
    EMBARRASSMENT = "embarrassment"
    REPUTATION = "reputation"
    PERSON = "person"


def _flag(attribute: Any, value: Any) -> None:
    flag(value, attribute.name)


def _reach(value: Any) -> Reach:
    return enum_value(Reach, value, "reach")


def _intent(value: Any) -> Intent:
    return enum_value(Intent, value, "intent")


def _harm(value: Any) -> Harm:
    return enum_value(Harm, value, "harm")


@attrs.frozen
class Factors:
    """The assessment factors of one offender's part in a case."""

    reach: Reach = attrs.field(default=Reach.PRIVATE, converter=_reach)
    intent: Intent = attrs.field(default=Intent.NEGLIGENT, converter=_intent)
    harm: Harm = attrs.field(default=Harm.NONE, converter=_harm)
    confidential: bool = attrs.field(default=False, validator=lambda _s, a, v: _flag(a, v))
    criminal: bool = attrs.field(default=False, validator=lambda _s, a, v: _flag(a, v))
    removed_and_apologised: bool = attrs.field(
        default=False, validator=lambda _s, a, v: _flag(a, v)
    )
