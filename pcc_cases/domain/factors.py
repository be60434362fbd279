"""The facts about an offence that make it graver or lighter (the assessment factors)."""

from __future__ import annotations

import enum

import attrs


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


@attrs.frozen
class Factors:
    """The assessment factors of one offender's part in a case."""

    reach: Reach = attrs.field(default=Reach.PRIVATE, converter=Reach)
    intent: Intent = attrs.field(default=Intent.NEGLIGENT, converter=Intent)
    harm: Harm = attrs.field(default=Harm.NONE, converter=Harm)
    confidential: bool = False
    criminal: bool = False
    removed_and_apologised: bool = False
