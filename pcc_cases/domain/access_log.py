"""One line of the access log: who read or was refused what, and when.

The log answers a parent's or a court's question "who has looked at this file?", so every
read of a case's details and every refusal is kept, and never changed.
"""

from __future__ import annotations

import attrs
import pendulum


@attrs.define(slots=False, eq=False)
class AccessEntry:
    """An allowed read or a refused action, by an actor, on a case or a person."""

    at: pendulum.DateTime
    actor_id: str
    action: str
    allowed: bool
    case_number: str | None = None
    person_id: str | None = None
    detail: str | None = None
