"""What every command receives from the global options."""

from __future__ import annotations

import attrs


@attrs.define
class CliContext:
    """Global options: language now; database and actor come with the persistence layer."""

    lang: str = "nl"
