"""--school-year, or --from and --to: the period options of reports and exports."""

from __future__ import annotations

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.period import Period, date_span, parse_school_year
from pcc_cases.domain.time import parse_date
from pcc_cases.translation import N_


def period_from_options(
    school_year: str | None, date_from: str | None, date_to: str | None
) -> Period | None:
    if school_year and (date_from or date_to):
        raise InvalidInputError(N_("give either --school-year or --from/--to, not both"))
    if bool(date_from) != bool(date_to):
        raise InvalidInputError(N_("--from and --to go together"))
    if school_year:
        return parse_school_year(school_year)
    if date_from and date_to:
        return date_span(parse_date(date_from, "--from"), parse_date(date_to, "--to"))
    return None
