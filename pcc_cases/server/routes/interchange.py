"""Whole cases in and out as JSON Lines, as ``pcc-cases export/import cases`` do (cvb)."""

from __future__ import annotations

import io
from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.params import FromQuery, QueryParameter, RawBody

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.period import period_from
from pcc_cases.interchange.cases_io import export_cases, import_cases, split_lines
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.privacy_schemas import CaseImportOut
from pcc_cases.server.routes.reports import QUERY_NAMES
from pcc_cases.translation import N_

TAGS = ["interchange"]
JSON_LINES = "application/jsonl"


@get("/export/cases", sync_to_thread=True, tags=TAGS, media_type=JSON_LINES)
def export(
    request: Request[Any, Any, Any],
    school_year: Annotated[str | None, QueryParameter(description="2025-2026")] = None,
    date_from: Annotated[str | None, QueryParameter(name="from", description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, QueryParameter(name="to", description="YYYY-MM-DD")] = None,
) -> Response[bytes]:
    """Every case (of a school year or span) in full, one JSON object per line."""
    who = caller(request).person_id
    period = period_from(school_year, date_from, date_to, QUERY_NAMES)
    out = io.StringIO()
    with unit(request, write=False) as uow:
        export_cases(uow, who, out, period=period, settings=state_of(request).server.services)
    return Response(
        out.getvalue().encode("utf-8"),
        media_type=JSON_LINES,
        headers={"Content-Disposition": 'attachment; filename="zaken.jsonl"'},
    )


@post("/import/cases", sync_to_thread=True, status_code=200, tags=TAGS)
def import_(
    request: Request[Any, Any, Any], body: RawBody, dry_run: FromQuery[bool] = False
) -> CaseImportOut:
    """Import cases exported by pcc_cases (the body: JSON Lines, UTF-8). All or nothing:
    every problem is listed by line and field; ``dry_run`` only checks.
    """
    who = caller(request).person_id
    try:
        text = bytes(body).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            N_("the body is not UTF-8 text (byte {start})"), field="body", start=exc.start
        ) from None
    with unit(request) as uow:
        result = import_cases(
            uow, who, split_lines(text), dry_run=dry_run, settings=state_of(request).server.services
        )
    return CaseImportOut(
        created=list(result.created), unchanged=result.unchanged, dry_run=result.dry_run
    )
