"""Which periods a suppressed report may cover, and the earlier reports it must agree with.

A suppressed report is meant to be published, so its reader may hold several. It covers a
whole school year, and of the running year only the months that have ended: two reports
then differ by whole months at least, never by a day. Its figures are compared with those
of the same year after each earlier month (see ``suppression.series_hidden``).
"""

from __future__ import annotations

import datetime as dt

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.period import Period
from pcc_cases.translation import N_


def published_period(period: Period, today: dt.date) -> Period:
    """``period`` as a suppressed report covers it: a school year, through its last ended
    month.

    Raises:
        InvalidInputError: not a school year, or a school year without an ended month.
    """
    if not period.is_school_year:
        raise InvalidInputError(
            N_(
                "a report with small counts hidden covers a whole school year, not {label}; other "
                "periods only with --no-suppression"
            ),
            field="period",
            label=period.label,
        )
    last_ended = today.replace(day=1) - dt.timedelta(days=1)
    if last_ended >= period.end:
        return period
    if last_ended < period.start:
        raise InvalidInputError(
            N_("no month of school year {label} has ended yet"), field="period", label=period.label
        )
    return period.through(last_ended)


def month_prefixes(period: Period) -> list[Period]:
    """The period through its first month, its second, ..., and whole (the last)."""
    return [period.through(last) for _first, last in period.month_spans()]
