"""The case lifecycle against a small model: illegal moves raise and change nothing,
every accepted change adds exactly one event, and replaying the history gives the state.

The model also knows what an expulsion needs first (preparation, a hearing of every
party, the Inspectie consulted) and that closing with open duties needs a reason.
"""

from __future__ import annotations

from collections.abc import Callable

import pendulum
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from pcc_cases.domain.errors import PccCasesError
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.lifecycle import CaseState, replay
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.snapshot import case_snapshot
from tests.builders import POLICY, PROTOCOL, a_case
from tests.strategies import factors

S = CaseState
T0 = pendulum.datetime(2026, 3, 2, 9, 0, tz="UTC")
OFFENDERS = ["s1", "s2"]
KINDS = {"s1": PersonKind.STUDENT, "s2": PersonKind.STUDENT}
PARTIES = ("student", "parents", "teachers")


class CaseLifecycle(RuleBasedStateMachine):
    """Model: the state, who is assessed, who has a standing decision, the state before review."""

    def __init__(self) -> None:
        super().__init__()
        self.case = a_case(
            occurred_at=T0,
            reported_at=T0,
            platform="tiktok",
            location="Alkmaar",
            summary="Filmpje over een docent",
            involvements=[("s1", "offender"), ("s2", "offender")],
            violations=[("s1", "1.3"), ("s2", "6.3")],
            person_kinds=KINDS,
            recorded_by="d",
        )
        self.state = S.REPORTED
        self.assessed: set[str] = set()
        self.decided: set[str] = set()
        self.before_review: CaseState | None = None
        self.prepared: set[str] = set()
        self.heard: dict[str, set[str]] = {o: set() for o in OFFENDERS}

    @initialize(start_assessed=st.booleans())
    def start(self, start_assessed: bool) -> None:
        """Half the runs start with both offenders assessed, so that they reach the later
        steps (an expulsion's preparation, hearing and decision) within their length.
        """
        if start_assessed:
            for offender in OFFENDERS:
                self.case.assess(offender, Factors(), PROTOCOL, POLICY, "d", T0)
            self.assessed, self.state = set(OFFENDERS), S.ASSESSED

    def attempt(
        self, legal: bool, action: Callable[[], object], new_state: CaseState | None = None
    ) -> bool:
        before, events = case_snapshot(self.case), len(self.case.events)
        try:
            action()
        except PccCasesError:
            assert not legal, "a legal change was refused"
            assert case_snapshot(self.case) == before, "a refused change left a trace"
            return False
        assert legal, f"an illegal change was accepted in {self.state}"
        assert len(self.case.events) == events + 1
        if new_state is not None:
            self.state = new_state
        return True

    @rule()
    def investigate(self) -> None:
        self.attempt(
            self.state is S.REPORTED,
            lambda: self.case.start_investigation("d", T0),
            S.INVESTIGATING,
        )

    @rule(offender=st.sampled_from(OFFENDERS), f=factors)
    def assess(self, offender: str, f: Factors) -> None:
        legal = self.state in (S.REPORTED, S.INVESTIGATING, S.ASSESSED, S.UNDER_REVIEW)
        done = self.assessed | {offender}
        target = S.ASSESSED if done == set(OFFENDERS) else S.INVESTIGATING
        if self.attempt(
            legal, lambda: self.case.assess(offender, f, PROTOCOL, POLICY, "d", T0), target
        ):
            self.assessed = done

    @rule(offender=st.sampled_from(OFFENDERS), level=st.integers(1, 4))
    def override(self, offender: str, level: int) -> None:
        legal = offender in self.assessed and self.state in (
            S.INVESTIGATING,
            S.ASSESSED,
            S.UNDER_REVIEW,
        )
        self.attempt(legal, lambda: self.case.override_severity(offender, level, "r", "d", T0))

    @rule(offender=st.sampled_from(OFFENDERS))
    def decide(self, offender: str) -> None:
        legal = self.state in (S.ASSESSED, S.DECIDED) and offender not in self.decided

        def act() -> None:
            assessment = self.case.assessment_of(offender)
            level = assessment.level if assessment else 1
            rec = POLICY.recommend(PersonKind.STUDENT, level, 0)
            days = 2 if rec.step in ("suspension", "internal-suspension") else None
            self.case.decide(
                offender_id=offender,
                offender_kind=PersonKind.STUDENT,
                step=rec.step,
                decider_id="d",
                decider_authority=4,
                prior_cases=0,
                policy=POLICY,
                at=T0,
                days=days,
            )

        if self.attempt(legal, act, S.DECIDED):
            self.decided.add(offender)

    @rule(offender=st.sampled_from(OFFENDERS))
    def prepare_expulsion(self, offender: str) -> None:
        legal = (
            self.state in (S.ASSESSED, S.DECIDED)
            and offender in self.assessed
            and offender not in self.prepared
        )
        if self.attempt(
            legal,
            lambda: self.case.prepare_step(
                offender, PersonKind.STUDENT, "expulsion", POLICY, "d", T0
            ),
        ):
            self.prepared.add(offender)

    @rule(
        offender=st.sampled_from(OFFENDERS),
        parties=st.just(set(PARTIES)) | st.sets(st.sampled_from(PARTIES), max_size=2),
    )
    def hear(self, offender: str, parties: set[str]) -> None:
        legal = self.state in (S.ASSESSED, S.DECIDED) and offender in self.prepared and parties
        if self.attempt(
            bool(legal),
            lambda: self.case.record_hearing(
                offender_id=offender,
                held_on=T0.date(),
                heard=sorted(parties),
                attendees="directeur, mentor",
                views="gehoord",
                ladder=POLICY.ladder(PersonKind.STUDENT),
                actor_id="d",
                at=T0,
            ),
        ):
            self.heard[offender] |= parties

    @rule(offender=st.sampled_from(OFFENDERS))
    def consult_inspectie(self, offender: str) -> None:
        """Complete the offender's consultation duty, when there is one still open."""
        seqs = [
            o.seq
            for o in self.case.obligations
            if o.kind == "consult-inspectie" and o.offender_id == offender and o.is_open
        ]
        if seqs:
            self.complete(seqs[0])

    @rule(offender=st.sampled_from(OFFENDERS))
    def expel(self, offender: str) -> None:
        consulted = [
            o.done_on is not None
            for o in self.case.obligations
            if o.kind == "consult-inspectie" and o.offender_id == offender
        ]
        legal = (
            self.state in (S.ASSESSED, S.DECIDED)
            and offender not in self.decided
            and offender in self.assessed
            and self.heard[offender] == set(PARTIES)
            and consulted == [True]
        )

        def act() -> None:
            self.case.decide(
                offender_id=offender,
                offender_kind=PersonKind.STUDENT,
                step="expulsion",
                decider_id="c",
                decider_authority=4,
                prior_cases=0,
                policy=POLICY,
                at=T0,
                reason="ernstig en herhaald",
            )

        if self.attempt(legal, act, S.DECIDED):
            self.decided.add(offender)

    @rule(with_reason=st.booleans())
    def close(self, with_reason: bool) -> None:
        duties_open = any(o.is_open for o in self.case.obligations)
        legal = (
            self.state is S.DECIDED
            and self.decided == set(OFFENDERS)
            and (with_reason or not duties_open)
        )
        reason = "afgehandeld" if with_reason else None
        self.attempt(legal, lambda: self.case.close("d", T0, reason), S.CLOSED)

    @rule(roll=st.integers(0, 9))
    def dismiss(self, roll: int) -> None:
        if roll:  # dismissing ends the run: tried one time in ten, so that runs go deep
            return
        legal = self.state not in (S.CLOSED, S.DISMISSED)
        self.attempt(legal, lambda: self.case.dismiss("d", T0, "ongegrond"), S.DISMISSED)

    @rule()
    def object(self) -> None:
        previous = self.state
        if self.attempt(
            self.state in (S.DECIDED, S.CLOSED),
            lambda: self.case.file_objection("d", T0, "bezwaar"),
            S.UNDER_REVIEW,
        ):
            self.before_review = previous

    @rule(upheld=st.booleans())
    def decide_objection(self, upheld: bool) -> None:
        legal = self.state is S.UNDER_REVIEW
        target = S.ASSESSED if upheld else self.before_review
        if (
            self.attempt(
                legal,
                lambda: self.case.decide_objection(
                    upheld,
                    "c",
                    T0,
                    "besluit",
                    reviewer_authority=5,
                    offender_kinds=KINDS,
                    policy=POLICY,
                ),
                target,
            )
            and upheld
        ):
            self.decided.clear()

    @rule(seq=st.integers(1, 14))
    def complete_obligation(self, seq: int) -> None:
        self.complete(seq)

    def complete(self, seq: int) -> None:
        legal = any(o.seq == seq and o.is_open for o in self.case.obligations) and (
            self.state is not S.DISMISSED
        )
        self.attempt(legal, lambda: self.case.complete_obligation(seq, "d", T0))

    @invariant()
    def state_matches_model_and_history(self) -> None:
        assert self.case.state is self.state
        assert replay((e.kind, e.state) for e in self.case.events) is self.case.state
        assert [e.seq for e in self.case.events] == list(range(1, len(self.case.events) + 1))


CaseLifecycle.TestCase.settings = settings(max_examples=300, stateful_step_count=50, deadline=None)
TestCaseLifecycle = CaseLifecycle.TestCase
