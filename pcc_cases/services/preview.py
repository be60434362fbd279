"""The severity and recommendation an incident would get, shown before it is recorded.

Nothing is stored but the logged read: the recommendation counts each offender's earlier
decided cases, which is data about them.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pendulum

from pcc_cases.access import Action
from pcc_cases.domain.case import check_applies
from pcc_cases.domain.checks import id_list
from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.domain.factors import Factors
from pcc_cases.domain.policy import Recommendation, SeverityResult
from pcc_cases.domain.time import as_utc
from pcc_cases.services.cases import known_people
from pcc_cases.services.guard import authorize, load_actor, log_read
from pcc_cases.services.ports import UnitOfWorkPort
from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings
from pcc_cases.translation import N_


@attrs.frozen
class Preview:
    """What one offender's part would weigh, and the step the policy would propose."""

    offender_id: str
    severity: SeverityResult
    recommendation: Recommendation
    prior_cases: int


def preview_incident(
    uow: UnitOfWorkPort,
    actor_id: str | None,
    *,
    occurred_at: pendulum.DateTime,
    offenders: Sequence[str],
    clauses: Sequence[str],
    factors: Factors,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Preview]:
    """Each offender's level from ``clauses`` and ``factors``, and the recommended step
    counting their earlier decided cases, as recording the incident would give them.

    Raises:
        InvalidInputError: no offender or no clause, an unknown person, a clause that is
            not written for the offender's kind.
        ProtocolError: a clause the protocol does not have.
        PermissionDeniedError: the actor may not record, or an offender is out of scope.
    """
    offenders, clauses = id_list(offenders, "offenders"), id_list(clauses, "clauses")
    if not offenders:
        raise InvalidInputError(N_("choose at least one offender"), field="offenders")
    actor = load_actor(uow, actor_id, settings)
    authorize(uow, actor, Action.RECORD, None, settings)
    now = settings.clock()
    kinds = known_people(uow, offenders, actor, now)
    cited = [settings.protocol.clause(c) for c in clauses]
    for offender in offenders:
        for clause in cited:
            check_applies(clause, kinds[offender], offender)
    severity = settings.policy.severity.assess(cited, factors)
    when = as_utc(occurred_at)
    since = when.subtract(days=settings.policy.lookback_days)
    previews = []
    for offender in offenders:
        prior = uow.cases.count_prior_decided(offender, since, when, None)
        step = settings.policy.recommend(kinds[offender], severity.level, prior)
        previews.append(Preview(offender, severity, step, prior))
        log_read(uow, actor, "preview-incident", now, None, offender)
    uow.commit()
    return previews
