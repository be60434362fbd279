"""The kinds of change a case's history records, and the version of each kind's data.

An event is never rewritten, so when the data an event kind carries changes shape, its
version number goes up and an upgrade function turns the previous shape into the new
one. Old events are then read (from the database or from an export) through
:func:`upgrade_event_data`, and the rest of the code sees one shape per kind.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.translation import N_


class EventKind(enum.StrEnum):
    """What happened to a case; one event of one kind per change."""

    RECORDED = "recorded"
    INVESTIGATION_STARTED = "investigation_started"
    INVOLVEMENT_ADDED = "involvement_added"
    INVOLVEMENT_REMOVED = "involvement_removed"
    CLAUSE_CITED = "clause_cited"
    CLAUSE_WITHDRAWN = "clause_withdrawn"
    ASSESSED = "assessed"
    SEVERITY_OVERRIDDEN = "severity_overridden"
    DECIDED = "decided"
    OBLIGATION_COMPLETED = "obligation_completed"
    CLOSED = "closed"
    DISMISSED = "dismissed"
    OBJECTION_FILED = "objection_filed"
    OBJECTION_UPHELD = "objection_upheld"
    OBJECTION_REJECTED = "objection_rejected"
    STEP_PREPARED = "step_prepared"
    HEARING_RECORDED = "hearing_recorded"
    TAKEDOWN_RECORDED = "takedown_recorded"
    LETTER_ISSUED = "letter_issued"


EventData = dict[str, Any]
Upgrade = Callable[[EventData], EventData]

# The current version of each kind's data. When a kind's data changes shape: raise its
# number here and add the upgrade from the previous version to UPGRADES (a test checks
# that every step from 1 to the current version has one).
DATA_VERSIONS: Mapping[EventKind, int] = {
    **dict.fromkeys(EventKind, 1),
    EventKind.DECIDED: 2,
    EventKind.CLOSED: 2,
    EventKind.OBJECTION_FILED: 2,
}


def _decided_days(data: EventData) -> EventData:
    """Version 2 names a measure's first and last school day; earlier ones had none."""
    return {**data, "first_day": None, "last_day": None}


def _closed_open_duties(data: EventData) -> EventData:
    """Version 2 lists the duties still open at closing; closing once required none."""
    return {**data, "open_duties": []}


def _objection_term(data: EventData) -> EventData:
    """Version 2 says whether the objection came after its term; none was kept before."""
    return {**data, "late": False, "term_ended_on": None}


# (kind, version) -> the function that turns data of that version into the next one.
UPGRADES: Mapping[tuple[EventKind, int], Upgrade] = {
    (EventKind.DECIDED, 1): _decided_days,
    (EventKind.CLOSED, 1): _closed_open_duties,
    (EventKind.OBJECTION_FILED, 1): _objection_term,
}


def upgrade_event_data(
    kind: EventKind,
    version: int,
    data: EventData,
    *,
    versions: Mapping[EventKind, int] = DATA_VERSIONS,
    upgrades: Mapping[tuple[EventKind, int], Upgrade] = UPGRADES,
) -> EventData:
    """The data of an event of ``kind`` stored at ``version``, in today's shape.

    Raises:
        InvalidInputError: a version below 1, or newer than this release knows (written
            by a later pcc_cases: upgrade the program before reading it).
    """
    current = versions[kind]
    if isinstance(version, bool) or not 1 <= version <= current:
        raise InvalidInputError(
            N_(
                "{kind} event data version {version!r} is not known; this release reads versions 1 "
                "to {current}"
            ),
            field="data_version",
            kind=kind.value,
            version=version,
            current=current,
        )
    for step in range(version, current):
        data = upgrades[(kind, step)](data)
    return data
