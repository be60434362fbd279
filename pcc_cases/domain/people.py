"""The people a case is about or decided by, as the admin system knows them.

A person is identified by the admin system's own number (leerlingnummer, personeelsnummer).
A BSN (citizen service number) has no place here: there is no field for it.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata

import attrs

from pcc_cases.domain.checks import text_problem
from pcc_cases.domain.errors import InvalidInputError, choices
from pcc_cases.translation import N_


class PersonKind(enum.StrEnum):
    """Whom the protocol binds: students, staff, and external people (parents, others)."""

    STUDENT = "student"
    STAFF = "staff"
    EXTERNAL = "external"


class Role(enum.StrEnum):
    """Organisational roles of staff, which give authority and scope."""

    MENTOR = "mentor"
    TEAMLEIDER = "teamleider"
    VESTIGINGSDIRECTEUR = "vestigingsdirecteur"
    PR = "pr"
    CVB = "cvb"
    FG = "fg"


AUTHORITY_RANK: dict[Role, int] = {
    Role.MENTOR: 1,
    Role.TEAMLEIDER: 2,
    Role.VESTIGINGSDIRECTEUR: 3,
    Role.CVB: 4,
}
"""Who may decide which escalation step: a higher rank may decide everything below it."""

TEXT_LIMITS = {"first_name": 100, "last_name": 100, "location": 100, "class": 20}
"""The longest name, location and class the people table holds, in characters."""

PSEUDONYM_PREFIX = "anon-"
"""The start of the id the retention purge gives a person in place of their own."""

_PERSON_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


# Letters that are not a base letter with an accent, so that decomposing leaves them as
# they are; names at Dutch schools have them (Yıldız, Søren, Łukasz).
_LETTERS_WITHOUT_ACCENT = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
    }
)


def fold(text: str) -> str:
    """Text for searching: lower case, accents dropped, spaces collapsed (Zoë finds Zoe,
    Yildiz finds Yıldız).
    """
    plain = unicodedata.normalize("NFKD", text.translate(_LETTERS_WITHOUT_ACCENT).casefold())
    kept = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFKC", kept).casefold().split())


def is_person_id(value: object) -> bool:
    """Whether ``value`` can be an admin-system id at all (and so be stored as one)."""
    return isinstance(value, str) and _PERSON_ID.fullmatch(value) is not None


def check_person_id(value: str, field: str = "id") -> str:
    """An admin-system id: 1 to 40 letters, digits, '.', '_' or '-'."""
    if not is_person_id(value):
        raise InvalidInputError(
            N_(
                "{value!r} is not a valid person id (1 to 40 letters, digits, '.', '_', '-', "
                "starting with a letter or digit)"
            ),
            field=field,
            value=value,
        )
    return value


def parse_roles(text: str | None) -> frozenset[Role]:
    """Roles from a '|'-separated list such as 'mentor|teamleider'."""
    if not text or not text.strip():
        return frozenset()
    roles = set()
    for part in text.split("|"):
        name = part.strip().lower()
        try:
            roles.add(Role(name))
        except ValueError:
            raise InvalidInputError(
                N_("{value!r} is not a role; allowed: {Role}"),
                field="roles",
                value=part.strip(),
                Role=choices(r.value for r in Role),
            ) from None
    return frozenset(roles)


def format_roles(roles: frozenset[Role]) -> str:
    return "|".join(sorted(r.value for r in roles))


@attrs.define(slots=False, eq=False)
class Person:
    """A student, staff member or external person."""

    id: str = attrs.field(validator=lambda _i, _a, v: check_person_id(v))
    kind: PersonKind = attrs.field(converter=PersonKind)
    first_name: str
    last_name: str
    location: str | None = None
    class_name: str | None = None
    mentor_id: str | None = None
    roles: frozenset[Role] = attrs.field(factory=frozenset, converter=frozenset)
    left_on: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        for field, value in (
            ("first_name", self.first_name),
            ("last_name", self.last_name),
            ("location", self.location),
            ("class", self.class_name),
        ):
            problem = text_problem(value or "", TEXT_LIMITS[field], one_line=True)
            if problem:
                raise InvalidInputError(
                    N_("person {id}: {problem}"), field=field, id=self.id, problem=problem
                )
        if self.kind is not PersonKind.STAFF and self.roles:
            raise InvalidInputError(
                N_("person {id}: only staff have roles, but a {kind} was given {value}"),
                field="roles",
                id=self.id,
                kind=self.kind.value,
                value=format_roles(self.roles),
            )
        if self.kind is not PersonKind.STUDENT and (self.class_name or self.mentor_id):
            raise InvalidInputError(
                N_("person {id}: only students have a class and a mentor"),
                field="mentor_id/class",
                id=self.id,
            )
        if self.mentor_id == self.id:
            raise InvalidInputError(
                N_("person {id}: cannot be their own mentor"), field="mentor_id", id=self.id
            )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def label(self) -> str:
        """How a list names the person: ``L100002 Isabel Schelvis (2B)``."""
        shown = f"{self.id} {self.full_name}".strip()
        return f"{shown} ({self.class_name})" if self.class_name else shown

    def matches(self, search: str) -> bool:
        """Whether ``search`` is part of the name (or the id), ignoring case and accents."""
        wanted = fold(search)
        return wanted in fold(self.full_name) or wanted in fold(self.id)

    @property
    def authority(self) -> int:
        """The highest decision rank of the person's roles (0 for none)."""
        return max((AUTHORITY_RANK.get(r, 0) for r in self.roles), default=0)

    @property
    def is_pseudonym(self) -> bool:
        """A person the retention purge anonymised: an ``anon-`` id and no roles left."""
        return self.id.startswith(PSEUDONYM_PREFIX) and not self.roles

    def has_left(self, on: dt.date) -> bool:
        return self.left_on is not None and self.left_on <= on


@attrs.frozen
class PersonRow:
    """A person read from a line of a file, so that a later check can name the line."""

    line: int
    person: Person
