"""Removing purged people from free text, token by token.

An id is replaced where it stands as a whole id (``s-1`` is not inside ``s-10`` or
``xs-1``), a name where it stands as whole words, in any letter case. Ids and full names
("Xandrijn Quispelhoven") go everywhere; a first or last name alone only in the texts of
that person's own cases, where it means them (elsewhere "Jan" is more likely another
Jan). Each is replaced by the person's pseudonym, so a text still says that one person
did something, not who.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any

import attrs

_ID_CHAR = "A-Za-z0-9._-"
SHORTEST_NAME = 2  # a one-letter "name" would eat initials everywhere


@attrs.frozen
class Subject:
    """A person being purged, as the scrubber needs them."""

    old_id: str
    pseudonym: str
    first_name: str
    last_name: str
    cases: frozenset[str]


def _id_pattern(person_id: str) -> str:
    # Not preceded by an id character; not followed by one, except a full stop that ends
    # a sentence ("door s-1." but not "s-1.b").
    return rf"(?<![{_ID_CHAR}]){re.escape(person_id)}(?![A-Za-z0-9_-]|\.[A-Za-z0-9])"


def _words(name: str) -> str:
    return r"\s+".join(re.escape(word) for word in name.split())


def _name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Replacer:
    """One regular expression for many tokens, and what each becomes."""

    def __init__(self, ids: dict[str, str], names: dict[str, str]) -> None:
        self._ids = ids
        self._names = {_name_key(name): new for name, new in names.items()}
        id_parts = [_id_pattern(i) for i in sorted(ids, key=len, reverse=True)]
        name_parts = [rf"(?<!\w){_words(n)}(?!\w)" for n in sorted(names, key=len, reverse=True)]
        parts = [f"(?-i:{p})" for p in id_parts] + name_parts
        self._regex = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def __call__(self, text: str) -> str:
        if self._regex is None:
            return text
        return self._regex.sub(self._replacement, text)

    def _replacement(self, match: re.Match[str]) -> str:
        found = match.group(0)
        return self._ids.get(found) or self._names[_name_key(found)]


def _names_of(subject: Subject, *, alone: bool) -> dict[str, str]:
    full = f"{subject.first_name} {subject.last_name}".strip()
    names = [full] if not alone else [subject.first_name, subject.last_name]
    return {n: subject.pseudonym for n in names if len(n.strip()) >= SHORTEST_NAME}


class Scrubber:
    """Scrubs texts of the given subjects; ``scope`` says which cases a text belongs to."""

    def __init__(self, subjects: Iterable[Subject]) -> None:
        self._subjects = list(subjects)
        ids = {s.old_id: s.pseudonym for s in self._subjects}
        full_names: dict[str, str] = {}
        for subject in self._subjects:
            full_names.update(_names_of(subject, alone=False))
        self._everywhere = _Replacer(ids, full_names)
        self._per_case: dict[frozenset[str], _Replacer] = {}

    def text(self, value: str, scope: Collection[str] = ()) -> str:
        """``value`` without the subjects' ids and full names, and without their single
        names where ``scope`` (case numbers, or a subject's old id) is theirs.
        """
        result = self._everywhere(value)
        local = self._local(frozenset(scope))
        return local(result) if local is not None else result

    def data(self, value: Any, scope: Collection[str] = ()) -> Any:
        """The same for JSON data: every string value, at any depth (keys are field names)."""
        if isinstance(value, str):
            return self.text(value, scope)
        if isinstance(value, list):
            return [self.data(item, scope) for item in value]
        if isinstance(value, dict):
            return {key: self.data(item, scope) for key, item in value.items()}
        return value

    def _local(self, scope: frozenset[str]) -> _Replacer | None:
        if not scope:
            return None
        if scope not in self._per_case:
            names: dict[str, str] = {}
            for subject in self._subjects:
                if scope & (subject.cases | {subject.old_id}):
                    names.update(_names_of(subject, alone=True))
            self._per_case[scope] = _Replacer({}, names)
        return self._per_case[scope]
