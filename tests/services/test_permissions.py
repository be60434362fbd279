"""The whole permission table: every service, by every role, inside and outside scope.

The expected outcomes are written out here by hand, not derived from ``access.PERMISSIONS``,
so that a change to the table shows up as a failing test to be looked at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pendulum
import pytest

from pcc_cases import services as sv
from pcc_cases.domain.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from pcc_cases.domain.factors import Factors
from tests.fakes import FakeUnitOfWork
from tests.org import bootstrap, settings_at

S = settings_at()
OCCURRED = pendulum.datetime(2025, 10, 3, 20, tz="Europe/Amsterdam")

# In scope of everyone: at Alkmaar, about men-alk's student, citing article 2 (PR's concern).
IN_SCOPE: dict[str, Any] = {
    "location": "Alkmaar",
    "offenders": ["s-alk1"],
    "clauses": ["2.1"],
    "targets": ["norole"],
}
# Out of scope of everyone but cvb and fg: at Bergen, someone else's student, article 1.
OUT_OF_SCOPE: dict[str, Any] = {
    "location": "Bergen",
    "offenders": ["s-ber1"],
    "clauses": ["1.2"],
    "targets": ["norole"],
}


def prepared_case(uow: FakeUnitOfWork, scope: dict[str, Any], state: str) -> str:
    case = sv.record_incident(
        uow,
        "cvb1",
        occurred_at=OCCURRED,
        platform="x",
        summary="Bericht namens de school geplaatst",
        factors=Factors() if state != "reported" else None,
        settings=S,
        **scope,
    )
    number = case.number or ""
    offender = scope["offenders"][0]
    if state == "cited":
        sv.cite_clause(uow, "cvb1", number, offender, "6.3", settings=S)
    if state in ("decided", "under_review"):
        sv.decide_step(uow, "cvb1", number, offender, "talk-management", settings=S)
    if state == "under_review":
        sv.file_objection(uow, "cvb1", number, "Ouders maken bezwaar", settings=S)
    return number


Call = Callable[[FakeUnitOfWork, str, str, str], object]

# service name -> (state the case must be in, the call)
SERVICES: dict[str, tuple[str, Call]] = {
    "show_case": ("assessed", lambda u, a, n, o: sv.show_case(u, a, n, settings=S)),
    "recommend_steps": ("assessed", lambda u, a, n, o: sv.recommend_steps(u, a, n, settings=S)),
    "start_investigation": (
        "reported",
        lambda u, a, n, o: sv.start_investigation(u, a, n, settings=S),
    ),
    "add_involvement": (
        "reported",
        lambda u, a, n, o: sv.add_involvement(u, a, n, "norole", "witness", settings=S),
    ),
    "remove_involvement": (
        "reported",
        lambda u, a, n, o: sv.remove_involvement(
            u, a, n, "norole", "target", "Vergissing", settings=S
        ),
    ),
    "cite_clause": ("reported", lambda u, a, n, o: sv.cite_clause(u, a, n, o, "6.3", settings=S)),
    "withdraw_clause": (
        "cited",
        lambda u, a, n, o: sv.withdraw_clause(u, a, n, o, "6.3", "Niet aangetoond", settings=S),
    ),
    "assess_offender": (
        "reported",
        lambda u, a, n, o: sv.assess_offender(u, a, n, o, Factors(), settings=S),
    ),
    "override_severity": (
        "assessed",
        lambda u, a, n, o: sv.override_severity(u, a, n, o, 3, "Herhaling", settings=S),
    ),
    "decide_step": (
        "assessed",
        lambda u, a, n, o: sv.decide_step(u, a, n, o, "talk-mentor", settings=S),
    ),
    "complete_obligation": (
        "decided",
        lambda u, a, n, o: sv.complete_obligation(u, a, n, 1, settings=S),
    ),
    "close_case": ("decided", lambda u, a, n, o: sv.close_case(u, a, n, "Klaar", settings=S)),
    "dismiss_case": (
        "reported",
        lambda u, a, n, o: sv.dismiss_case(u, a, n, "Ongegrond", settings=S),
    ),
    "file_objection": (
        "decided",
        lambda u, a, n, o: sv.file_objection(u, a, n, "Bezwaar", settings=S),
    ),
    "decide_objection": (
        "under_review",
        lambda u, a, n, o: sv.decide_objection(u, a, n, False, "Ongegrond", settings=S),
    ),
}

HANDLING = {name for name in SERVICES if name != "decide_objection"}
ALLOWED_IN_SCOPE: dict[str, Any] = {
    "men-alk": HANDLING,
    "tl-alk": HANDLING,
    "vd-alk": set(SERVICES),
    "cvb1": set(SERVICES),
    # A recommendation counts earlier cases: it is for who decides, not for who may look.
    "pr1": {"show_case"},
    "fg1": {"show_case"},
    "norole": set(),
    "left-tl": set(),
}
ALLOWED_OUT_OF_SCOPE: dict[str, Any] = {
    actor: (allowed if actor in ("cvb1", "fg1") else set())
    for actor, allowed in ALLOWED_IN_SCOPE.items()
}
# Who may see the case at all: the others get "no such case", as if it did not exist.
SEES_IN_SCOPE = {"men-alk", "tl-alk", "vd-alk", "cvb1", "pr1", "fg1"}
SEES_OUT_OF_SCOPE = {"cvb1", "fg1"}
NOT_ACTIVE = {"left-tl"}  # refused as an actor, before any case is looked up


@pytest.mark.parametrize("service", sorted(SERVICES))
@pytest.mark.parametrize("actor", sorted(ALLOWED_IN_SCOPE))
@pytest.mark.parametrize("in_scope", [True, False], ids=["in-scope", "out-of-scope"])
def test_permission_table(service: str, actor: str, in_scope: bool) -> None:
    uow = FakeUnitOfWork()
    bootstrap(uow)
    scope = IN_SCOPE if in_scope else OUT_OF_SCOPE
    state, call = SERVICES[service]
    number = prepared_case(uow, scope, state)
    allowed = (ALLOWED_IN_SCOPE if in_scope else ALLOWED_OUT_OF_SCOPE)[actor]
    logged_before = len(uow.access_log.entries)
    if service in allowed:
        call(uow, actor, number, scope["offenders"][0])
        refusals = [e for e in uow.access_log.entries[logged_before:] if not e.allowed]
        assert refusals == []
    else:
        events_before = len(uow.cases.get(number).events)
        sees = actor in (SEES_IN_SCOPE if in_scope else SEES_OUT_OF_SCOPE) | NOT_ACTIVE
        with pytest.raises(PermissionDeniedError if sees else NotFoundError):
            call(uow, actor, number, scope["offenders"][0])
        refusal = uow.access_log.entries[-1]
        assert (refusal.actor_id, refusal.allowed) == (actor, False)
        assert len(uow.cases.get(number).events) == events_before


@pytest.mark.parametrize("actor", sorted(ALLOWED_IN_SCOPE))
@pytest.mark.parametrize("in_scope", [True, False], ids=["in-scope", "out-of-scope"])
def test_recording_permission(actor: str, in_scope: bool) -> None:
    uow = FakeUnitOfWork()
    bootstrap(uow)
    scope = IN_SCOPE if in_scope else OUT_OF_SCOPE
    may_record = actor in ("men-alk", "tl-alk", "vd-alk", "cvb1") if in_scope else actor == "cvb1"

    def record() -> object:
        return sv.record_incident(
            uow, actor, occurred_at=OCCURRED, platform="x", summary="s", settings=S, **scope
        )

    if may_record:
        record()
        assert len(uow.cases.stored) == 1
    else:
        # An offender of another location cannot even be named: "not found", as for an id
        # nobody has; an offender of the actor's own location they may not handle: refused.
        with pytest.raises((PermissionDeniedError, InvalidInputError)):
            record()
        assert uow.cases.stored == {}
        assert uow.access_log.entries[-1].allowed is False


@pytest.mark.parametrize(
    ("actor", "step", "allowed"),
    [
        ("men-alk", "talk-mentor", True),
        ("men-alk", "talk-management", False),
        ("tl-alk", "sanction", True),
        ("tl-alk", "internal-suspension", False),
        ("vd-alk", "suspension", True),
        ("vd-alk", "expulsion", False),
        ("cvb1", "expulsion", True),
    ],
)
def test_deciding_above_ones_authority_is_refused_and_logged(
    actor: str, step: str, allowed: bool
) -> None:
    uow = FakeUnitOfWork()
    bootstrap(uow)
    number = prepared_case(uow, IN_SCOPE, "assessed")
    days = 2 if step == "suspension" else None
    if allowed:
        if step == "expulsion":  # heard and the Inspectie consulted first
            prepare_expulsion(uow, number)
        sv.decide_step(uow, actor, number, "s-alk1", step, days, "Zwaar", settings=S)
        return
    with pytest.raises(PermissionDeniedError, match=step):
        sv.decide_step(uow, actor, number, "s-alk1", step, days, "Zwaar", settings=S)
    assert uow.access_log.entries[-1].detail and step in uow.access_log.entries[-1].detail
    assert uow.cases.get(number).decisions == []


def prepare_expulsion(uow: FakeUnitOfWork, number: str) -> None:
    sv.prepare_step(uow, "cvb1", number, "s-alk1", "expulsion", settings=S)
    case = sv.record_hearing(
        uow,
        "cvb1",
        number,
        "s-alk1",
        held_on=S.clock().date(),
        heard=["student", "parents", "teachers"],
        attendees="CvB, directeur, leerling, ouders, mentor",
        views="Gehoord",
        settings=S,
    )
    consult = next(o for o in case.obligations if o.kind == "consult-inspectie")
    sv.complete_obligation(uow, "cvb1", number, consult.seq, settings=S)


def test_unknown_or_missing_actor_is_refused() -> None:
    uow = FakeUnitOfWork()
    bootstrap(uow)
    with pytest.raises(PermissionDeniedError, match="no actor") as missing:
        sv.list_cases(uow, None, settings=S)
    assert (missing.value.code, missing.value.field) == ("permission-denied", "actor_id")
    with pytest.raises(PermissionDeniedError, match="unknown actor"):
        sv.list_cases(uow, "intruder", settings=S)
    assert uow.access_log.entries[-1].actor_id == "intruder"


def test_reads_of_details_are_logged_lists_are_scoped() -> None:
    uow = FakeUnitOfWork()
    bootstrap(uow)
    inside = prepared_case(uow, IN_SCOPE, "reported")
    prepared_case(uow, OUT_OF_SCOPE, "reported")
    assert [c.number for c in sv.list_cases(uow, "tl-alk", settings=S)] == [inside]
    assert len(sv.list_cases(uow, "cvb1", settings=S)) == 2
    sv.show_case(uow, "tl-alk", inside, settings=S)
    entry = uow.access_log.entries[-1]
    assert (entry.actor_id, entry.action, entry.case_number, entry.allowed) == (
        "tl-alk",
        "view",
        inside,
        True,
    )
