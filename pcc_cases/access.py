"""Who may do what with which case: one permission table, deny by default.

A role gives a set of actions over a scope of cases. A person's permissions are the
union over their roles; a person without a role, or who has left, may do nothing.
Deciding a step also needs the step's authority (``Case.decide`` checks that).

A case is reached through its offenders, never through a witness, target or reporter:
a mentor reaches it when every offender is their student, a location's staff when every
offender belongs to their location. Whoever is involved in a case, in any role, reaches
it not at all (a conflict of interest), and staff without a location reach no location.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping

import attrs

from pcc_cases.domain.case import Case
from pcc_cases.domain.people import Person, PersonKind, Role


class Action(enum.StrEnum):
    """Everything a service may be asked to do."""

    VIEW = "view"  # read a case's details (logged)
    RECORD = "record"  # record a new incident
    HANDLE = "handle"  # investigate, involve, cite, assess, override, obligations, objection
    DECIDE = "decide"  # take an escalation step (also needs the step's authority)
    CLOSE = "close"  # close or dismiss
    REVIEW = "review"  # decide an objection
    VIEW_PEOPLE = "view-people"
    IMPORT_PEOPLE = "import-people"
    READ_ACCESS_LOG = "read-access-log"
    REPORT = "report"  # aggregate reports of the locations in scope
    REPORT_UNSUPPRESSED = "report-unsuppressed"  # the same without small-cell suppression
    EXPORT_CASES = "export-cases"  # every case, in full, for moving to another system
    IMPORT_CASES = "import-cases"
    SUBJECT_ACCESS = "subject-access"  # everything held about one person
    PURGE = "purge"  # apply the retention policy
    MANAGE_ACCOUNTS = "manage-accounts"  # the server's local accounts and API tokens


class Scope(enum.StrEnum):
    """Which cases (and people) a role reaches."""

    OWN_STUDENTS = "own-students"  # cases whose offenders are all the actor's students
    LOCATION = "location"  # cases at the actor's location whose offenders are all of it
    PR_ARTICLES = "pr-articles"  # cases citing article 2 or clause 6.8
    ALL = "all"


_HANDLING = frozenset(
    {Action.VIEW, Action.RECORD, Action.HANDLE, Action.DECIDE, Action.CLOSE, Action.VIEW_PEOPLE}
)

_REPORTS = frozenset({Action.REPORT, Action.REPORT_UNSUPPRESSED})

PERMISSIONS: Mapping[Role, tuple[Scope, frozenset[Action]]] = {
    Role.MENTOR: (Scope.OWN_STUDENTS, _HANDLING),
    Role.TEAMLEIDER: (Scope.LOCATION, _HANDLING | {Action.REPORT}),
    Role.VESTIGINGSDIRECTEUR: (Scope.LOCATION, _HANDLING | _REPORTS | {Action.REVIEW}),
    Role.CVB: (
        Scope.ALL,
        _HANDLING
        | _REPORTS
        | {
            Action.REVIEW,
            Action.IMPORT_PEOPLE,
            Action.READ_ACCESS_LOG,
            Action.EXPORT_CASES,
            Action.IMPORT_CASES,
            Action.SUBJECT_ACCESS,
            Action.PURGE,
            Action.MANAGE_ACCOUNTS,
        },
    ),
    Role.PR: (Scope.PR_ARTICLES, frozenset({Action.VIEW})),
    Role.FG: (
        Scope.ALL,
        frozenset(
            {
                Action.VIEW,
                Action.VIEW_PEOPLE,
                Action.IMPORT_PEOPLE,
                Action.READ_ACCESS_LOG,
                Action.SUBJECT_ACCESS,
                Action.PURGE,
            }
        ),
    ),
}
"""The permission table (shown in the docs): role -> (scope, actions)."""

PR_ARTICLE = "2"
PR_CLAUSE = "6.8"


def concerns_pr(case: Case) -> bool:
    """Speaking for PCC (article 2) or posts about PCC (6.8): PR's business."""
    return any(
        v.clause_id.split(".")[0] == PR_ARTICLE or v.clause_id == PR_CLAUSE for v in case.violations
    )


@attrs.frozen
class Actor:
    """The person acting, with what their scope needs: their location and their students."""

    person: Person
    mentees: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return self.person.id

    def active_on(self, today: dt.date) -> bool:
        return self.person.kind is PersonKind.STAFF and not self.person.has_left(today)

    def scopes_for(self, action: Action) -> set[Scope]:
        return {
            scope
            for role in self.person.roles
            for scope, actions in [PERMISSIONS[role]]
            if action in actions
        }

    def may(
        self,
        action: Action,
        case: Case | None = None,
        offenders: Mapping[str, Person] | None = None,
    ) -> bool:
        """Whether the table allows ``action`` (on ``case``, when the action is about one).

        ``offenders`` are the case's offenders' records, by id: a location's staff reach
        an offender through the offender's location (an offender without one, such as an
        external person, through the case's). An offender missing from it reaches no one.
        """
        scopes = self.scopes_for(action)
        if case is None:
            return bool(scopes)
        if self.conflicted(case):
            return False  # involved in the case, whatever the role
        return any(self._reaches(scope, case, offenders or {}) for scope in scopes)

    def conflicted(self, case: Case) -> bool:
        """Whether the actor is involved in ``case`` and so may not touch it."""
        return self.id in case.person_ids

    def report_locations(self, action: Action) -> frozenset[str] | None:
        """The locations ``action`` reaches: None for all, empty for none."""
        scopes = self.scopes_for(action)
        if Scope.ALL in scopes:
            return None
        if Scope.LOCATION in scopes and self.person.location:
            return frozenset({self.person.location})
        return frozenset()

    def may_see_person(self, person: Person) -> bool:
        here = self.person.location
        for scope in self.scopes_for(Action.VIEW_PEOPLE):
            if scope is Scope.ALL or person.id == self.id:
                return True
            if scope is Scope.LOCATION and here is not None and person.location == here:
                return True
            if scope is Scope.OWN_STUDENTS and person.id in self.mentees:
                return True
        return False

    def _reaches(self, scope: Scope, case: Case, offenders: Mapping[str, Person]) -> bool:
        if scope is Scope.ALL:
            return True
        if scope is Scope.PR_ARTICLES:
            return concerns_pr(case)
        ids = case.offender_ids
        if not ids:
            return False
        if scope is Scope.OWN_STUDENTS:
            return all(offender in self.mentees for offender in ids)
        here = self.person.location
        if here is None or case.location != here:
            return False
        return all(
            offender in offenders and (offenders[offender].location or case.location) == here
            for offender in ids
        )

    def refusal(self, action: Action, case: Case | None) -> str:
        if case is not None and self.conflicted(case):
            return f"{self.id} is involved in case {case.number} and may not {action.value} it"
        roles = ", ".join(sorted(r.value for r in self.person.roles)) or "none"
        where = f" case {case.number}" if case is not None and case.number else ""
        return (
            f"{self.id} (roles: {roles}) may not {action.value}{where}; "
            f"see the permission table in the documentation"
        )


def permission_rows() -> Iterable[tuple[str, str, list[str]]]:
    """The table as rows (role, scope, actions), for the docs and the CLI."""
    for role, (scope, actions) in PERMISSIONS.items():
        yield role.value, scope.value, sorted(a.value for a in actions)
