"""Reading a policy file (TOML) into a checked ``Policy``.

A school edits this file by hand, so every value is checked on load and a mistake fails at
start-up with the key named, not in the middle of a director's decision.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

from pcc_cases.domain.calendar import Holiday, SchoolCalendar
from pcc_cases.domain.errors import InvalidInputError, PolicyError
from pcc_cases.domain.factors import Harm, Intent, Reach
from pcc_cases.domain.people import AUTHORITY_RANK, PersonKind, Role
from pcc_cases.domain.policy import (
    DECIDING_ROLES,
    HEARD_PARTIES,
    MAX_LEVEL,
    OBJECTION_TERM,
    Duty,
    Ladder,
    Policy,
    SeverityPolicy,
    Step,
)
from pcc_cases.domain.protocol import ClauseKind
from pcc_cases.domain.tomldata import require
from pcc_cases.translation import N_

_CLAUSE_ID = re.compile(r"^[1-9][0-9]*\.[1-9][0-9]*$")


def _enum_set(values: Any, enum_type: Any, where: str) -> frozenset[Any]:
    if not isinstance(values, list):
        raise PolicyError(N_("expected a list"), field=where)
    allowed = [e.value for e in enum_type]
    for value in values:
        if value not in allowed:
            raise PolicyError(
                N_("{value!r} is not one of {allowed}"),
                field=where,
                value=value,
                allowed=", ".join(allowed),
            )
    return frozenset(enum_type(v) for v in values)


def _level(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LEVEL:
        raise PolicyError(
            N_("{value!r} is not 1 to {MAX_LEVEL}"), field=where, value=value, MAX_LEVEL=MAX_LEVEL
        )
    return value


def _parse_bases(table: Mapping[str, Any]) -> tuple[dict[ClauseKind, int], dict[str, int]]:
    kinds = require(table, "kind_base", dict, "severity", PolicyError)
    citable = [k for k in ClauseKind if k.citable]
    kind_base = {}
    for key, value in kinds.items():
        if key not in [k.value for k in citable]:
            raise PolicyError(
                N_("not a citable clause kind; allowed: {citable}"),
                field=f"severity.kind_base.{key}",
                citable=", ".join(k.value for k in citable),
            )
        kind_base[ClauseKind(key)] = _level(value, f"severity.kind_base.{key}")
    missing = [k.value for k in citable if k not in kind_base]
    if missing:
        raise PolicyError(
            N_("missing {missing}"), field="severity.kind_base", missing=", ".join(missing)
        )
    clause_base = {}
    for clause_id, value in require(
        table, "clause_base", dict, "severity", PolicyError, {}
    ).items():
        if not _CLAUSE_ID.match(clause_id):
            raise PolicyError(
                N_("not a clause id such as 5.1"), field=f"severity.clause_base.{clause_id}"
            )
        clause_base[clause_id] = _level(value, f"severity.clause_base.{clause_id}")
    return kind_base, clause_base


def _parse_severity(table: Mapping[str, Any]) -> SeverityPolicy:
    kind_base, clause_base = _parse_bases(table)
    aggr = require(table, "aggravating", dict, "severity", PolicyError)
    mitig = require(table, "mitigating", dict, "severity", PolicyError)
    crim = require(table, "criminal", dict, "severity", PolicyError)
    removal = require(mitig, "removed_and_apologised", int, "severity.mitigating", PolicyError)
    criminal_level = require(crim, "level", int, "severity.criminal", PolicyError)
    if not 0 <= removal <= 3:
        raise PolicyError(
            N_("{removal} is not 0 to 3"),
            field="severity.mitigating.removed_and_apologised",
            removal=removal,
        )
    if not 1 <= criminal_level <= MAX_LEVEL:
        raise PolicyError(
            N_("{criminal_level} is not 1 to 4"),
            field="severity.criminal.level",
            criminal_level=criminal_level,
        )
    return SeverityPolicy(
        kind_base=kind_base,
        clause_base=clause_base,
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
        raise PolicyError(N_("expected a table"), field=where)
    authority = require(table, "authority", str, where, PolicyError)
    if authority not in [r.value for r in DECIDING_ROLES]:
        raise PolicyError(
            N_("{authority!r} is not one of {DECIDING_ROLES}"),
            field=f"{where}.authority",
            authority=authority,
            DECIDING_ROLES=", ".join(r.value for r in DECIDING_ROLES),
        )
    min_days = require(table, "min_days", int, where, PolicyError, None)
    max_days = require(table, "max_days", int, where, PolicyError, None)
    if min_days is not None and min_days < 0:
        raise PolicyError(
            N_("{min_days} is negative"), field=f"{where}.min_days", min_days=min_days
        )
    if max_days is not None and (max_days < 1 or (min_days or 0) > max_days):
        raise PolicyError(
            N_("{max_days} must be at least 1 and min_days"),
            field=f"{where}.max_days",
            max_days=max_days,
        )
    hear = require(table, "hear", list, where, PolicyError, [])
    for party in hear:
        if party not in HEARD_PARTIES:
            raise PolicyError(
                N_("{party!r} is not one of {parties}"),
                field=f"{where}.hear",
                party=party,
                parties=", ".join(HEARD_PARTIES),
            )
    before = require(table, "before", list, where, PolicyError, [])
    if not all(isinstance(kind, str) and kind for kind in before):
        raise PolicyError(N_("expected a list of duty kinds"), field=f"{where}.before")
    return Step(
        name=require(table, "step", str, where, PolicyError),
        nl=require(table, "nl", str, where, PolicyError),
        en=require(table, "en", str, where, PolicyError),
        authority=Role(authority),
        min_days=min_days,
        max_days=max_days,
        hear=tuple(dict.fromkeys(hear)),
        before=tuple(dict.fromkeys(before)),
    )


# The ladder for people outside the school (parents, former students, others) when a
# policy file has none: the school takes no measure against them; it refers the matter
# (to the parents, the police or the person's own organisation) and records that.
REFERRAL_STEP = Step(
    name="referred",
    nl="doorverwezen (geen maatregel van de school)",
    en="referred (no measure by the school)",
    authority=Role.TEAMLEIDER,
)
EXTERNAL_AUTHORITY_CAP = Role.TEAMLEIDER


def _parse_ladders(table: Mapping[str, Any]) -> dict[PersonKind, Ladder]:
    ladders: dict[PersonKind, Ladder] = {}
    for kind in PersonKind:
        if kind is PersonKind.EXTERNAL and kind.value not in table:
            ladders[kind] = Ladder(kind=kind, steps=(REFERRAL_STEP,))
            continue
        rows = require(table, kind.value, list, "ladders", PolicyError)
        steps = tuple(_parse_step(row, f"ladders.{kind.value}[{i}]") for i, row in enumerate(rows))
        names = [s.name for s in steps]
        if len(set(names)) != len(names) or not steps:
            raise PolicyError(
                N_("step names must be present and unique"), field=f"ladders.{kind.value}"
            )
        if kind is PersonKind.EXTERNAL:
            _check_external(steps)
        ladders[kind] = Ladder(kind=kind, steps=steps)
    return ladders


def _check_external(steps: tuple[Step, ...]) -> None:
    """The school takes no measure against outsiders: no lengths, no high authority."""
    cap = AUTHORITY_RANK[EXTERNAL_AUTHORITY_CAP]
    for index, step in enumerate(steps):
        where = f"ladders.external[{index}]"
        if step.has_length:
            raise PolicyError(N_("a step for external people has no length"), field=where)
        if AUTHORITY_RANK.get(step.authority, cap + 1) > cap:
            raise PolicyError(
                N_(
                    "{authority!r} is above {EXTERNAL_AUTHORITY_CAP}: a step for external people "
                    "is no measure that needs more"
                ),
                field=f"{where}.authority",
                authority=step.authority.value,
                EXTERNAL_AUTHORITY_CAP=EXTERNAL_AUTHORITY_CAP.value,
            )


def _parse_duty(table: Any, where: str, ladders: Mapping[PersonKind, Ladder]) -> Duty:
    if not isinstance(table, dict):
        raise PolicyError(N_("expected a table"), field=where)
    trigger = require(table, "trigger", str, where, PolicyError)
    prefix, _, name = trigger.partition(":")
    steps = {s.name: s for ladder in ladders.values() for s in ladder.steps}
    valid = (
        (prefix == "step" and name in steps)
        or (prefix == "prepare" and name in steps and steps[name].prepared)
        or trigger in ("fact:criminal", "target:recorded", "target:decided")
        or (prefix == "clause" and bool(_CLAUSE_ID.match(name)))
    )
    if not valid:
        raise PolicyError(
            N_(
                "{trigger!r} must be step:NAME (a ladder step), prepare:NAME (a step with "
                "'hear' or 'before'), fact:criminal, clause:ID, target:recorded or "
                "target:decided"
            ),
            field=f"{where}.trigger",
            trigger=trigger,
        )
    applies_to = require(table, "applies_to", str, where, PolicyError)
    if applies_to not in ("any", "student", "staff", "external"):
        raise PolicyError(
            N_("{applies_to!r} is not any, student, staff, external"),
            field=f"{where}.applies_to",
            applies_to=applies_to,
        )
    kind = require(table, "kind", str, where, PolicyError)
    # The objection term is counted in calendar days (six weeks: 42), never school days.
    if kind == OBJECTION_TERM:
        due_days = require(table, "due_days", int, where, PolicyError)
    else:
        due_days = require(table, "due_days", int, where, PolicyError, None)
    if due_days is not None and due_days < 1:
        raise PolicyError(N_("{due} is not at least 1"), field=f"{where}.due_days", due=due_days)
    if due_days is None:
        due = require(table, "due_school_days", int, where, PolicyError)
    else:
        due = require(table, "due_school_days", int, where, PolicyError, 0)
    if due < 0:
        raise PolicyError(N_("{due} is negative"), field=f"{where}.due_school_days", due=due)
    return Duty(
        kind=kind,
        trigger=trigger,
        applies_to=applies_to,
        due_school_days=due,
        nl=require(table, "nl", str, where, PolicyError),
        en=require(table, "en", str, where, PolicyError),
        min_length_days=require(table, "min_length_days", int, where, PolicyError, None),
        due_days=due_days,
    )


def _check_before(ladders: Mapping[PersonKind, Ladder], duties: tuple[Duty, ...]) -> None:
    """A duty a step needs done first must be one its preparation creates."""
    for kind, ladder in ladders.items():
        for index, step in enumerate(ladder.steps):
            prepared = {d.kind for d in duties if d.trigger == f"prepare:{step.name}"}
            for duty_kind in step.before:
                if duty_kind not in prepared:
                    raise PolicyError(
                        N_(
                            "{duty!r} is not a duty with trigger prepare:{step}; such duties: "
                            "{prepared}"
                        ),
                        field=f"ladders.{kind.value}[{index}].before",
                        duty=duty_kind,
                        step=step.name,
                        prepared=", ".join(sorted(prepared)) or "-",
                    )


def _parse_holiday(table: Any, where: str) -> Holiday:
    if not isinstance(table, dict):
        raise PolicyError(N_("expected a table with name, first, last"), field=where)
    first = require(table, "first", dt.date, where, PolicyError)
    last = require(table, "last", dt.date, where, PolicyError)
    return Holiday(name=require(table, "name", str, where, PolicyError), first=first, last=last)


def parse_policy(data: Mapping[str, Any]) -> Policy:
    """Build and validate a policy from its TOML document."""
    ladders = _parse_ladders(require(data, "ladders", dict, "", PolicyError))
    rec = require(data, "recommendation", dict, "", PolicyError)
    recommend_steps = {}
    for kind, ladder in ladders.items():
        if kind is PersonKind.EXTERNAL:  # optional: the first step at every level
            default = [ladder.steps[0].name] * MAX_LEVEL
            names = require(rec, kind.value, list, "recommendation", PolicyError, default)
        else:
            names = require(rec, kind.value, list, "recommendation", PolicyError)
        if len(names) != MAX_LEVEL:
            raise PolicyError(
                N_("needs exactly {MAX_LEVEL} steps"),
                field=f"recommendation.{kind.value}",
                MAX_LEVEL=MAX_LEVEL,
            )
        for name in names:
            if name not in [s.name for s in ladder.steps]:
                raise PolicyError(
                    N_("{name!r} is not a step of the {kind} ladder"),
                    field=f"recommendation.{kind.value}",
                    name=name,
                    kind=kind.value,
                )
        indexes = [ladder.index(n) for n in names]
        if indexes != sorted(indexes):
            raise PolicyError(
                N_("steps must go up the ladder"), field=f"recommendation.{kind.value}"
            )
        recommend_steps[kind] = tuple(names)
    never = frozenset(require(rec, "never", list, "recommendation", PolicyError, []))
    for kind, recommended in recommend_steps.items():
        if never & set(recommended):
            raise PolicyError(
                N_("recommends a step listed in recommendation.never"),
                field=f"recommendation.{kind.value}",
            )
    consider_raw = require(rec, "consider_at_cap", dict, "recommendation", PolicyError, {})
    consider = {}
    for key, step in consider_raw.items():
        try:
            kind = PersonKind(key)
            ladders[kind].step(step)
        except (ValueError, KeyError, InvalidInputError):
            raise PolicyError(
                N_("{step!r} is not a step of that ladder"),
                field=f"recommendation.consider_at_cap.{key}",
                step=step,
            ) from None
        consider[kind] = step
    lookback = require(rec, "lookback_days", int, "recommendation", PolicyError)
    if lookback < 0:
        raise PolicyError(
            N_("{lookback} is negative"), field="recommendation.lookback_days", lookback=lookback
        )
    duties = tuple(
        _parse_duty(row, f"duties[{i}]", ladders)
        for i, row in enumerate(require(data, "duties", list, "", PolicyError, []))
    )
    _check_before(ladders, duties)
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
    """Parse a policy TOML document; syntax and value errors name the key.

    Raises:
        PolicyError: the text is not valid TOML or breaks a rule; the key is named.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(N_("policy file is not valid TOML: {exc}"), exc=exc) from None
    return parse_policy(data)


def default_policy_text() -> str:
    return (resources.files("pcc_cases.domain") / "default_policy.toml").read_text("utf-8")


def default_policy() -> Policy:
    """The bundled default policy (DESIGN section 4).

    Raises:
        PolicyError: the bundled file is broken (a packaging fault).
    """
    return load_policy_text(default_policy_text())
