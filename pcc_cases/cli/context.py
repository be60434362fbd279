"""What every command receives from the global options."""

from __future__ import annotations

import attrs


@attrs.define
class CliContext:
    """Global options: the language and the database URL (None: the default database)."""

    lang: str = "nl"
    db_url: str | None = None
