"""What to do next, on the command line, for errors whose fix is a command or an option.

The library's messages name the field and the problem but no command or flag (an admin
system calling the library has neither); the command line adds its own hint here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pcc_cases.translation import N_, translate

if TYPE_CHECKING:
    from pcc_cases.domain.errors import PccCasesError

HINTS: dict[tuple[str, str], str] = {
    ("permission-denied", "actor_id"): N_("say who you are with --as ID (or PCC_CASES_ACTOR)"),
    ("invalid-input", "person_ids"): N_("import people first: pcc-cases people import FILE"),
    ("invalid-input", "obligation id"): N_("see: pcc-cases obligations"),
    ("invalid-input", "as_of"): N_("option --as-of"),
}


def hint_for(exc: PccCasesError, lang: str) -> str | None:
    """The command-line hint for this error in ``lang``, if it has one."""
    hint = HINTS.get((exc.code, exc.field or ""))
    return None if hint is None else translate(hint, lang)
