"""The case (zaak): one reported incident and everything that follows from it.

The aggregate root guards every invariant: who may be cited for what, which change is
allowed in which state, and that every change leaves exactly one event in the history.
Methods take the acting person's id and the instant from the caller (services inject a
clock), so the aggregate itself never reads the time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from pcc_cases.domain.case_parts import (
    Assessment,
    Decision,
    Event,
    Evidence,
    HeardParty,
    Hearing,
    Involvement,
    InvolvementRole,
    Obligation,
    Platform,
    Violation,
)
from pcc_cases.domain.checks import enum_value, required_text, text_value
from pcc_cases.domain.errors import (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    choices,
)
from pcc_cases.domain.events import DATA_VERSIONS, EventKind
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.letters import IssuedLetter, check_issued, issued_letters
from pcc_cases.domain.lifecycle import CaseState, check_transition
from pcc_cases.domain.measures import (
    is_prepared,
    measure_days,
    preparation_problems,
    prepared_steps,
    unheard_parties,
)
from pcc_cases.domain.people import AUTHORITY_RANK, PersonKind, check_person_id
from pcc_cases.domain.policy import (
    HEARD_PARTIES,
    HEARING_DUTY,
    MAX_LEVEL,
    Duty,
    Ladder,
    Policy,
    Recommendation,
    SeverityResult,
)
from pcc_cases.domain.protocol import Clause, Protocol
from pcc_cases.domain.time import as_utc, local_date, school_year_of
from pcc_cases.translation import N_

MAX_LOCATION = 100
MAX_SUMMARY = 4000
MAX_REASON = 2000


@attrs.define(slots=False, eq=False)
class Case:
    """One reported incident, the people involved, the clauses broken and what was done."""

    protocol_version: str
    occurred_at: pendulum.DateTime
    reported_at: pendulum.DateTime
    platform: Platform
    location: str
    summary: str
    state: CaseState = CaseState.REPORTED
    number: str | None = None
    evidence: list[Evidence] = attrs.field(factory=list)
    involvements: list[Involvement] = attrs.field(factory=list)
    violations: list[Violation] = attrs.field(factory=list)
    assessments: list[Assessment] = attrs.field(factory=list)
    decisions: list[Decision] = attrs.field(factory=list)
    obligations: list[Obligation] = attrs.field(factory=list)
    hearings: list[Hearing] = attrs.field(factory=list)
    events: list[Event] = attrs.field(factory=list)

    # ----------------------------------------------------------------- creation
    @classmethod
    def record(
        cls,
        *,
        protocol: Protocol,
        policy: Policy,
        occurred_at: dt.datetime,
        reported_at: dt.datetime,
        platform: str,
        location: str,
        summary: str,
        involvements: Sequence[tuple[str, str]],
        violations: Sequence[tuple[str, str]],
        person_kinds: Mapping[str, PersonKind],
        recorded_by: str,
        evidence: Sequence[Evidence] = (),
    ) -> Case:
        """A new case in state 'reported', validated as a whole before anything exists."""
        occurred, reported = as_utc(occurred_at), as_utc(reported_at)
        if occurred > reported:
            raise InvalidInputError(
                N_(
                    "{value} is after the report ({value2}); an incident cannot be reported before "
                    "it happened"
                ),
                field="occurred_at",
                value=occurred.to_iso8601_string(),
                value2=reported.to_iso8601_string(),
            )
        case = cls(
            protocol_version=protocol.version,
            occurred_at=occurred,
            reported_at=reported,
            platform=enum_value(Platform, platform, "platform"),
            location=required_text(location, "location", MAX_LOCATION, one_line=True),
            summary=required_text(summary, "summary", MAX_SUMMARY),
            evidence=list(evidence),
        )
        for person_id, role in involvements:
            case._add_involvement(person_id, enum_value(InvolvementRole, role, "role"))
        if not case.offender_ids:
            raise InvalidInputError(N_("a case needs at least one offender"), field="involvements")
        clauses_cited = []
        for offender_id, clause_id in violations:
            clause = protocol.citable_clause(clause_id)
            case._add_violation(offender_id, clause, person_kinds)
            clauses_cited.append(clause.id)
        for offender_id in case.offender_ids:
            if not case.clauses_of(offender_id):
                raise InvalidInputError(
                    N_("offender {offender_id} has no clause cited; cite at least one"),
                    field="violations",
                    offender_id=offender_id,
                )
        case._append(
            EventKind.RECORDED,
            recorded_by,
            reported,
            CaseState.REPORTED,
            None,
            {
                "involvements": [[i.person_id, i.role.value] for i in case.involvements],
                "violations": [[v.offender_id, v.clause_id] for v in case.violations],
            },
        )
        for clause_id in dict.fromkeys(clauses_cited):
            case._create_obligations(policy, f"clause:{clause_id}", None, None, reported)
        for target_id in case.target_ids:
            case._create_care_duties(policy, "target:recorded", target_id, person_kinds, reported)
        return case

    # ---------------------------------------------------------------- reading
    @property
    def offender_ids(self) -> list[str]:
        return [i.person_id for i in self.involvements if i.role is InvolvementRole.OFFENDER]

    @property
    def target_ids(self) -> list[str]:
        return [i.person_id for i in self.involvements if i.role is InvolvementRole.TARGET]

    @property
    def person_ids(self) -> list[str]:
        return list(dict.fromkeys(i.person_id for i in self.involvements))

    def clauses_of(self, offender_id: str) -> list[str]:
        return [v.clause_id for v in self.violations if v.offender_id == offender_id]

    def assessment_of(self, offender_id: str) -> Assessment | None:
        for assessment in self.assessments:
            if assessment.offender_id == offender_id:
                return assessment
        return None

    def assessed(self, offender_id: str, *, deciding: bool = False) -> Assessment:
        """The offender's assessment, which the next step needs.

        Raises:
            NotFoundError: the person is not an offender in this case.
            InvalidInputError: the offender has not been assessed yet.
        """
        self._require_offender(offender_id)
        assessment = self.assessment_of(offender_id)
        if assessment is None:
            raise InvalidInputError(
                N_("offender {offender_id} has not been assessed yet; assess before deciding")
                if deciding
                else N_("offender {offender_id} has not been assessed yet"),
                field="offender",
                offender_id=offender_id,
            )
        return assessment

    def decision_of(self, offender_id: str) -> Decision | None:
        """The offender's standing decision (revoked ones stay in the file but do not count)."""
        for decision in reversed(self.decisions):
            if decision.offender_id == offender_id and not decision.revoked:
                return decision
        return None

    def obligation(self, seq: int) -> Obligation:
        for obligation in self.obligations:
            if obligation.seq == seq:
                return obligation
        raise NotFoundError(
            N_("case {value} has no obligation {seq}; it has {value2}"),
            value=self.number or "(new)",
            seq=seq,
            value2=", ".join(str(o.seq) for o in self.obligations) or "none",
        )

    @property
    def severity(self) -> int | None:
        """The case's severity: the highest level among its assessed offenders."""
        levels = [a.level for a in self.assessments]
        return max(levels) if levels else None

    @property
    def school_year(self) -> int:
        """First calendar year of the school year in which the incident happened."""
        return school_year_of(local_date(self.occurred_at))

    # ---------------------------------------------------------------- changes
    def start_investigation(
        self, actor_id: str, at: dt.datetime, reason: str | None = None
    ) -> None:
        self._change(
            EventKind.INVESTIGATION_STARTED, actor_id, at, CaseState.INVESTIGATING, reason, {}
        )

    def add_involvement(
        self,
        person_id: str,
        role: str,
        actor_id: str,
        at: dt.datetime,
        reason: str | None = None,
        *,
        policy: Policy,
        person_kinds: Mapping[str, PersonKind],
    ) -> None:
        """Add a person; a new offender sends an assessed case back to investigation, and a
        new target gets the policy's care duties.
        """
        role_enum = enum_value(InvolvementRole, role, "role")
        target = self.state
        if role_enum is InvolvementRole.OFFENDER and self.state is CaseState.ASSESSED:
            target = CaseState.INVESTIGATING
        check_transition(EventKind.INVOLVEMENT_ADDED, self.state, target)
        self._add_involvement(person_id, role_enum)
        self._append(
            EventKind.INVOLVEMENT_ADDED,
            actor_id,
            at,
            target,
            reason,
            {"person_id": person_id, "role": role_enum.value},
        )
        if role_enum is InvolvementRole.TARGET:
            self._create_care_duties(policy, "target:recorded", person_id, person_kinds, as_utc(at))

    def remove_involvement(
        self, person_id: str, role: str, actor_id: str, at: dt.datetime, reason: str
    ) -> None:
        """Remove a person's part; an offender's clauses and assessment go with them."""
        role_enum = enum_value(InvolvementRole, role, "role")
        found = [i for i in self.involvements if i.person_id == person_id and i.role is role_enum]
        if not found:
            raise NotFoundError(
                N_("person {person_id} is not involved as {role_enum}"),
                person_id=person_id,
                role_enum=role_enum.value,
            )
        reason = required_text(reason, "reason", MAX_REASON)
        target = self.state
        if role_enum is InvolvementRole.OFFENDER:
            if self.offender_ids == [person_id]:
                raise InvalidInputError(
                    N_("cannot remove the only offender; dismiss the case instead"),
                    field="involvements",
                )
            if self.decision_of(person_id):
                raise InvalidInputError(
                    N_("offender {person_id} has a decision; file an objection first"),
                    field="involvements",
                    person_id=person_id,
                )
            others = [o for o in self.offender_ids if o != person_id]
            if self.state is CaseState.INVESTIGATING and all(self.assessment_of(o) for o in others):
                target = CaseState.ASSESSED
        check_transition(EventKind.INVOLVEMENT_REMOVED, self.state, target)
        self.involvements.remove(found[0])
        if role_enum is InvolvementRole.OFFENDER:
            self.violations[:] = [v for v in self.violations if v.offender_id != person_id]
            self.assessments[:] = [a for a in self.assessments if a.offender_id != person_id]
        self._append(
            EventKind.INVOLVEMENT_REMOVED,
            actor_id,
            at,
            target,
            reason,
            {"person_id": person_id, "role": role_enum.value},
        )

    def cite(
        self,
        offender_id: str,
        clause_id: str,
        protocol: Protocol,
        person_kinds: Mapping[str, PersonKind],
        policy: Policy,
        actor_id: str,
        at: dt.datetime,
        reason: str | None = None,
    ) -> None:
        """Cite one more clause against an offender; an existing assessment is recomputed."""
        check_transition(EventKind.CLAUSE_CITED, self.state, self.state)
        clause = protocol.citable_clause(clause_id, self.protocol_version)
        if clause.id in self.clauses_of(offender_id):
            raise InvalidInputError(
                N_("clause {clause_id} is already cited against {offender_id}"),
                field="violations",
                clause_id=clause.id,
                offender_id=offender_id,
            )
        self._add_violation(offender_id, clause, person_kinds)
        level = self._recompute(offender_id, protocol, policy)
        self._append(
            EventKind.CLAUSE_CITED,
            actor_id,
            at,
            self.state,
            reason,
            {"offender_id": offender_id, "clause_id": clause.id, "level": level},
        )
        self._create_obligations(policy, f"clause:{clause.id}", None, None, as_utc(at))

    def withdraw(
        self,
        offender_id: str,
        clause_id: str,
        protocol: Protocol,
        policy: Policy,
        actor_id: str,
        at: dt.datetime,
        reason: str,
    ) -> None:
        """Withdraw a cited clause; the offender must keep at least one."""
        check_transition(EventKind.CLAUSE_WITHDRAWN, self.state, self.state)
        cited = self.clauses_of(offender_id)
        if clause_id not in cited:
            raise NotFoundError(
                N_("clause {clause_id} is not cited against {offender_id}; cited: {value}"),
                field="violations",
                clause_id=clause_id,
                offender_id=offender_id,
                value=", ".join(cited) or "none",
            )
        if len(cited) == 1:
            raise InvalidInputError(
                N_(
                    "{clause_id} is the only clause cited against {offender_id}; remove the "
                    "offender's involvement instead"
                ),
                field="violations",
                clause_id=clause_id,
                offender_id=offender_id,
            )
        reason = required_text(reason, "reason", MAX_REASON)
        self.violations[:] = [
            v
            for v in self.violations
            if not (v.offender_id == offender_id and v.clause_id == clause_id)
        ]
        level = self._recompute(offender_id, protocol, policy)
        self._append(
            EventKind.CLAUSE_WITHDRAWN,
            actor_id,
            at,
            self.state,
            reason,
            {"offender_id": offender_id, "clause_id": clause_id, "level": level},
        )

    def severity_of(
        self, offender_id: str, factors: Factors, protocol: Protocol, policy: Policy
    ) -> SeverityResult:
        """The level the factors give with the clauses cited against the offender, and why."""
        clauses = [protocol.clause(c) for c in self.clauses_of(offender_id)]
        return policy.severity.assess(clauses, factors)

    def assess(
        self,
        offender_id: str,
        factors: Factors,
        protocol: Protocol,
        policy: Policy,
        actor_id: str,
        at: dt.datetime,
    ) -> Assessment:
        """Compute the offender's severity from the cited clauses and the factors."""
        self._require_offender(offender_id)
        result = self.severity_of(offender_id, factors, protocol, policy)
        existing = self.assessment_of(offender_id)
        was_criminal = existing is not None and existing.criminal
        others_done = all(self.assessment_of(o) for o in self.offender_ids if o != offender_id)
        target = CaseState.ASSESSED if others_done else CaseState.INVESTIGATING
        check_transition(EventKind.ASSESSED, self.state, target)
        when = as_utc(at)
        if existing is None:
            assessment = Assessment.of(offender_id, factors, result.level, actor_id, when)
            self.assessments.append(assessment)
        else:
            # Updated in place so the stored row keeps its identity; earlier factors stay
            # readable in the history.
            assessment = existing
            assessment.reassess(factors, result.level, actor_id, when)
        self._append(
            EventKind.ASSESSED,
            actor_id,
            when,
            target,
            None,
            {
                "offender_id": offender_id,
                "factors": _factors_data(factors),
                "level": result.level,
                "reasons": list(result.reasons),
            },
        )
        if factors.criminal and not was_criminal:
            self._create_obligations(policy, "fact:criminal", None, offender_id, when)
        return assessment

    def override_severity(
        self, offender_id: str, level: int, reason: str, actor_id: str, at: dt.datetime
    ) -> None:
        """A director sets the level by hand; the reason is kept beside the computed level."""
        assessment = self.assessed(offender_id)
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
            raise InvalidInputError(
                N_("{level!r} is not 1, 2, 3 or 4"), field="override level", level=level
            )
        reason = required_text(reason, "reason", MAX_REASON)
        check_transition(EventKind.SEVERITY_OVERRIDDEN, self.state, self.state)
        assessment.override_level = level
        assessment.override_reason = reason
        self._append(
            EventKind.SEVERITY_OVERRIDDEN,
            actor_id,
            at,
            self.state,
            reason,
            {
                "offender_id": offender_id,
                "computed_level": assessment.computed_level,
                "level": level,
            },
        )

    def prior_window(self, policy: Policy) -> tuple[pendulum.DateTime, pendulum.DateTime]:
        """The period in which an offender's earlier decided cases count for a recommendation."""
        return self.occurred_at.subtract(days=policy.lookback_days), self.occurred_at

    def recommendation(
        self, offender_id: str, offender_kind: PersonKind, prior_cases: int, policy: Policy
    ) -> Recommendation:
        """The policy's step for an assessed offender, given their earlier decided cases."""
        level = self.assessed(offender_id, deciding=True).level
        return policy.recommend(offender_kind, level, prior_cases)

    def decide(
        self,
        *,
        offender_id: str,
        offender_kind: PersonKind,
        step: str,
        decider_id: str,
        decider_authority: int,
        prior_cases: int,
        policy: Policy,
        at: dt.datetime,
        days: int | None = None,
        reason: str | None = None,
        first_day: dt.date | None = None,
        person_kinds: Mapping[str, PersonKind] | None = None,
    ) -> Decision:
        """Take an escalation step for an offender, with its legal duties as obligations.

        The recommendation is computed here, from the offender's assessment and the
        number of earlier decided cases the caller counted (see :meth:`prior_window`). A
        measure with a length runs from ``first_day`` (default: the next school day) to
        a last day the school calendar gives. A step that must be prepared (an
        expulsion) is refused until its hearing and prior duties are done. The targets
        get their care duties (``person_kinds`` says whether each is student or staff).
        """
        recommendation = self.recommendation(offender_id, offender_kind, prior_cases, policy)
        check_transition(EventKind.DECIDED, self.state, CaseState.DECIDED)
        ladder = policy.ladder(offender_kind)
        chosen = ladder.step(step)
        needed = AUTHORITY_RANK[chosen.authority]
        if decider_authority < needed:
            raise PermissionDeniedError(
                N_("step {name} must be decided by at least a {authority}"),
                name=chosen.name,
                authority=chosen.authority.value,
            )
        if self.decision_of(offender_id) is not None:
            raise InvalidInputError(
                N_(
                    "offender {offender_id} already has a decision in this case; file an objection "
                    "to revise it"
                ),
                field="offender",
                offender_id=offender_id,
            )
        if chosen.has_length:
            low, high = chosen.min_days or 1, chosen.max_days
            if days is None or isinstance(days, bool) or days < low or (high and days > high):
                limit = f"{low} to {high}" if high else f"at least {low}"
                raise InvalidInputError(
                    N_("step {name} needs a length of {limit} school days, got {days!r}"),
                    field="days",
                    name=chosen.name,
                    limit=limit,
                    days=days,
                )
        elif days is not None or first_day is not None:
            raise InvalidInputError(
                N_("step {name} has no length in days"), field="days", name=chosen.name
            )
        missing = preparation_problems(
            chosen, offender_id, self.events, self.hearings, self.obligations
        )
        if missing:
            raise InvalidInputError(
                N_("{step} cannot be decided for {offender_id} yet: {missing}"),
                field="step",
                step=chosen,
                offender_id=offender_id,
                missing=missing,
            )
        reason = text_value(reason, "reason", MAX_REASON, required=False)
        if ladder.index(chosen.name) > ladder.index(recommendation.step) and not reason:
            raise InvalidInputError(
                N_("step {name} is above the recommended {step}; give a reason"),
                field="reason",
                name=chosen.name,
                step=recommendation.step,
            )
        when = as_utc(at)
        first = last = None
        if chosen.has_length and days is not None:
            first, last = measure_days(policy.calendar, chosen, local_date(when), days, first_day)
        decision = Decision(
            offender_id=offender_id,
            step=chosen.name,
            decided_by=decider_id,
            decided_at=when,
            recommended_step=recommendation.step,
            days=days,
            reason=reason,
            first_day=first,
            last_day=last,
        )
        self.decisions.append(decision)
        self._append(
            EventKind.DECIDED,
            decider_id,
            when,
            CaseState.DECIDED,
            reason,
            {
                "offender_id": offender_id,
                "step": chosen.name,
                "days": days,
                "recommended_step": recommendation.step,
                "first_day": first.isoformat() if first else None,
                "last_day": last.isoformat() if last else None,
            },
        )
        self._create_obligations(
            policy, f"step:{chosen.name}", offender_kind, offender_id, when, days
        )
        for target_id in self.target_ids:
            self._create_care_duties(policy, "target:decided", target_id, person_kinds or {}, when)
        return decision

    def prepare_step(
        self,
        offender_id: str,
        offender_kind: PersonKind,
        step: str,
        policy: Policy,
        actor_id: str,
        at: dt.datetime,
        reason: str | None = None,
    ) -> None:
        """Start what must come before a step that needs it (an expulsion: the hearing,
        the Inspectie's consultation); its duties become obligations.
        """
        self.assessed(offender_id)
        chosen = policy.ladder(offender_kind).step(step)
        if not chosen.prepared:
            raise InvalidInputError(
                N_("step {step} needs no preparation; decide it directly"),
                field="step",
                step=chosen,
            )
        if is_prepared(self.events, offender_id, chosen.name):
            raise InvalidInputError(
                N_("the {step} of {offender_id} is already being prepared"),
                field="step",
                step=chosen,
                offender_id=offender_id,
            )
        check_transition(EventKind.STEP_PREPARED, self.state, self.state)
        when = as_utc(at)
        self._append(
            EventKind.STEP_PREPARED,
            actor_id,
            when,
            self.state,
            text_value(reason, "reason", MAX_REASON, required=False),
            {"offender_id": offender_id, "step": chosen.name},
        )
        self._create_obligations(policy, f"prepare:{chosen.name}", offender_kind, offender_id, when)

    def record_hearing(
        self,
        *,
        offender_id: str,
        held_on: dt.date,
        heard: Sequence[str],
        attendees: str,
        views: str,
        ladder: Ladder,
        actor_id: str,
        at: dt.datetime,
    ) -> Hearing:
        """Record a hearing of the student, the parents and/or the teachers before a
        prepared step; once every party the step needs is heard, its hearing duty is done.
        """
        self._require_offender(offender_id)
        if not prepared_steps(self.events, offender_id):
            raise InvalidInputError(
                N_("no step is being prepared for {offender_id}; prepare it first"),
                field="offender",
                offender_id=offender_id,
            )
        parties = [enum_value(HeardParty, p, "heard").value for p in heard]
        if not parties:
            raise InvalidInputError(
                N_("say who was heard: {parties}"), field="heard", parties=choices(HEARD_PARTIES)
            )
        when = as_utc(at)
        if held_on > local_date(when):
            raise InvalidInputError(
                N_("{held_on} is in the future"), field="held_on", held_on=held_on
            )
        check_transition(EventKind.HEARING_RECORDED, self.state, self.state)
        hearing = Hearing(
            offender_id=offender_id,
            held_on=held_on,
            student_heard="student" in parties,
            parents_heard="parents" in parties,
            teachers_heard="teachers" in parties,
            attendees=required_text(attendees, "attendees", MAX_REASON),
            views=required_text(views, "views", MAX_SUMMARY),
            recorded_by=actor_id,
            recorded_at=when,
        )
        self.hearings.append(hearing)
        completes = self._complete_hearing_duties(ladder, offender_id, held_on, actor_id)
        self._append(
            EventKind.HEARING_RECORDED,
            actor_id,
            when,
            self.state,
            None,
            {
                "offender_id": offender_id,
                "held_on": held_on.isoformat(),
                "heard": hearing.parties,
                "attendees": hearing.attendees,
                "views": hearing.views,
                "completes": completes,
            },
        )
        return hearing

    def record_takedown(
        self,
        evidence_no: int,
        actor_id: str,
        at: dt.datetime,
        *,
        asked_on: dt.date | None = None,
        removed_on: dt.date | None = None,
    ) -> Evidence:
        """Record that the platform or the poster was asked to take a post down, and/or
        that it was removed, with the dates.
        """
        if not 1 <= evidence_no <= len(self.evidence):
            raise NotFoundError(
                N_("case {value} has no evidence {evidence_no}; it has {count}"),
                field="evidence",
                value=self.number or "(new)",
                evidence_no=evidence_no,
                count=len(self.evidence),
            )
        if asked_on is None and removed_on is None:
            raise InvalidInputError(
                N_("give the day the takedown was asked, the day the post was removed, or both"),
                field="takedown",
            )
        when = as_utc(at)
        for name, value in (("asked_on", asked_on), ("removed_on", removed_on)):
            if value is not None and value > local_date(when):
                raise InvalidInputError(N_("{day} is in the future"), field=name, day=value)
        check_transition(EventKind.TAKEDOWN_RECORDED, self.state, self.state)
        evidence = self.evidence[evidence_no - 1]
        if asked_on is not None:
            evidence.takedown_asked_on = asked_on
        if removed_on is not None:
            evidence.removed_on = removed_on
        self._append(
            EventKind.TAKEDOWN_RECORDED,
            actor_id,
            when,
            self.state,
            None,
            {
                "evidence": evidence_no,
                "asked_on": asked_on.isoformat() if asked_on else None,
                "removed_on": removed_on.isoformat() if removed_on else None,
            },
        )
        return evidence

    @property
    def letters(self) -> list[IssuedLetter]:
        """Every letter made for the case's duties, oldest first (kept as a hash)."""
        return issued_letters(self.events)

    def issue_letter(self, letter: IssuedLetter) -> Obligation:
        """Keep a letter made for a duty: its hash, date and language; with ``sent_on``,
        the day it was sent, which also marks the duty done (if it was still open).
        """
        obligation = self.obligation(letter.seq)
        when = as_utc(letter.issued_at)
        check_issued(letter, obligation, self.hearings, local_date(when))
        check_transition(EventKind.LETTER_ISSUED, self.state, self.state)
        if letter.sent_on is not None and obligation.is_open:
            obligation.done_on, obligation.done_by = letter.sent_on, letter.issued_by
        self._append(
            EventKind.LETTER_ISSUED, letter.issued_by, when, self.state, None, letter.data()
        )
        return obligation

    def complete_obligation(
        self, seq: int, actor_id: str, at: dt.datetime, done_on: dt.date | None = None
    ) -> Obligation:
        obligation = self.obligation(seq)
        if obligation.is_term:
            raise InvalidInputError(
                N_("obligation {seq} is a term that ends on {due_on}; there is nothing to do"),
                field="obligation",
                seq=seq,
                due_on=obligation.due_on,
            )
        if obligation.done_on is not None:
            raise InvalidInputError(
                N_("obligation {seq} ({kind}) was already done on {done_on}"),
                seq=seq,
                kind=obligation.kind,
                done_on=obligation.done_on,
            )
        check_transition(EventKind.OBLIGATION_COMPLETED, self.state, self.state)
        when = as_utc(at)
        done = done_on or local_date(when)
        if done > local_date(when):
            raise InvalidInputError(N_("{done} is in the future"), field="done_on", done=done)
        obligation.done_on, obligation.done_by = done, actor_id
        self._append(
            EventKind.OBLIGATION_COMPLETED,
            actor_id,
            when,
            self.state,
            None,
            {"seq": seq, "kind": obligation.kind, "done_on": done.isoformat()},
        )
        return obligation

    def close(self, actor_id: str, at: dt.datetime, reason: str | None = None) -> None:
        """Close a decided case; every offender must have a decision. With legal duties
        still open, a reason is required, and the refusal lists the open duties.
        """
        check_transition(EventKind.CLOSED, self.state, CaseState.CLOSED)
        missing = [o for o in self.offender_ids if self.decision_of(o) is None]
        if missing:
            raise InvalidInputError(
                N_("cannot close: no decision yet for offender(s) {missing}"),
                missing=", ".join(missing),
            )
        reason = text_value(reason, "reason", MAX_REASON, required=False)
        still_open = [o for o in self.obligations if o.is_open]
        if still_open and not reason:
            raise InvalidInputError(
                N_("cannot close without a reason while duties are open: {duties}"),
                field="reason",
                duties=tuple(
                    Problem(
                        N_("{seq} ({kind}, due {due_on})"),
                        params={"seq": o.seq, "kind": o.kind, "due_on": o.due_on},
                    )
                    for o in still_open
                ),
            )
        self._append(
            EventKind.CLOSED,
            actor_id,
            at,
            CaseState.CLOSED,
            reason,
            {"open_duties": [o.seq for o in still_open]},
        )

    def dismiss(self, actor_id: str, at: dt.datetime, reason: str) -> None:
        """The report was unfounded; a reason is required."""
        reason = required_text(reason, "reason", MAX_REASON)
        check_transition(EventKind.DISMISSED, self.state, CaseState.DISMISSED)
        self._append(EventKind.DISMISSED, actor_id, at, CaseState.DISMISSED, reason, {})

    def file_objection(self, actor_id: str, at: dt.datetime, reason: str) -> None:
        """Bezwaar: reopens a decided or closed case for review. An objection after the
        term (six weeks from the decision) is taken and marked late, not refused: whether
        a late objection is excusable (Awb 6:11) is for the reviewer to judge.
        """
        reason = required_text(reason, "reason", MAX_REASON)
        check_transition(EventKind.OBJECTION_FILED, self.state, CaseState.UNDER_REVIEW)
        terms = [
            o.due_on
            for o in self.obligations
            if o.is_term
            and any(d.offender_id == o.offender_id and not d.revoked for d in self.decisions)
        ]
        term_ended_on = max(terms) if terms else None
        self._append(
            EventKind.OBJECTION_FILED,
            actor_id,
            at,
            CaseState.UNDER_REVIEW,
            reason,
            {
                "previous_state": self.state.value,
                "late": term_ended_on is not None and local_date(as_utc(at)) > term_ended_on,
                "term_ended_on": term_ended_on.isoformat() if term_ended_on else None,
            },
        )

    def authority_to_review(self, offender_kinds: Mapping[str, PersonKind], policy: Policy) -> int:
        """The authority an objection needs: that of the highest standing decision's step."""
        return max(
            (
                AUTHORITY_RANK[policy.ladder(offender_kinds[d.offender_id]).step(d.step).authority]
                for d in self.decisions
                if not d.revoked
            ),
            default=0,
        )

    def decide_objection(
        self,
        upheld: bool,
        actor_id: str,
        at: dt.datetime,
        reason: str,
        *,
        reviewer_authority: int,
        offender_kinds: Mapping[str, PersonKind],
        policy: Policy,
    ) -> None:
        """Upheld: the decisions are revoked and the case is assessed again. Rejected: back.

        Only someone with at least the authority of every standing decision may review.
        """
        if reviewer_authority < self.authority_to_review(offender_kinds, policy):
            raise PermissionDeniedError(
                N_("{actor_id} may not review decisions that needed more authority than theirs"),
                actor_id=actor_id,
            )
        reason = required_text(reason, "reason", MAX_REASON)
        if upheld:
            check_transition(EventKind.OBJECTION_UPHELD, self.state, CaseState.ASSESSED)
            revoked = []
            for decision in self.decisions:
                if not decision.revoked:
                    decision.revoked = True
                    revoked.append(decision.offender_id)
            self._append(
                EventKind.OBJECTION_UPHELD,
                actor_id,
                at,
                CaseState.ASSESSED,
                reason,
                {"revoked_for": revoked},
            )
            return
        previous = CaseState(self._last_event(EventKind.OBJECTION_FILED).data["previous_state"])
        check_transition(EventKind.OBJECTION_REJECTED, self.state, previous)
        self._append(EventKind.OBJECTION_REJECTED, actor_id, at, previous, reason, {})

    # ---------------------------------------------------------------- internal
    def _require_offender(self, offender_id: str) -> None:
        if offender_id not in self.offender_ids:
            raise NotFoundError(
                N_("{offender_id!r} is not an offender in this case; offenders: {offender_ids}"),
                field="offender",
                offender_id=offender_id,
                offender_ids=", ".join(self.offender_ids),
            )

    def _add_involvement(self, person_id: str, role: InvolvementRole) -> None:
        check_person_id(person_id, f"{role.value} id")
        if any(i.person_id == person_id and i.role is role for i in self.involvements):
            raise InvalidInputError(
                N_("{person_id} is already {role}"),
                field="involvements",
                person_id=person_id,
                role=role.value,
            )
        self.involvements.append(Involvement(person_id=person_id, role=role))

    def _add_violation(
        self, offender_id: str, clause: Clause, person_kinds: Mapping[str, PersonKind]
    ) -> None:
        self._require_offender(offender_id)
        if any(v.offender_id == offender_id and v.clause_id == clause.id for v in self.violations):
            raise InvalidInputError(
                N_("clause {clause_id} is cited twice against {offender_id}"),
                field="violations",
                clause_id=clause.id,
                offender_id=offender_id,
            )
        kind = person_kinds.get(offender_id)
        if kind is None:
            raise NotFoundError(
                N_("offender {offender_id}: unknown person"), offender_id=offender_id
            )
        check_applies(clause, kind, offender_id)
        self.violations.append(Violation(offender_id=offender_id, clause_id=clause.id))

    def _recompute(self, offender_id: str, protocol: Protocol, policy: Policy) -> int | None:
        """Keep a computed level true to the clauses now cited; overrides stay as they are."""
        assessment = self.assessment_of(offender_id)
        if assessment is None:
            return None
        clauses = [protocol.clause(c) for c in self.clauses_of(offender_id)]
        assessment.computed_level = policy.severity.assess(clauses, assessment.factors).level
        return assessment.computed_level

    def _create_obligations(
        self,
        policy: Policy,
        trigger: str,
        kind: PersonKind | None,
        offender_id: str | None,
        at: pendulum.DateTime,
        days: int | None = None,
    ) -> None:
        duties = policy.duties_for(trigger, kind, days)
        self._add_obligations(duties, policy, trigger, at, offender_id=offender_id)

    def _create_care_duties(
        self,
        policy: Policy,
        trigger: str,
        target_id: str,
        person_kinds: Mapping[str, PersonKind],
        at: pendulum.DateTime,
    ) -> None:
        """The target's care duties, but not one that is still open for them."""
        still_open = {
            o.kind for o in self.obligations if o.target_id == target_id and o.done_on is None
        }
        duties = [
            d
            for d in policy.duties_for(trigger, person_kinds.get(target_id))
            if d.kind not in still_open
        ]
        self._add_obligations(duties, policy, trigger, at, target_id=target_id)

    def _add_obligations(
        self,
        duties: Iterable[Duty],
        policy: Policy,
        trigger: str,
        at: pendulum.DateTime,
        *,
        offender_id: str | None = None,
        target_id: str | None = None,
    ) -> None:
        start = local_date(at)
        for duty in duties:
            self.obligations.append(
                Obligation(
                    seq=len(self.obligations) + 1,
                    kind=duty.kind,
                    cause=trigger,
                    due_on=duty.due_after(start, policy.calendar),
                    created_at=at,
                    offender_id=offender_id,
                    target_id=target_id,
                )
            )

    def _complete_hearing_duties(
        self, ladder: Ladder, offender_id: str, held_on: dt.date, actor_id: str
    ) -> list[int]:
        """Mark the hearing duties of the offender's prepared steps done once every party
        each step needs has been heard; the seqs completed.
        """
        done = []
        for obligation in self.obligations:
            if (
                obligation.kind != HEARING_DUTY
                or obligation.offender_id != offender_id
                or obligation.done_on is not None
                or not obligation.cause.startswith("prepare:")
            ):
                continue
            step = ladder.step(obligation.cause.removeprefix("prepare:"))
            if not unheard_parties(step, self.hearings, offender_id):
                obligation.done_on, obligation.done_by = held_on, actor_id
                done.append(obligation.seq)
        return done

    def _change(
        self,
        kind: EventKind,
        actor_id: str,
        at: dt.datetime,
        target: CaseState,
        reason: str | None,
        data: dict[str, Any],
    ) -> None:
        check_transition(kind, self.state, target)
        self._append(kind, actor_id, at, target, reason, data)

    def _append(
        self,
        kind: EventKind,
        actor_id: str,
        at: dt.datetime,
        state: CaseState,
        reason: str | None,
        data: dict[str, Any],
    ) -> None:
        self.events.append(
            Event(
                seq=len(self.events) + 1,
                kind=kind,
                actor_id=actor_id,
                at=as_utc(at),
                state=state,
                reason=reason,
                data=data,
                data_version=DATA_VERSIONS[kind],
            )
        )
        self.state = state

    def _last_event(self, kind: EventKind) -> Event:
        for event in reversed(self.events):
            if event.kind == kind:
                return event
        raise NotFoundError(N_("no {kind} event in this case"), kind=kind)


def _factors_data(factors: Factors) -> dict[str, Any]:
    return {
        "reach": factors.reach.value,
        "intent": factors.intent.value,
        "harm": factors.harm.value,
        "confidential": factors.confidential,
        "criminal": factors.criminal,
        "removed_and_apologised": factors.removed_and_apologised,
    }


def check_applies(clause: Clause, kind: PersonKind, offender_id: str) -> None:
    """Refuse to cite ``clause`` against a person of a kind it is not written for.

    Raises:
        InvalidInputError: the clause applies to other kinds of people (named).
    """
    if kind.value not in clause.applies_to:
        raise InvalidInputError(
            N_("clause {clause_id} applies to {applies_to}, not to a {kind} ({offender_id})"),
            field="violations",
            clause_id=clause.id,
            applies_to=choices(clause.applies_to),
            kind=kind.value,
            offender_id=offender_id,
        )
