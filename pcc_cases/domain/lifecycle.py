"""The case lifecycle: which change is allowed in which state, as one table.

Kept apart from the aggregate so that the table can be shown in the docs and replayed
against a case's history to prove the stored state is the one its events lead to.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

from pcc_cases.domain.errors import IllegalTransitionError
from pcc_cases.domain.events import EventKind
from pcc_cases.translation import N_, Phrase


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
K = EventKind
# How a person reads each state (English message ids; the catalogues translate them).
STATE_LABELS: Mapping[str, str] = {
    S.REPORTED: N_("reported"),
    S.INVESTIGATING: N_("under investigation"),
    S.ASSESSED: N_("assessed"),
    S.DECIDED: N_("decided"),
    S.CLOSED: N_("closed"),
    S.DISMISSED: N_("dismissed"),
    S.UNDER_REVIEW: N_("under review (objection)"),
}
OPEN_STATES = frozenset({S.REPORTED, S.INVESTIGATING, S.ASSESSED, S.DECIDED, S.UNDER_REVIEW})
EDITABLE_STATES = frozenset({S.REPORTED, S.INVESTIGATING, S.ASSESSED, S.UNDER_REVIEW})

TRANSITIONS: Mapping[EventKind, Mapping[CaseState, frozenset[CaseState]]] = {
    # event kind -> {from state: the states it may lead to}
    K.RECORDED: {},
    K.INVESTIGATION_STARTED: {S.REPORTED: frozenset({S.INVESTIGATING})},
    K.INVOLVEMENT_ADDED: {s: frozenset({s, S.INVESTIGATING}) for s in EDITABLE_STATES},
    K.INVOLVEMENT_REMOVED: {s: frozenset({s, S.ASSESSED}) for s in EDITABLE_STATES},
    K.CLAUSE_CITED: {s: frozenset({s}) for s in EDITABLE_STATES},
    K.CLAUSE_WITHDRAWN: {s: frozenset({s}) for s in EDITABLE_STATES},
    K.ASSESSED: {
        s: frozenset({S.INVESTIGATING, S.ASSESSED})
        for s in (S.REPORTED, S.INVESTIGATING, S.ASSESSED, S.UNDER_REVIEW)
    },
    K.SEVERITY_OVERRIDDEN: {
        s: frozenset({s}) for s in (S.INVESTIGATING, S.ASSESSED, S.UNDER_REVIEW)
    },
    K.DECIDED: {S.ASSESSED: frozenset({S.DECIDED}), S.DECIDED: frozenset({S.DECIDED})},
    K.OBLIGATION_COMPLETED: {s: frozenset({s}) for s in (*OPEN_STATES, S.CLOSED)},
    K.CLOSED: {S.DECIDED: frozenset({S.CLOSED})},
    K.DISMISSED: {s: frozenset({S.DISMISSED}) for s in OPEN_STATES},
    K.OBJECTION_FILED: {
        S.DECIDED: frozenset({S.UNDER_REVIEW}),
        S.CLOSED: frozenset({S.UNDER_REVIEW}),
    },
    K.OBJECTION_UPHELD: {S.UNDER_REVIEW: frozenset({S.ASSESSED})},
    K.OBJECTION_REJECTED: {S.UNDER_REVIEW: frozenset({S.DECIDED, S.CLOSED})},
    K.STEP_PREPARED: {S.ASSESSED: frozenset({S.ASSESSED}), S.DECIDED: frozenset({S.DECIDED})},
    K.HEARING_RECORDED: {S.ASSESSED: frozenset({S.ASSESSED}), S.DECIDED: frozenset({S.DECIDED})},
    K.TAKEDOWN_RECORDED: {s: frozenset({s}) for s in CaseState},
    K.LETTER_ISSUED: {s: frozenset({s}) for s in CaseState},
}


ACTIONS: Mapping[EventKind, str] = {
    K.RECORDED: N_("record"),
    K.INVESTIGATION_STARTED: N_("start the investigation of"),
    K.INVOLVEMENT_ADDED: N_("add a person to"),
    K.INVOLVEMENT_REMOVED: N_("remove a person from"),
    K.CLAUSE_CITED: N_("cite a clause in"),
    K.CLAUSE_WITHDRAWN: N_("withdraw a clause from"),
    K.ASSESSED: N_("assess"),
    K.SEVERITY_OVERRIDDEN: N_("override the severity of"),
    K.DECIDED: N_("decide a step in"),
    K.OBLIGATION_COMPLETED: N_("complete an obligation of"),
    K.CLOSED: N_("close"),
    K.DISMISSED: N_("dismiss"),
    K.OBJECTION_FILED: N_("file an objection against"),
    K.OBJECTION_UPHELD: N_("uphold an objection in"),
    K.OBJECTION_REJECTED: N_("reject an objection in"),
    K.STEP_PREPARED: N_("prepare a step in"),
    K.HEARING_RECORDED: N_("record a hearing in"),
    K.TAKEDOWN_RECORDED: N_("record the takedown of evidence in"),
    K.LETTER_ISSUED: N_("make a letter of"),
}


def transition_rows() -> list[tuple[str, str, str]]:
    """The table as (event kind, from states, to states) rows, for the docs.

    States a change may leave the case in are written "(unchanged)" where they are the
    state it started from, so that one row covers all the states with the same rule.
    """
    order = list(CaseState).index
    rows = []
    for kind, allowed in TRANSITIONS.items():
        groups: dict[str, list[CaseState]] = {}
        for current in sorted(allowed, key=order):
            targets = sorted(allowed[current], key=order)
            text = ", ".join("(unchanged)" if t is current else t.value for t in targets)
            groups.setdefault(text, []).append(current)
        if not groups:
            rows.append((kind.value, "(new case)", S.REPORTED.value))
        for text, froms in groups.items():
            rows.append((kind.value, ", ".join(f.value for f in froms), text))
    return rows


def check_transition(kind: EventKind, current: CaseState, target: CaseState) -> None:
    """Raise unless an event of ``kind`` may move a case from ``current`` to ``target``."""
    allowed = TRANSITIONS[kind]
    action, now = Phrase(ACTIONS[kind]), _state(current)
    if current not in allowed:
        states = tuple(_state(s) for s in sorted(allowed, key=list(CaseState).index))
        if not states:
            raise IllegalTransitionError(
                N_("cannot {action} a case that is {current}"), action=action, current=now
            )
        raise IllegalTransitionError(
            N_("cannot {action} a case that is {current}; allowed when the case is {states}"),
            action=action,
            current=now,
            states=states,
        )
    if target not in allowed[current]:
        raise IllegalTransitionError(
            N_("cannot {action} a case: it would lead from {current} to {target}"),
            action=action,
            current=now,
            target=_state(target),
        )


def _state(state: CaseState) -> Phrase:
    return Phrase(STATE_LABELS[state])


def replay(events: Iterable[tuple[EventKind, CaseState]]) -> CaseState:
    """The state that a history of (event kind, state after) leads to, checked step by step."""
    state: CaseState | None = None
    for kind, after in events:
        if state is None:
            if kind != K.RECORDED or after is not S.REPORTED:
                raise IllegalTransitionError(N_("a case history must start with 'recorded'"))
        else:
            check_transition(kind, state, after)
        state = after
    if state is None:
        raise IllegalTransitionError(N_("an empty history has no state"))
    return state
