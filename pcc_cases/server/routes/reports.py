"""The severity report in each of its formats, as the CLI makes it."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from litestar import Request, Response, get
from litestar.params import FromQuery, QueryParameter

from pcc_cases.domain.period import PeriodNames, period_from
from pcc_cases.reports.render_html import render_html
from pcc_cases.reports.severity import SeverityReport, severity_report
from pcc_cases.reports.suppression import DEFAULT_THRESHOLD
from pcc_cases.reports.tabular import render_csv
from pcc_cases.reports.workbook import render_xlsx
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.language import request_language

TAGS = ["reports"]
QUERY_NAMES = PeriodNames(school_year="school_year", date_from="from", date_to="to")
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


@get("/reports/severity", sync_to_thread=True, tags=TAGS, media_type="application/json")
def severity(
    request: Request[Any, Any, Any],
    school_year: Annotated[str | None, QueryParameter(description="2025-2026")] = None,
    date_from: Annotated[str | None, QueryParameter(name="from", description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, QueryParameter(name="to", description="YYYY-MM-DD")] = None,
    location: Annotated[list[str] | None, QueryParameter(description="repeat for more")] = None,
    report_format: Annotated[
        Literal["json", "csv", "xlsx", "html"], QueryParameter(name="format")
    ] = "json",
    threshold: Annotated[int, QueryParameter(ge=1, le=100)] = DEFAULT_THRESHOLD,
    suppression: FromQuery[bool] = True,
) -> Response[bytes]:
    """How many breaches, how grave, of which articles, where, when, and what was done.

    With small counts hidden (the default) the report covers a whole school year and all
    the caller's locations, and is safe to publish (see the reports page of the docs).
    The language of CSV, XLSX and HTML follows ``Accept-Language``.
    """
    who = caller(request).person_id
    state = state_of(request)
    period = period_from(school_year, date_from, date_to, QUERY_NAMES)
    with unit(request) as uow:
        report = severity_report(
            uow,
            who,
            period=period,
            locations=location,
            threshold=threshold,
            suppression=suppression,
            settings=state.server.services,
        )
    return report_file(report, report_format, request_language(request), state.server.organisation)


def report_file(
    report: SeverityReport, report_format: str, lang: str, organisation: str
) -> Response[bytes]:
    """``report`` as a file of ``report_format`` (json, csv, xlsx or html)."""
    content: bytes
    if report_format == "json":
        content = json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")
    elif report_format == "csv":
        content = render_csv(report, lang)
    elif report_format == "xlsx":
        content = render_xlsx(report, lang, organisation)
    else:
        content = render_html(report, lang, organisation).encode("utf-8")
    headers = {}
    if report_format != "json":
        name = f"ernst-{report.period.label.replace('/', '_')}.{report_format}"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(content, media_type=MEDIA_TYPES[report_format], headers=headers)
