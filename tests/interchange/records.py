"""Valid case records, built by the domain as the services would, and the mutations that
each turn one into a record of one class of invalid ones.

The import tests and the fuzz run (``make fuzz``) share these, so that every rule an
import checks is tried from a record that was valid a moment before.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pendulum
from hypothesis import strategies as st

from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import Evidence
from pcc_cases.domain.people import PersonKind
from pcc_cases.interchange.case_codec import MAX_CASE_SEQUENCE, case_to_record
from tests.builders import POLICY, PROTOCOL
from tests.strategies import STUDENT_CLAUSES, factors

# People of tests/org.py (docs/examples/people.csv).
STUDENTS = ("s-alk1", "s-alk2", "s-alk3")
KINDS = {
    **dict.fromkeys(STUDENTS, PersonKind.STUDENT),
    "s-ber1": PersonKind.STUDENT,
    "tl-alk": PersonKind.STAFF,
}
DIRECTOR, BOARD = "vd-alk", "cvb1"

Record = dict[str, Any]


@st.composite
def valid_records(draw: st.DrawFn) -> Record:
    """A record the services could have written: Alkmaar students, taken some way on."""
    offenders = draw(st.lists(st.sampled_from(STUDENTS), min_size=1, max_size=3, unique=True))
    target = draw(st.sampled_from(["tl-alk", "s-ber1"]))
    clauses = draw(st.lists(st.sampled_from(STUDENT_CLAUSES), min_size=1, max_size=2, unique=True))
    occurred = pendulum.instance(
        draw(st.datetimes(dt.datetime(2024, 8, 1), dt.datetime(2025, 9, 1))).replace(microsecond=0),
        tz="UTC",
    )
    reported = occurred.add(minutes=draw(st.integers(0, 72 * 60)))
    link = Evidence.create("link", "https://www.instagram.com/p/abc", reported)
    case = Case.record(
        protocol=PROTOCOL,
        policy=POLICY,
        occurred_at=occurred,
        reported_at=reported,
        platform=draw(st.sampled_from(["instagram", "tiktok", "whatsapp"])),
        location="Alkmaar",
        summary=draw(st.sampled_from(["Filmpje gedeeld", "Foto van een docent geplaatst"])),
        involvements=[(o, "offender") for o in offenders] + [(target, "target")],
        violations=[(o, c) for o in offenders for c in clauses],
        person_kinds=KINDS,
        recorded_by=DIRECTOR,
        evidence=draw(st.sampled_from([[], [link]])),
    )
    at = reported.add(hours=1)
    if draw(st.booleans()):
        case.start_investigation("tl-alk", at)
    for offender in offenders:
        case.assess(offender, draw(factors), PROTOCOL, POLICY, DIRECTOR, at)
    if draw(st.booleans()):
        case.override_severity(offenders[0], draw(st.integers(1, 4)), "Herhaling", DIRECTOR, at)
    for offender in offenders:
        step = POLICY.ladder(PersonKind.STUDENT).step(
            case.recommendation(offender, PersonKind.STUDENT, 0, POLICY).step
        )
        case.decide(
            offender_id=offender,
            offender_kind=PersonKind.STUDENT,
            step=step.name,
            decider_id=BOARD,
            decider_authority=4,
            prior_cases=0,
            policy=POLICY,
            at=at,
            days=draw(st.integers(1, 5)) if step.has_length else None,
        )
    later = at.add(days=1)
    if draw(st.booleans()) and case.obligations:
        case.complete_obligation(case.obligations[0].seq, DIRECTOR, later)
    ending = draw(st.sampled_from(["decided", "closed", "upheld", "rejected"]))
    if ending == "closed":
        case.close(DIRECTOR, later, "Afgehandeld")
    elif ending in ("upheld", "rejected"):
        case.file_objection(DIRECTOR, later, "Ouders maken bezwaar")
        case.decide_objection(
            ending == "upheld", BOARD, later, "Heroverwogen",
            reviewer_authority=4, offender_kinds=KINDS, policy=POLICY,
        )  # fmt: skip
    case.number = f"{case.school_year}-{draw(st.integers(1, 9999)):04d}"
    return case_to_record(case)


# ------------------------------------------------------------------------ mutations
# Each takes a copy of a valid record, changes it into one class of invalid record, and
# returns the field paths (prefixes) at which the import must name the problem, or None
# when the record has nothing to mutate that way.
Mutation = Callable[[Record], tuple[str, ...] | None]


def _events(record: Record, kind: str) -> list[int]:
    return [i for i, e in enumerate(record["events"]) if e["kind"] == kind]


def level_out_of_range(r: Record) -> tuple[str, ...]:
    r["assessments"][0]["computed_level"] = 7
    return ("assessments[0].computed_level",)


def computed_level_not_the_policys(r: Record) -> tuple[str, ...]:
    a = r["assessments"][0]
    a["computed_level"] = a["computed_level"] % 4 + 1
    return ("assessments[0].computed_level",)


def override_without_reason(r: Record) -> tuple[str, ...]:
    a = r["assessments"][0]
    a["override_level"], a["override_reason"] = a["computed_level"] % 4 + 1, None
    return ("assessments[0].override",)


def criminal_without_level_4(r: Record) -> tuple[str, ...] | None:
    index = _events(r, "assessed")[0]
    data = r["events"][index]["data"]
    if data["factors"]["criminal"]:
        return None
    data["factors"]["criminal"] = True
    return (f"events[{index}].data.level", "events[", "obligations", "assessments")


def second_standing_decision(r: Record) -> tuple[str, ...] | None:
    standing = [d for d in r["decisions"] if not d["revoked"]]
    if not standing:
        return None
    r["decisions"].append(copy.deepcopy(standing[0]))
    return ("decisions",)


def step_not_on_the_ladder(r: Record) -> tuple[str, ...]:
    index = _events(r, "decided")[0]
    r["events"][index]["data"]["step"] = "dismissal"  # a staff step
    return (f"events[{index}]",)


def days_for_a_step_without_length(r: Record) -> tuple[str, ...] | None:
    for index in _events(r, "decided"):
        data = r["events"][index]["data"]
        if data["days"] is None:
            data["days"] = 3
            return (f"events[{index}]",)
    return None


def days_beyond_the_step(r: Record) -> tuple[str, ...]:
    index = _events(r, "decided")[0]
    r["events"][index]["data"].update(step="suspension", days=9)
    return (f"events[{index}]",)


def decision_for_someone_not_an_offender(r: Record) -> tuple[str, ...]:
    index = _events(r, "decided")[0]
    target = next(i["person_id"] for i in r["involvements"] if i["role"] == "target")
    r["events"][index]["data"]["offender_id"] = target
    return (f"events[{index}]",)


def clause_for_another_kind(r: Record) -> tuple[str, ...]:
    offender = r["events"][0]["data"]["violations"][0][0]
    r["events"][0]["data"]["violations"].append([offender, "3.1"])  # 3.1 is for staff
    return ("events[0]",)


def occurred_after_reported(r: Record) -> tuple[str, ...]:
    reported = dt.datetime.fromisoformat(r["reported_at"])
    r["occurred_at"] = (reported + dt.timedelta(minutes=1)).isoformat()
    return ("events[0]", "number")


def year_1(r: Record) -> tuple[str, ...]:
    r["occurred_at"] = "0001-01-01T00:00:00+00:00"
    return ("occurred_at",)


def year_9999(r: Record) -> tuple[str, ...]:
    r["events"][-1]["at"] = "9999-12-31T00:00:00+00:00"
    return (f"events[{len(r['events']) - 1}].at",)


def number_of_another_school_year(r: Record) -> tuple[str, ...]:
    year, sequence = r["number"].split("-")
    r["number"] = f"{int(year) + 1}-{sequence}"
    return ("number",)


def number_beyond_the_counter(r: Record) -> tuple[str, ...]:
    r["number"] = f"{r['number'][:4]}-{MAX_CASE_SEQUENCE + 1}"
    return ("number",)


def number_written_otherwise(r: Record) -> tuple[str, ...]:
    r["number"] = r["number"].replace("-", "-0") + " "
    return ("number",)


def unknown_actor(r: Record) -> tuple[str, ...]:
    r["events"][-1]["actor_id"] = "ghost1"
    return (f"events[{len(r['events']) - 1}].actor_id",)


def actor_who_is_a_student(r: Record) -> tuple[str, ...]:
    r["events"][0]["actor_id"] = "s-ber1"
    return ("events[0].actor_id",)


def actor_without_a_role(r: Record) -> tuple[str, ...]:
    r["events"][-1]["actor_id"] = "norole"
    return (f"events[{len(r['events']) - 1}].actor_id",)


def actor_who_had_left(r: Record) -> tuple[str, ...]:
    r["events"][0]["actor_id"] = "left-tl"
    return ("events[0].actor_id",)


def decider_without_the_authority(r: Record) -> tuple[str, ...] | None:
    for index in _events(r, "decided"):
        step = r["events"][index]["data"]["step"]
        if step != "talk-mentor":
            r["events"][index]["actor_id"] = "men-alk"  # a mentor
            return (f"events[{index}]",)
    return None


def state_not_where_the_history_ends(r: Record) -> tuple[str, ...]:
    r["state"] = "closed" if r["state"] != "closed" else "decided"
    return ("state",)


def decided_without_decisions(r: Record) -> tuple[str, ...]:
    r["decisions"] = []
    return ("decisions",)


def event_data_with_a_field_of_its_own(r: Record) -> tuple[str, ...]:
    r["events"][0]["data"]["note"] = {"free": "json"}
    return ("events[0].data.note",)


def event_data_of_the_wrong_type(r: Record) -> tuple[str, ...]:
    index = _events(r, "assessed")[0]
    r["events"][index]["data"]["level"] = "4"
    return (f"events[{index}].data.level",)


def summary_too_long(r: Record) -> tuple[str, ...]:
    r["summary"] = "x" * 4001
    return ("events[0]",)


def reason_too_long(r: Record) -> tuple[str, ...] | None:
    reasons = [i for i, e in enumerate(r["events"]) if e["reason"]]
    if not reasons:
        return None
    r["events"][reasons[0]]["reason"] = "x" * 2001
    return (f"events[{reasons[0]}]",)


def duty_left_out(r: Record) -> tuple[str, ...] | None:
    if not r["obligations"]:
        return None
    r["obligations"].pop()
    return ("obligations",)


def duty_due_later(r: Record) -> tuple[str, ...] | None:
    if not r["obligations"]:
        return None
    due = dt.date.fromisoformat(r["obligations"][0]["due_on"])
    r["obligations"][0]["due_on"] = (due + dt.timedelta(days=1)).isoformat()
    return ("obligations[0].due_on",)


def history_out_of_order(r: Record) -> tuple[str, ...]:
    first = dt.datetime.fromisoformat(r["events"][0]["at"])
    r["events"][1]["at"] = (first - dt.timedelta(seconds=1)).isoformat()
    return ("events[1].at",)


MUTATIONS: dict[str, Mutation] = {
    f.__name__: f
    for f in (
        level_out_of_range,
        computed_level_not_the_policys,
        override_without_reason,
        criminal_without_level_4,
        second_standing_decision,
        step_not_on_the_ladder,
        days_for_a_step_without_length,
        days_beyond_the_step,
        decision_for_someone_not_an_offender,
        clause_for_another_kind,
        occurred_after_reported,
        year_1,
        year_9999,
        number_of_another_school_year,
        number_beyond_the_counter,
        number_written_otherwise,
        unknown_actor,
        actor_who_is_a_student,
        actor_without_a_role,
        actor_who_had_left,
        decider_without_the_authority,
        state_not_where_the_history_ends,
        decided_without_decisions,
        event_data_with_a_field_of_its_own,
        event_data_of_the_wrong_type,
        summary_too_long,
        reason_too_long,
        duty_left_out,
        duty_due_later,
        history_out_of_order,
    )
}


def mutated(record: Record, name: str) -> tuple[Record, tuple[str, ...] | None]:
    """A changed copy of ``record`` and where its problem must be named."""
    changed = copy.deepcopy(record)
    return changed, MUTATIONS[name](changed)
