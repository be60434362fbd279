"""The school's policies as data: severity, escalation ladders, recommendation, legal duties.

The model only; reading and checking a policy file is ``policy_file``. A bundled default
follows DESIGN section 4, and a school may replace the whole file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs

from pcc_cases.domain.calendar import SchoolCalendar
from pcc_cases.domain.errors import InvalidInputError, PolicyError, choices
from pcc_cases.domain.factors import Factors, Harm, Intent, Reach
from pcc_cases.domain.people import PersonKind, Role
from pcc_cases.domain.protocol import Clause, ClauseKind, Protocol
from pcc_cases.translation import N_

MAX_LEVEL = 4
LEVEL_NAMES_NL = {1: "licht", 2: "middel", 3: "zwaar", 4: "zeer zwaar"}
LEVEL_NAMES_EN = {1: "light", 2: "medium", 3: "serious", 4: "very serious"}
DECIDING_ROLES = (Role.MENTOR, Role.TEAMLEIDER, Role.VESTIGINGSDIRECTEUR, Role.CVB)
# Duty kinds the domain itself acts on. The objection term (Awb 6:7) is a period, not a
# task: it is never overdue and never keeps a case open; an objection filed after it is
# marked late. Recording a hearing that heard every party the step asks completes the
# hearing duty.
OBJECTION_TERM = "objection-term"
HEARING_DUTY = "hear-parties"
# Who may be heard before a step that needs a hearing (an expulsion: WVO 2020 art. 8.15).
HEARD_PARTIES = ("student", "parents", "teachers")


@attrs.frozen
class SeverityResult:
    """A computed severity level with the reasons, so a director can see how it came about."""

    level: int
    base: int
    reasons: tuple[str, ...]  # English, as kept in the case's history
    explained: tuple[tuple[str, Mapping[str, object]], ...] = ()
    """The same reasons as (message id, params), for a page in the reader's language."""


@attrs.frozen
class SeverityPolicy:
    """Base by clause, +1 per aggravating factor, -1 for removal and apology, criminal = 4.

    The base of a clause is the policy's alone: ``clause_base`` by id, else ``kind_base``
    by the clause's kind (rule, guidance, guideline).
    """

    kind_base: Mapping[ClauseKind, int]
    clause_base: Mapping[str, int]
    aggravating_reach: frozenset[Reach]
    aggravating_intent: frozenset[Intent]
    aggravating_harm: frozenset[Harm]
    confidential_aggravates: bool
    removal_mitigates: int
    criminal_level: int

    def base_of(self, clause: Clause) -> int:
        if clause.id in self.clause_base:
            return self.clause_base[clause.id]
        try:
            return self.kind_base[clause.kind]
        except KeyError:
            raise InvalidInputError(
                N_("clause {clause_id} is {kind} text and has no base severity"),
                field="severity",
                clause_id=clause.id,
                kind=clause.kind.value,
            ) from None

    def assess(self, clauses: Sequence[Clause], factors: Factors) -> SeverityResult:
        if not clauses:
            raise InvalidInputError(
                N_("cite at least one clause before assessing"), field="severity"
            )
        base = max(self.base_of(c) for c in clauses)
        top = max(clauses, key=self.base_of)
        reasons = [f"base {base} (clause {top.id})"]
        explained: list[tuple[str, Mapping[str, object]]] = [
            (N_("base level {base}, from clause {clause}"), {"base": base, "clause": top.id})
        ]
        level = base
        if factors.reach in self.aggravating_reach:
            level += 1
            reasons.append(f"+1 reach {factors.reach.value}")
            explained.append((N_("+1 for the reach"), {}))
        if factors.intent in self.aggravating_intent:
            level += 1
            reasons.append(f"+1 intent {factors.intent.value}")
            explained.append((N_("+1 for the intent"), {}))
        if factors.harm in self.aggravating_harm or (
            factors.confidential and self.confidential_aggravates
        ):
            level += 1
            reasons.append("+1 harm to a person or confidential data")
            explained.append((N_("+1 for harm to a person or confidential data"), {}))
        if factors.removed_and_apologised and self.removal_mitigates:
            level -= self.removal_mitigates
            reasons.append(f"-{self.removal_mitigates} removed and apologised")
            mitigation = N_("-{points} because it was removed with apologies")
            explained.append((mitigation, {"points": self.removal_mitigates}))
        level = min(MAX_LEVEL, max(1, level))
        if factors.criminal and level < self.criminal_level:
            level = self.criminal_level
            reasons.append(f"criminal aspect: level {self.criminal_level}")
            explained.append(
                (N_("at least level {level} for a criminal aspect"), {"level": self.criminal_level})
            )
        return SeverityResult(
            level=level, base=base, reasons=tuple(reasons), explained=tuple(explained)
        )


@attrs.frozen
class Step:
    """One rung of an escalation ladder, with who may decide it and how long it may last."""

    name: str
    nl: str
    en: str
    authority: Role
    min_days: int | None = None
    max_days: int | None = None
    hear: tuple[str, ...] = ()
    before: tuple[str, ...] = ()

    @property
    def prepared(self) -> bool:
        """A step that needs a hearing or duties done first is prepared before it is decided."""
        return bool(self.hear or self.before)

    @property
    def has_length(self) -> bool:
        return self.max_days is not None or self.min_days is not None

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@attrs.frozen
class Ladder:
    """The ordered escalation steps for students or for staff."""

    kind: PersonKind
    steps: tuple[Step, ...]

    def step(self, name: str) -> Step:
        for step in self.steps:
            if step.name == name:
                return step
        raise InvalidInputError(
            N_("{name!r} is not a {kind} step; allowed: {steps}"),
            field="step",
            name=name,
            kind=self.kind.value,
            steps=", ".join(s.name for s in self.steps),
        )

    def index(self, name: str) -> int:
        return self.steps.index(self.step(name))


@attrs.frozen
class Recommendation:
    """The step the policy proposes for an offender, and a note when more could be considered."""

    step: str
    severity: int
    prior_cases: int
    consider: str | None = None


@attrs.frozen
class Duty:
    """A legal duty that a step, a fact, a cited clause or a target creates.

    Due ``due_school_days`` school days after its cause, or, for a term counted in
    calendar days (the six weeks of an objection), ``due_days`` days after it.
    """

    kind: str
    trigger: str
    applies_to: str
    due_school_days: int
    nl: str
    en: str
    min_length_days: int | None = None
    due_days: int | None = None

    @property
    def is_term(self) -> bool:
        return self.kind == OBJECTION_TERM

    def due_after(self, start: dt.date, calendar: SchoolCalendar) -> dt.date:
        if self.due_days is not None:
            return start + dt.timedelta(days=self.due_days)
        return calendar.add_school_days(start, self.due_school_days)

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@attrs.frozen
class Policy:
    """Everything the school decides by rule rather than case by case."""

    severity: SeverityPolicy
    ladders: Mapping[PersonKind, Ladder]
    recommend_steps: Mapping[PersonKind, tuple[str, ...]]
    lookback_days: int
    never_recommended: frozenset[str]
    consider_at_cap: Mapping[PersonKind, str]
    duties: tuple[Duty, ...]
    calendar: SchoolCalendar

    def ladder(self, kind: PersonKind) -> Ladder:
        try:
            return self.ladders[kind]
        except KeyError:
            raise InvalidInputError(
                N_("no escalation ladder for a {kind}; measures apply to {ladders}"),
                kind=kind.value,
                ladders=choices(k.value for k in self.ladders),
            ) from None

    def recommend(self, kind: PersonKind, severity: int, prior_cases: int) -> Recommendation:
        """Severity picks the step; each earlier decided case raises it one, up to the cap."""
        if not 1 <= severity <= MAX_LEVEL:
            raise InvalidInputError(
                N_("{severity} is not between 1 and {MAX_LEVEL}"),
                field="severity",
                severity=severity,
                MAX_LEVEL=MAX_LEVEL,
            )
        if prior_cases < 0:
            raise InvalidInputError(
                N_("{prior_cases} is negative"), field="prior cases", prior_cases=prior_cases
            )
        steps = self.recommend_steps[self.ladder(kind).kind]
        index = min(len(steps) - 1, severity - 1 + prior_cases)
        at_cap = index == len(steps) - 1
        consider = self.consider_at_cap.get(kind) if at_cap and severity == MAX_LEVEL else None
        return Recommendation(
            step=steps[index], severity=severity, prior_cases=prior_cases, consider=consider
        )

    def duties_for(
        self, trigger: str, kind: PersonKind | None, length_days: int | None = None
    ) -> tuple[Duty, ...]:
        """The duties a trigger creates: 'step:suspension', 'prepare:expulsion',
        'fact:criminal', 'clause:6.8', 'target:recorded' or 'target:decided'.
        """
        found = []
        for duty in self.duties:
            if duty.trigger != trigger:
                continue
            if duty.applies_to != "any" and (kind is None or duty.applies_to != kind.value):
                continue
            if duty.min_length_days is not None and (length_days or 0) < duty.min_length_days:
                continue
            found.append(duty)
        return tuple(found)

    def check_against(self, protocol: Protocol) -> None:
        """Refuse a policy that names clauses the protocol cannot cite (a typo never fires)."""
        citable = {c.id for c in protocol.clauses if c.kind.citable}
        named = [(f"severity.clause_base.{c}", c) for c in self.severity.clause_base]
        named += [
            (f"duties[{i}].trigger", d.trigger.removeprefix("clause:"))
            for i, d in enumerate(self.duties)
            if d.trigger.startswith("clause:")
        ]
        for where, clause_id in named:
            if clause_id not in citable:
                raise PolicyError(
                    N_(
                        "{clause_id!r} is not a citable clause of {version}; citable clauses: "
                        "{citable}"
                    ),
                    field=where,
                    clause_id=clause_id,
                    version=protocol.version,
                    citable=choices(citable),
                )
