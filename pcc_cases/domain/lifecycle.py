"""The case lifecycle: which change is allowed in which state, as one table.

Kept apart from the aggregate so that the table can be shown in the docs and replayed
against a case's history to prove the stored state is the one its events lead to.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

from pcc_cases.domain.errors import IllegalTransitionError


class CaseState(enum.StrEnum):
    """Where a case is: reported, investigating, assessed, decided, closed, dismissed, review."""

    REPORTED = "reported"
    INVESTIGATING = "investigating"
    ASSESSED = "assessed"
    DECIDED = "decided"
    CLOSED = "closed"
    DISMISSED = "dismissed"
    UNDER_REVIEW = "under_review"


S = CaseState
OPEN_STATES = frozenset({S.REPORTED, S.INVESTIGATING, S.ASSESSED, S.DECIDED, S.UNDER_REVIEW})
EDITABLE_STATES = frozenset({S.REPORTED, S.INVESTIGATING, S.ASSESSED, S.UNDER_REVIEW})

TRANSITIONS: Mapping[str, Mapping[CaseState, frozenset[CaseState]]] = {
    # event kind -> {from state: the states it may lead to}
    "recorded": {},
    "investigation_started": {S.REPORTED: frozenset({S.INVESTIGATING})},
    "involvement_added": {s: frozenset({s, S.INVESTIGATING}) for s in EDITABLE_STATES},
    "involvement_removed": {s: frozenset({s, S.ASSESSED}) for s in EDITABLE_STATES},
    "clause_cited": {s: frozenset({s}) for s in EDITABLE_STATES},
    "clause_withdrawn": {s: frozenset({s}) for s in EDITABLE_STATES},
    "assessed": {
        s: frozenset({S.INVESTIGATING, S.ASSESSED})
        for s in (S.REPORTED, S.INVESTIGATING, S.ASSESSED, S.UNDER_REVIEW)
    },
    "severity_overridden": {
        s: frozenset({s}) for s in (S.INVESTIGATING, S.ASSESSED, S.UNDER_REVIEW)
    },
    "decided": {S.ASSESSED: frozenset({S.DECIDED}), S.DECIDED: frozenset({S.DECIDED})},
    "obligation_completed": {s: frozenset({s}) for s in (*OPEN_STATES, S.CLOSED)},
    "closed": {S.DECIDED: frozenset({S.CLOSED})},
    "dismissed": {s: frozenset({S.DISMISSED}) for s in OPEN_STATES},
    "objection_filed": {
        S.DECIDED: frozenset({S.UNDER_REVIEW}),
        S.CLOSED: frozenset({S.UNDER_REVIEW}),
    },
    "objection_upheld": {S.UNDER_REVIEW: frozenset({S.ASSESSED})},
    "objection_rejected": {S.UNDER_REVIEW: frozenset({S.DECIDED, S.CLOSED})},
}


ACTIONS = {
    "recorded": "record",
    "investigation_started": "start the investigation of",
    "involvement_added": "add a person to",
    "involvement_removed": "remove a person from",
    "clause_cited": "cite a clause in",
    "clause_withdrawn": "withdraw a clause from",
    "assessed": "assess",
    "severity_overridden": "override the severity of",
    "decided": "decide a step in",
    "obligation_completed": "complete an obligation of",
    "closed": "close",
    "dismissed": "dismiss",
    "objection_filed": "file an objection against",
    "objection_upheld": "uphold an objection in",
    "objection_rejected": "reject an objection in",
}


def check_transition(kind: str, current: CaseState, target: CaseState) -> None:
    """Raise unless an event of ``kind`` may move a case from ``current`` to ``target``."""
    allowed = TRANSITIONS[kind]
    if current not in allowed:
        states = ", ".join(s.value for s in sorted(allowed, key=list(CaseState).index))
        raise IllegalTransitionError(
            f"cannot {ACTIONS[kind]} a case that is {current.value}"
            + (f"; allowed when the case is {states}" if states else "")
        )
    if target not in allowed[current]:
        raise IllegalTransitionError(
            f"cannot {ACTIONS[kind]} a case: it would lead from {current.value} to {target.value}"
        )


def replay(events: Iterable[tuple[str, CaseState]]) -> CaseState:
    """The state that a history of (event kind, state after) leads to, checked step by step."""
    state: CaseState | None = None
    for kind, after in events:
        if state is None:
            if kind != "recorded" or after is not S.REPORTED:
                raise IllegalTransitionError("a case history must start with 'recorded'")
        else:
            check_transition(kind, state, after)
        state = after
    if state is None:
        raise IllegalTransitionError("an empty history has no state")
    return state
