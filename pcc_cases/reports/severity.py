"""The severity report: what the board and directors read, private by default.

``severity_report`` checks who asks and for which locations, computes the figures of the
period and of the one before it in SQL, and hides small counts unless the asker may see
every person counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import pendulum
from sqlalchemy import select

from pcc_cases.access import Action, Actor
from pcc_cases.adapters import tables as t
from pcc_cases.adapters.unit_of_work import UnitOfWork, session_of
from pcc_cases.domain.checks import id_list
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.people import PersonKind
from pcc_cases.domain.period import Period, current_school_year
from pcc_cases.domain.time import local_date
from pcc_cases.reports.figures import compute_figures
from pcc_cases.reports.publishable import month_prefixes, published_period
from pcc_cases.reports.suppression import DEFAULT_THRESHOLD, apply, series_hidden
from pcc_cases.services.guard import load_actor, log_read, refuse
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings
from pcc_cases.translation import N_


@attrs.frozen
class SeverityReport:
    """The figures of a period and scope, as shown (suppressed cells are None)."""

    period: Period
    locations: tuple[str, ...]
    threshold: int
    suppression_applied: bool
    suppressed_cells: tuple[str, ...]
    figures: dict[str, Any]
    previous: dict[str, Any] | None
    previous_period: Period
    generated_at: pendulum.DateTime

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (see docs/reports.md and its JSON Schema)."""
        return {
            "report": "severity",
            "period": {
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
                "label": self.period.label,
            },
            "generated_at": self.generated_at.in_timezone("UTC").isoformat(),
            "locations": list(self.locations),
            "suppression": {
                "threshold": self.threshold,
                "applied": self.suppression_applied,
                "cells": list(self.suppressed_cells),
            },
            **self.figures,
            "previous": self.previous,
        }


def severity_report(
    uow: UnitOfWork,
    actor_id: str | None,
    *,
    period: Period | None = None,
    locations: Sequence[str] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    suppression: bool = True,
    settings: Settings = DEFAULT_SETTINGS,
) -> SeverityReport:
    """The severity report for ``period`` (default: the current school year).

    ``locations`` defaults to every location the actor may report on. Without
    suppression, the actor's scope must cover every location asked for. With it (a report
    to publish), the report covers a whole school year through its last ended month, and
    every location in the actor's scope (see docs/reports.md).

    Raises:
        InvalidInputError: a threshold outside 1 to 100, an unknown location; with
            suppression, a period that is not a school year (or has no ended month) or
            part of the actor's locations.
        PermissionDeniedError: a location outside the actor's scope, no suppression
            without the right to it, or a threshold below 5 without it (logged).
    """
    if locations is not None:
        locations = id_list(locations, "locations")
    if isinstance(threshold, bool) or not 1 <= threshold <= 100:
        raise InvalidInputError(
            N_("{threshold!r} is not a number from 1 to 100"),
            field="threshold",
            threshold=threshold,
        )
    actor = load_actor(uow, actor_id, settings)
    now = settings.clock()
    today = local_date(now)
    action = Action.REPORT if suppression else Action.REPORT_UNSUPPRESSED
    allowed = actor.report_locations(action)
    wanted = sorted(set(locations)) if locations else None
    if wanted is not None:
        known = uow.people.locations() | _case_locations(uow)
        unknown = [loc for loc in wanted if loc not in known]
        if unknown:
            shown = known if allowed is None else allowed
            raise InvalidInputError(
                N_("{unknown} unknown; known: {shown}"),
                field="location",
                unknown=", ".join(unknown),
                shown=", ".join(sorted(shown)),
            )
    # None: every location, without a filter (the whole organisation).
    scope = wanted if wanted is not None else (None if allowed is None else sorted(allowed))
    outside = [loc for loc in scope or () if allowed is not None and loc not in allowed]
    if scope == [] or outside:
        what = "an unsuppressed report" if not suppression else "a report"
        where = ", ".join(outside) or "any location"
        refuse(uow, actor.id, action.value, now, None, f"{actor.id} may not see {what} of {where}")
    period = period or current_school_year(today)
    if suppression:
        _check_publishable(uow, actor, now, scope, allowed, threshold)
        period = published_period(period, today)
    previous_period = period.previous()
    steps = _step_names(settings)
    conn = session_of(uow).connection()

    def figures_of(span: Period) -> dict[str, Any]:
        return compute_figures(conn, settings.protocol, span, scope, today, steps)

    cells: list[str] = []
    if suppression:
        base = min(threshold, DEFAULT_THRESHOLD)
        this_year = [figures_of(p) for p in month_prefixes(period)]
        last_year = [figures_of(p) for p in month_prefixes(previous_period)]
        figures, previous = this_year[-1], last_year[-1]
        cells = apply(figures, series_hidden(this_year, threshold, base), threshold)
        cells += apply(previous, series_hidden(last_year, threshold, base), threshold, "previous.")
    else:
        figures, previous = figures_of(period), figures_of(previous_period)
    log_read(uow, actor, f"report:{period.label}", now)
    uow.commit()
    return SeverityReport(
        period=period,
        locations=tuple(scope) if scope is not None else tuple(sorted(uow.people.locations())),
        threshold=threshold,
        suppression_applied=suppression,
        suppressed_cells=tuple(cells),
        figures=figures,
        previous=previous if _has_cases(previous) else None,
        previous_period=previous_period,
        generated_at=now.replace(microsecond=0),
    )


def _check_publishable(
    uow: UnitOfWork,
    actor: Actor,
    now: pendulum.DateTime,
    scope: list[str] | None,
    allowed: frozenset[str] | None,
    threshold: int,
) -> None:
    """A suppressed report covers the actor's whole scope, at the default threshold or
    above unless the actor may see small counts anyway: otherwise two of them could be
    subtracted (one location from all, or a low threshold from a high one).
    """
    if threshold < DEFAULT_THRESHOLD:
        unsuppressed = actor.report_locations(Action.REPORT_UNSUPPRESSED)
        if unsuppressed is not None and (scope is None or not set(scope) <= unsuppressed):
            refuse(
                uow,
                actor.id,
                Action.REPORT.value,
                now,
                None,
                f"{actor.id} may not lower the threshold below {DEFAULT_THRESHOLD}: "
                "only who may see small counts may",
            )
    if scope is not None and (allowed is None or set(scope) != allowed):
        everything = "the whole organisation" if allowed is None else ", ".join(sorted(allowed))
        raise InvalidInputError(
            N_(
                "a report with small counts hidden covers all your locations ({everything}); some "
                "of them only with --no-suppression"
            ),
            field="location",
            everything=everything,
        )


def _has_cases(figures: dict[str, Any]) -> bool:
    return bool(figures["total_cases"] != 0)


def _case_locations(uow: UnitOfWork) -> frozenset[str]:
    return frozenset(session_of(uow).scalars(select(t.cases.c.location).distinct()))


def _step_names(settings: Settings) -> list[str]:
    names: list[str] = []
    for kind in (PersonKind.STUDENT, PersonKind.STAFF):
        names += [s.name for s in settings.policy.ladder(kind).steps if s.name not in names]
    return names
