"""Incidents and cases: record, list, search, show, and every step of handling one.

Each handler proves the caller, then runs one service as them in one transaction; the
services check the permission table, the lifecycle and the policy, and log reads and
refusals. A case outside the caller's scope is a 404, as one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from pcc_cases.adapters.unit_of_work import UnitOfWork
from pcc_cases.domain.case import Case
from pcc_cases.domain.case_parts import Evidence
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.snapshot import case_document
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.schemas import (
    AssessmentIn,
    CaseOut,
    CasesPage,
    CaseSummary,
    CitationIn,
    CompletionIn,
    DecisionIn,
    FactorsIn,
    InvolvementIn,
    Limit,
    ObjectionDecisionIn,
    ObligationOut,
    ObligationsPage,
    Offset,
    OverrideIn,
    ReasonIn,
    RecommendationOut,
    RecordIn,
    RequiredReasonIn,
    SearchIn,
    SequenceNumber,
    next_offset,
)
from pcc_cases.services import cases as handling
from pcc_cases.services.queries import list_cases, list_obligations, show_case
from pcc_cases.services.settings import Settings

TAGS = ["cases"]


def factors_of(data: JSONBody[FactorsIn]) -> Factors:
    return Factors(
        reach=data.reach,
        intent=data.intent,
        harm=data.harm,
        confidential=data.confidential,
        criminal=data.criminal,
        removed_and_apologised=data.removed_and_apologised,
    )


def summary(case: Case) -> CaseSummary:
    return CaseSummary(
        number=case.number or "",
        state=case.state.value,
        severity=case.severity,
        school_year=case.school_year,
        occurred_at=case.occurred_at,
        location=case.location,
        platform=case.platform.value,
        offenders=list(case.offender_ids),
    )


def run_as_caller(
    request: Request[Any, Any, Any],
    work: Callable[[UnitOfWork, str, Settings], object],
) -> CaseOut:
    """Run ``work`` as the proven caller; the answer is the case as it is afterwards."""
    who = caller(request).person_id
    settings = state_of(request).server.services
    with unit(request) as uow:
        result = work(uow, who, settings)
    if isinstance(result, Case):
        return case_document(result)
    number = request.path_params["number"]
    with unit(request) as uow:
        return case_document(show_case(uow, who, number, settings=settings))


@post("/cases", sync_to_thread=True, tags=TAGS)
def record(request: Request[Any, Any, Any], data: JSONBody[RecordIn]) -> CaseOut:
    """Record a new incident; with ``factors``, every offender is assessed at once."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.record_incident(
            uow,
            who,
            occurred_at=data.occurred_at,
            platform=data.platform,
            location=data.location,
            summary=data.summary,
            offenders=data.offenders,
            clauses=data.clauses,
            targets=data.targets,
            witnesses=data.witnesses,
            reporter=data.reporter,
            factors=None if data.factors is None else factors_of(data.factors),
            evidence=[Evidence.create(e.kind, e.reference, e.captured_at) for e in data.evidence],
            settings=settings,
        ),
    )


@get("/cases", sync_to_thread=True, tags=TAGS)
def cases(
    request: Request[Any, Any, Any],
    case_state: Annotated[str | None, QueryParameter(name="state")] = None,
    location: FromQuery[str | None] = None,
    school_year: FromQuery[int | None] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> CasesPage:
    """The cases the caller may see, filtered by state, location and school year."""
    who = caller(request).person_id
    with unit(request) as uow:
        found = list_cases(
            uow,
            who,
            state=case_state,
            location=location,
            school_year=school_year,
            limit=limit,
            offset=offset,
            settings=state_of(request).server.services,
        )
    return CasesPage([summary(c) for c in found], next_offset(offset, limit, len(found)))


@post("/cases/search", sync_to_thread=True, status_code=200, tags=TAGS)
def search_cases(request: Request[Any, Any, Any], data: JSONBody[SearchIn]) -> CasesPage:
    """The cases the caller may see whose number, or someone involved, matches ``text``."""
    who = caller(request).person_id
    with unit(request) as uow:
        found = list_cases(
            uow,
            who,
            search=data.text,
            limit=data.limit,
            offset=data.offset,
            settings=state_of(request).server.services,
        )
    return CasesPage([summary(c) for c in found], next_offset(data.offset, data.limit, len(found)))


@get("/cases/{number:str}", sync_to_thread=True, tags=TAGS)
def case(request: Request[Any, Any, Any], number: FromPath[str]) -> CaseOut:
    """One case in full (the read is logged)."""
    who = caller(request).person_id
    with unit(request) as uow:
        return case_document(
            show_case(uow, who, number, settings=state_of(request).server.services)
        )


@post("/cases/{number:str}/investigation", sync_to_thread=True, status_code=200, tags=TAGS)
def investigate(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[ReasonIn]
) -> CaseOut:
    """Start the investigation."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.start_investigation(
            uow, who, number, data.reason, settings=settings
        ),
    )


@post("/cases/{number:str}/involvements", sync_to_thread=True, status_code=200, tags=TAGS)
def involve(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[InvolvementIn]
) -> CaseOut:
    """Add a person in a role (offender, target, witness, reporter)."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.add_involvement(
            uow, who, number, data.person_id, data.role, data.reason, settings=settings
        ),
    )


@post("/cases/{number:str}/citations", sync_to_thread=True, status_code=200, tags=TAGS)
def cite(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[CitationIn]
) -> CaseOut:
    """Cite a clause of the protocol against an offender."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.cite_clause(
            uow, who, number, data.offender_id, data.clause_id, data.reason, settings=settings
        ),
    )


@post("/cases/{number:str}/assessments", sync_to_thread=True, status_code=200, tags=TAGS)
def assess(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[AssessmentIn]
) -> CaseOut:
    """Assess an offender's part: the factors give the severity level."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.assess_offender(
            uow, who, number, data.offender_id, factors_of(data.factors), settings=settings
        ),
    )


@post("/cases/{number:str}/severity-override", sync_to_thread=True, status_code=200, tags=TAGS)
def override(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[OverrideIn]
) -> CaseOut:
    """Set an offender's severity level by hand, with the reason."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.override_severity(
            uow, who, number, data.offender_id, data.level, data.reason, settings=settings
        ),
    )


@get("/cases/{number:str}/recommendation", sync_to_thread=True, tags=TAGS)
def recommend(request: Request[Any, Any, Any], number: FromPath[str]) -> list[RecommendationOut]:
    """The step the policy proposes per offender (null fields: not assessed yet)."""
    who = caller(request).person_id
    with unit(request) as uow:
        found = handling.recommend_steps(
            uow, who, number, settings=state_of(request).server.services
        )
    return [
        RecommendationOut(offender, None, None, None, None)
        if r is None
        else RecommendationOut(offender, r.step, r.severity, r.prior_cases, r.consider)
        for offender, r in found.items()
    ]


@post("/cases/{number:str}/decisions", sync_to_thread=True, status_code=200, tags=TAGS)
def decide(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[DecisionIn]
) -> CaseOut:
    """Decide an escalation step for an offender (needs the step's authority)."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.decide_step(
            uow,
            who,
            number,
            data.offender_id,
            data.step,
            data.days,
            data.reason,
            first_day=data.first_day,
            settings=settings,
        ),
    )


@post("/cases/{number:str}/close", sync_to_thread=True, status_code=200, tags=TAGS)
def close(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[ReasonIn]
) -> CaseOut:
    """Close a decided case (with open duties, only with a reason)."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.close_case(
            uow, who, number, data.reason, settings=settings
        ),
    )


@post("/cases/{number:str}/dismiss", sync_to_thread=True, status_code=200, tags=TAGS)
def dismiss(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[RequiredReasonIn]
) -> CaseOut:
    """Dismiss a case, with the reason."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.dismiss_case(
            uow, who, number, data.reason, settings=settings
        ),
    )


@post("/cases/{number:str}/objection", sync_to_thread=True, status_code=200, tags=TAGS)
def object_to(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[RequiredReasonIn]
) -> CaseOut:
    """Record an objection (bezwaar) against the decision."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.file_objection(
            uow, who, number, data.reason, settings=settings
        ),
    )


@post("/cases/{number:str}/objection-decision", sync_to_thread=True, status_code=200, tags=TAGS)
def review(
    request: Request[Any, Any, Any], number: FromPath[str], data: JSONBody[ObjectionDecisionIn]
) -> CaseOut:
    """Decide the objection: upheld revokes the decisions under review."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.decide_objection(
            uow, who, number, data.upheld, data.reason, settings=settings
        ),
    )


@get("/obligations", sync_to_thread=True, tags=TAGS)
def obligations(
    request: Request[Any, Any, Any],
    overdue_only: FromQuery[bool] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ObligationsPage:
    """The open duties of the cases the caller handles, by due date."""
    who = caller(request).person_id
    with unit(request) as uow:
        found = list_obligations(
            uow,
            who,
            overdue_only=overdue_only,
            limit=limit,
            offset=offset,
            settings=state_of(request).server.services,
        )
    return ObligationsPage(
        [ObligationOut.of(v) for v in found], next_offset(offset, limit, len(found))
    )


@post(
    "/cases/{number:str}/obligations/{seq:int}/completion",
    sync_to_thread=True,
    status_code=200,
    tags=TAGS,
)
def complete(
    request: Request[Any, Any, Any],
    number: FromPath[str],
    seq: SequenceNumber,
    data: JSONBody[CompletionIn],
) -> CaseOut:
    """Mark a duty done (today, or on ``done_on``)."""
    return run_as_caller(
        request,
        lambda uow, who, settings: handling.complete_obligation(
            uow, who, number, seq, data.done_on, settings=settings
        ),
    )
