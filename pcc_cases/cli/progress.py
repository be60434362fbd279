"""A progress bar on stderr for long commands, shown only when a person watches a terminal.

Piped or logged output gets no bar (it would only fill the log); the summary line that
every long command prints at its end is the record there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from pcc_cases.domain.progress import Progress as ProgressCallback
from pcc_cases.domain.progress import no_progress


@contextmanager
def progress_bar(label: str) -> Iterator[ProgressCallback]:
    """A callback for a long-running function that moves a bar labelled ``label``.

    Without a known total the bar shows a spinner and the count.
    """
    console = Console(stderr=True)
    if not console.is_terminal:
        yield no_progress
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@contextmanager
def working(label: str) -> Iterator[None]:
    """A spinner for work whose size nobody knows ahead (a report computed in SQL)."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield
        return
    with console.status(label):
        yield
