"""The lifecycle table: its messages, the replay of a history, and its copy in the docs."""

from __future__ import annotations

import pytest

from pcc_cases.domain.errors import IllegalTransitionError
from pcc_cases.domain.events import EventKind as K
from pcc_cases.domain.lifecycle import CaseState as S
from pcc_cases.domain.lifecycle import check_transition, replay, transition_rows
from tests.docs_text import DOCS


@pytest.mark.parametrize(
    ("kind", "current", "target", "message"),
    [
        (
            K.CLOSED,
            S.REPORTED,
            S.CLOSED,
            "cannot close a case that is reported; allowed when the case is decided",
        ),
        (
            K.OBJECTION_FILED,
            S.ASSESSED,
            S.UNDER_REVIEW,
            "cannot file an objection against a case that is assessed; allowed when the case is decided, closed",
        ),
        (K.RECORDED, S.REPORTED, S.REPORTED, "cannot record a case that is reported"),
        (
            K.CLOSED,
            S.DECIDED,
            S.DISMISSED,
            "cannot close a case: it would lead from decided to dismissed",
        ),
        (
            K.ASSESSED,
            S.DECIDED,
            S.ASSESSED,
            "cannot assess a case that is decided; allowed when the case is reported, under investigation, assessed, under review (objection)",
        ),
    ],
)
def test_a_refused_change_says_what_and_when_it_is_allowed(
    kind: K, current: S, target: S, message: str
) -> None:
    with pytest.raises(IllegalTransitionError) as refused:
        check_transition(kind, current, target)
    assert refused.value.message == message


def test_every_allowed_change_passes() -> None:
    from pcc_cases.domain.lifecycle import TRANSITIONS

    for kind, allowed in TRANSITIONS.items():
        for current, targets in allowed.items():
            for target in targets:
                check_transition(kind, current, target)


def test_a_history_replays_to_its_last_state() -> None:
    history = [
        (K.RECORDED, S.REPORTED),
        (K.ASSESSED, S.ASSESSED),
        (K.DECIDED, S.DECIDED),
        (K.CLOSED, S.CLOSED),
        (K.OBJECTION_FILED, S.UNDER_REVIEW),
        (K.OBJECTION_REJECTED, S.CLOSED),
    ]
    assert replay(history) is S.CLOSED
    assert replay(history[:1]) is S.REPORTED


@pytest.mark.parametrize(
    ("history", "message"),
    [
        ([], "an empty history has no state"),
        ([(K.ASSESSED, S.ASSESSED)], "a case history must start with 'recorded'"),
        ([(K.RECORDED, S.ASSESSED)], "a case history must start with 'recorded'"),
        (
            [(K.RECORDED, S.REPORTED), (K.RECORDED, S.REPORTED)],
            "cannot record a case that is reported",
        ),
        (
            [(K.RECORDED, S.REPORTED), (K.CLOSED, S.CLOSED)],
            "cannot close a case that is reported; allowed when the case is decided",
        ),
        (
            [(K.RECORDED, S.REPORTED), (K.INVESTIGATION_STARTED, S.ASSESSED)],
            "cannot start the investigation of a case: it would lead from reported to assessed",
        ),
    ],
)
def test_a_history_that_breaks_the_table_is_refused(
    history: list[tuple[K, S]], message: str
) -> None:
    with pytest.raises(IllegalTransitionError) as refused:
        replay(history)
    assert refused.value.message == message


def test_the_docs_show_the_lifecycle_table_exactly() -> None:
    text = (DOCS / "domain.md").read_text(encoding="utf-8")
    table = text.split("<!-- lifecycle-table -->")[1].split("<!-- /lifecycle-table -->")[0]
    rows = table.strip().splitlines()[2:]
    assert rows == ["| " + " | ".join(row) + " |" for row in transition_rows()]
