"""The school's policies as data: severity, escalation ladders, recommendation, legal duties.

A bundled default follows DESIGN section 4; a school may replace the whole file. Every
value is checked on load so that a typo fails at start-up with the key named, not in the
middle of a director's decision.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from pcc_cases.domain.calendar import Holiday, SchoolCalendar
from pcc_cases.domain.errors import InvalidInputError, PolicyError, choices
from pcc_cases.domain.factors import Factors, Harm, Intent, Reach
from pcc_cases.domain.people import PersonKind, Role
from pcc_cases.domain.tomldata import require
from pcc_cases.protocol import Clause

MAX_LEVEL = 4
LEVEL_NAMES_NL = {1: "licht", 2: "middel", 3: "zwaar", 4: "zeer zwaar"}
LEVEL_NAMES_EN = {1: "light", 2: "medium", 3: "serious", 4: "very serious"}
DECIDING_ROLES = (Role.MENTOR, Role.TEAMLEIDER, Role.VESTIGINGSDIRECTEUR, Role.CVB)


@attrs.frozen
class SeverityResult:
    """A computed severity level with the reasons, so a director can see how it came about."""

    level: int
    base: int
    reasons: tuple[str, ...]


@attrs.frozen
class SeverityPolicy:
    """Base by clause, +1 per aggravating factor, -1 for removal and apology, criminal = 4."""

    clause_base: Mapping[str, int]
    aggravating_reach: frozenset[Reach]
    aggravating_intent: frozenset[Intent]
    aggravating_harm: frozenset[Harm]
    confidential_aggravates: bool
    removal_mitigates: int
    criminal_level: int

    def base_of(self, clause: Clause) -> int:
        return self.clause_base.get(clause.id, clause.base_severity)

    def assess(self, clauses: Sequence[Clause], factors: Factors) -> SeverityResult:
        if not clauses:
            raise InvalidInputError("severity: cite at least one clause before assessing")
        base = max(self.base_of(c) for c in clauses)
        top = max(clauses, key=self.base_of)
        reasons = [f"base {base} (clause {top.id})"]
        level = base
        if factors.reach in self.aggravating_reach:
            level += 1
            reasons.append(f"+1 reach {factors.reach.value}")
        if factors.intent in self.aggravating_intent:
            level += 1
            reasons.append(f"+1 intent {factors.intent.value}")
        if factors.harm in self.aggravating_harm or (
            factors.confidential and self.confidential_aggravates
        ):
            level += 1
            reasons.append("+1 harm to a person or confidential data")
        if factors.removed_and_apologised and self.removal_mitigates:
            level -= self.removal_mitigates
            reasons.append(f"-{self.removal_mitigates} removed and apologised")
        level = min(MAX_LEVEL, max(1, level))
        if factors.criminal and level < self.criminal_level:
            level = self.criminal_level
            reasons.append(f"criminal aspect: level {self.criminal_level}")
        return SeverityResult(level=level, base=base, reasons=tuple(reasons))


@attrs.frozen
class Step:
    """One rung of an escalation ladder, with who may decide it and how long it may last."""

    name: str
    nl: str
    en: str
    authority: Role
    min_days: int | None = None
    max_days: int | None = None

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
            f"step: {name!r} is not a {self.kind.value} step; allowed: "
            f"{', '.join(s.name for s in self.steps)}"
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
    """A legal duty that a step, a fact or a cited clause creates."""

    kind: str
    trigger: str
    applies_to: str
    due_school_days: int
    nl: str
    en: str
    min_length_days: int | None = None

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
                f"no escalation ladder for a {kind.value}; measures apply to "
                f"{choices(k.value for k in self.ladders)}"
            ) from None

    def recommend(self, kind: PersonKind, severity: int, prior_cases: int) -> Recommendation:
        """Severity picks the step; each earlier decided case raises it one, up to the cap."""
        if not 1 <= severity <= MAX_LEVEL:
            raise InvalidInputError(f"severity: {severity} is not between 1 and {MAX_LEVEL}")
        if prior_cases < 0:
            raise InvalidInputError(f"prior cases: {prior_cases} is negative")
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
        """The duties a trigger ('step:suspension', 'fact:criminal', 'clause:6.8') creates."""
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

    def duty(self, kind: str) -> Duty:
        for duty in self.duties:
            if duty.kind == kind:
                return duty
        raise InvalidInputError(f"no duty of kind {kind!r} in the policy")


def _enum_set(values: Any, enum_type: Any, where: str) -> frozenset[Any]:
    if not isinstance(values, list):
        raise PolicyError(f"{where}: expected a list")
    allowed = [e.value for e in enum_type]
    for value in values:
        if value not in allowed:
            raise PolicyError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return frozenset(enum_type(v) for v in values)


def _parse_severity(table: Mapping[str, Any]) -> SeverityPolicy:
    clause_base = require(table, "clause_base", dict, "severity", PolicyError, {})
    for clause_id, base in clause_base.items():
        if isinstance(base, bool) or not isinstance(base, int) or not 1 <= base <= MAX_LEVEL:
            raise PolicyError(f"severity.clause_base.{clause_id}: {base!r} is not 1 to 4")
    aggr = require(table, "aggravating", dict, "severity", PolicyError)
    mitig = require(table, "mitigating", dict, "severity", PolicyError)
    crim = require(table, "criminal", dict, "severity", PolicyError)
    removal = require(mitig, "removed_and_apologised", int, "severity.mitigating", PolicyError)
    criminal_level = require(crim, "level", int, "severity.criminal", PolicyError)
    if not 0 <= removal <= 3:
        raise PolicyError(f"severity.mitigating.removed_and_apologised: {removal} is not 0 to 3")
    if not 1 <= criminal_level <= MAX_LEVEL:
        raise PolicyError(f"severity.criminal.level: {criminal_level} is not 1 to 4")
    return SeverityPolicy(
        clause_base=dict(clause_base),
        aggravating_reach=_enum_set(aggr.get("reach", []), Reach, "severity.aggravating.reach"),
        aggravating_intent=_enum_set(aggr.get("intent", []), Intent, "severity.aggravating.intent"),
        aggravating_harm=_enum_set(aggr.get("harm", []), Harm, "severity.aggravating.harm"),
        confidential_aggravates=require(
            aggr, "confidential", bool, "severity.aggravating", PolicyError, False
        ),
        removal_mitigates=removal,
        criminal_level=criminal_level,
    )


def _parse_step(table: Any, where: str) -> Step:
    if not isinstance(table, dict):
        raise PolicyError(f"{where}: expected a table")
    authority = require(table, "authority", str, where, PolicyError)
    if authority not in [r.value for r in DECIDING_ROLES]:
        raise PolicyError(
            f"{where}.authority: {authority!r} is not one of "
            f"{', '.join(r.value for r in DECIDING_ROLES)}"
        )
    min_days = require(table, "min_days", int, where, PolicyError, None)
    max_days = require(table, "max_days", int, where, PolicyError, None)
    if min_days is not None and min_days < 0:
        raise PolicyError(f"{where}.min_days: {min_days} is negative")
    if max_days is not None and (max_days < 1 or (min_days or 0) > max_days):
        raise PolicyError(f"{where}.max_days: {max_days} must be at least 1 and min_days")
    return Step(
        name=require(table, "step", str, where, PolicyError),
        nl=require(table, "nl", str, where, PolicyError),
        en=require(table, "en", str, where, PolicyError),
        authority=Role(authority),
        min_days=min_days,
        max_days=max_days,
    )


def _parse_ladders(table: Mapping[str, Any]) -> dict[PersonKind, Ladder]:
    ladders = {}
    for kind in (PersonKind.STUDENT, PersonKind.STAFF):
        rows = require(table, kind.value, list, "ladders", PolicyError)
        steps = tuple(_parse_step(row, f"ladders.{kind.value}[{i}]") for i, row in enumerate(rows))
        names = [s.name for s in steps]
        if len(set(names)) != len(names) or not steps:
            raise PolicyError(f"ladders.{kind.value}: step names must be present and unique")
        ladders[kind] = Ladder(kind=kind, steps=steps)
    return ladders


def _parse_duty(table: Any, where: str, ladders: Mapping[PersonKind, Ladder]) -> Duty:
    if not isinstance(table, dict):
        raise PolicyError(f"{where}: expected a table")
    trigger = require(table, "trigger", str, where, PolicyError)
    prefix, _, name = trigger.partition(":")
    step_names = {s.name for ladder in ladders.values() for s in ladder.steps}
    valid = (
        (prefix == "step" and name in step_names)
        or trigger == "fact:criminal"
        or (prefix == "clause" and bool(name))
    )
    if not valid:
        raise PolicyError(
            f"{where}.trigger: {trigger!r} must be step:NAME (a ladder step), fact:criminal "
            "or clause:ID"
        )
    applies_to = require(table, "applies_to", str, where, PolicyError)
    if applies_to not in ("any", "student", "staff", "external"):
        raise PolicyError(
            f"{where}.applies_to: {applies_to!r} is not any, student, staff, external"
        )
    due = require(table, "due_school_days", int, where, PolicyError)
    if due < 0:
        raise PolicyError(f"{where}.due_school_days: {due} is negative")
    return Duty(
        kind=require(table, "kind", str, where, PolicyError),
        trigger=trigger,
        applies_to=applies_to,
        due_school_days=due,
        nl=require(table, "nl", str, where, PolicyError),
        en=require(table, "en", str, where, PolicyError),
        min_length_days=require(table, "min_length_days", int, where, PolicyError, None),
    )


def _parse_holiday(table: Any, where: str) -> Holiday:
    if not isinstance(table, dict):
        raise PolicyError(f"{where}: expected a table with name, first, last")
    first = require(table, "first", dt.date, where, PolicyError)
    last = require(table, "last", dt.date, where, PolicyError)
    return Holiday(name=require(table, "name", str, where, PolicyError), first=first, last=last)


def parse_policy(data: Mapping[str, Any]) -> Policy:
    """Build and validate a policy from its TOML document."""
    ladders = _parse_ladders(require(data, "ladders", dict, "", PolicyError))
    rec = require(data, "recommendation", dict, "", PolicyError)
    recommend_steps = {}
    for kind, ladder in ladders.items():
        names = require(rec, kind.value, list, "recommendation", PolicyError)
        if len(names) != MAX_LEVEL:
            raise PolicyError(f"recommendation.{kind.value}: needs exactly {MAX_LEVEL} steps")
        for name in names:
            if name not in [s.name for s in ladder.steps]:
                raise PolicyError(
                    f"recommendation.{kind.value}: {name!r} is not a step of the "
                    f"{kind.value} ladder"
                )
        indexes = [ladder.index(n) for n in names]
        if indexes != sorted(indexes):
            raise PolicyError(f"recommendation.{kind.value}: steps must go up the ladder")
        recommend_steps[kind] = tuple(names)
    never = frozenset(require(rec, "never", list, "recommendation", PolicyError, []))
    for kind, recommended in recommend_steps.items():
        if never & set(recommended):
            raise PolicyError(
                f"recommendation.{kind.value}: recommends a step listed in recommendation.never"
            )
    consider_raw = require(rec, "consider_at_cap", dict, "recommendation", PolicyError, {})
    consider = {}
    for key, step in consider_raw.items():
        try:
            kind = PersonKind(key)
            ladders[kind].step(step)
        except (ValueError, KeyError, InvalidInputError):
            raise PolicyError(
                f"recommendation.consider_at_cap.{key}: {step!r} is not a step of that ladder"
            ) from None
        consider[kind] = step
    lookback = require(rec, "lookback_days", int, "recommendation", PolicyError)
    if lookback < 0:
        raise PolicyError(f"recommendation.lookback_days: {lookback} is negative")
    duties = tuple(
        _parse_duty(row, f"duties[{i}]", ladders)
        for i, row in enumerate(require(data, "duties", list, "", PolicyError, []))
    )
    calendar_table = require(data, "calendar", dict, "", PolicyError, {})
    holidays = [
        _parse_holiday(row, f"calendar.holidays[{i}]")
        for i, row in enumerate(
            require(calendar_table, "holidays", list, "calendar", PolicyError, [])
        )
    ]
    return Policy(
        severity=_parse_severity(require(data, "severity", dict, "", PolicyError)),
        ladders=ladders,
        recommend_steps=recommend_steps,
        lookback_days=lookback,
        never_recommended=never,
        consider_at_cap=consider,
        duties=duties,
        calendar=SchoolCalendar.of(holidays),
    )


def load_policy_text(text: str) -> Policy:
    """Parse a policy TOML document; syntax and value errors name the key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"policy file is not valid TOML: {exc}") from None
    return parse_policy(data)


def default_policy_text() -> str:
    return (resources.files("pcc_cases.domain") / "default_policy.toml").read_text("utf-8")


def default_policy() -> Policy:
    """The bundled default policy (DESIGN section 4)."""
    return load_policy_text(default_policy_text())
