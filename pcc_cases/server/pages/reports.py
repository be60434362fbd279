"""Rapportage: the severity report of a school year for those with the report role, its
summary beside the previous year, and the files to download.

The school year travels in the address (``?school_year=2025-2026``): a period, never a
person. Small counts are hidden as in every published report.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Request, Response, get
from litestar.params import QueryParameter

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.period import parse_school_year, school_year
from pcc_cases.domain.time import local_date, school_year_of
from pcc_cases.reports.render_html import report_charts
from pcc_cases.reports.render_text import shown, summary_rows
from pcc_cases.reports.severity import SeverityReport, severity_report
from pcc_cases.server.gate import caller, state_of, unit
from pcc_cases.server.identity import Principal
from pcc_cases.server.language import request_language
from pcc_cases.server.pages.render import page, viewer
from pcc_cases.server.routes.reports import report_file
from pcc_cases.translation import N_

YEARS_BACK = 5
SchoolYear = Annotated[str | None, QueryParameter(name="school_year", required=False)]


def _report(request: Request[Any, Any, Any], principal: Principal, label: str) -> SeverityReport:
    settings = state_of(request).server.services
    with unit(request) as uow:
        return severity_report(
            uow, principal.person_id, period=parse_school_year(label), settings=settings
        )


@get("/reports", include_in_schema=False, sync_to_thread=True)
def reports(request: Request[Any, Any, Any], chosen: SchoolYear = None) -> Response[str]:
    principal = caller(request)
    settings = state_of(request).server.services
    lang = request_language(request)
    this_year = school_year_of(local_date(settings.clock()))
    years = [school_year(this_year - back).label for back in range(YEARS_BACK)]
    label = chosen if chosen in years else years[0]
    report, error = None, None
    try:
        report = _report(request, principal, label)
    except InvalidInputError as refused:  # a year without an ended month, say
        error = refused.translated(lang)
    with unit(request) as uow:
        who = viewer(uow, principal)
    rows = [] if report is None else summary_rows(report, lang)
    return page(
        request,
        "reports.html.j2",
        N_("Reports"),
        who,
        years=years,
        chosen=label,
        error=error,
        rows=[(name, shown(now, lang), shown(before, lang)) for name, now, before in rows],
        charts=[]  # charts of a year without cases would only draw empty axes
        if report is None or report.figures["total_cases"] == 0
        else report_charts(report, lang),
        formats=[("xlsx", "Excel (XLSX)"), ("csv", "CSV"), ("html", N_("Printable page (HTML)"))],
    )


@get("/reports/download", include_in_schema=False, sync_to_thread=True)
def download(
    request: Request[Any, Any, Any],
    chosen: SchoolYear = None,
    file_format: Annotated[Literal["xlsx", "csv", "html"], QueryParameter(name="format")] = "xlsx",
) -> Response[bytes]:
    principal = caller(request)
    if chosen is None:
        raise InvalidInputError(N_("choose a school year"), field="school_year")
    report = _report(request, principal, chosen)
    server = state_of(request).server
    return report_file(report, file_format, request_language(request), server.organisation)
