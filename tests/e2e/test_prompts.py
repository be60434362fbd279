"""In a terminal, ``incident record`` asks for what is missing, showing the allowed values."""

from __future__ import annotations

import os
import pty
import select
import subprocess
from pathlib import Path

from tests.clirun import EXE, run
from tests.org import PEOPLE_CSV


def read_until(fd: int, marker: str, seen: list[str], timeout: float = 30) -> str:
    text = ""
    while marker not in text:
        ready, _, _ = select.select([fd], [], [], timeout)
        assert ready, f"no {marker!r} in {text!r}"
        chunk = os.read(fd, 1024).decode(errors="replace")
        assert chunk, f"closed before {marker!r}: {text!r}"
        text += chunk
    seen.append(text)
    return text


def in_a_terminal(
    tmp_path: Path, *args: str
) -> tuple[dict[str, str], int, subprocess.Popen[bytes]]:
    """A school database of the test people, and pcc-cases with ``args`` in a terminal."""
    (tmp_path / "people.csv").write_text(PEOPLE_CSV, encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PCC_CASES")},
        "PCC_CASES_DATABASE_URL": f"sqlite:///{tmp_path / 'prompt.sqlite3'}",
        "PCC_CASES_ACTOR": "vd-alk",
    }
    assert run("db", "upgrade", env=env).returncode == 0
    assert run("people", "import", str(tmp_path / "people.csv"), env=env).returncode == 0
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [EXE, *args],
        stdin=terminal, stdout=terminal, stderr=terminal, env=env, close_fds=True,
    )  # fmt: skip
    os.close(terminal)
    return env, controller, process


def test_missing_options_are_asked_for_in_a_terminal(tmp_path: Path) -> None:
    _env, controller, process = in_a_terminal(
        tmp_path, "--lang", "en", "incident", "record", "--location", "Alkmaar"
    )
    seen: list[str] = []
    answers = [
        ("When did it happen", "2026-11-20 20:15"),
        ("Instagram, TikTok", "tiktak"),  # a typo is asked again, not the whole incident
        ("choose from", "TIKTOK"),
        ("What happened", "Filmpje uit de les"),
        ("Offender id", "s-alk1"),
        ("1.1, 1.2", "6.3"),
    ]
    for question, answer in answers:
        read_until(controller, question, seen)
        os.write(controller, (answer + "\n").encode())
    read_until(controller, "recorded", seen)
    assert process.wait(timeout=30) == 0
    os.close(controller)
    assert any("Instagram, TikTok, Snapchat" in text for text in seen)
    assert any("'tiktak' is not allowed for platform" in text for text in seen)


def test_in_dutch_each_answer_is_checked_as_it_is_given(tmp_path: Path) -> None:
    """A Dutch date, an impossible day and a clause typo: each asked again on the spot."""
    env, controller, process = in_a_terminal(
        tmp_path, "incident", "record", "--location", "Alkmaar", "--platform", "instagram"
    )
    seen: list[str] = []
    answers = [
        ("Wanneer gebeurde het", "30-02-2026 10:00"),
        ("geen bestaande datum", "20-11-2026 20:15"),
        ("Wat gebeurde er", "Filmpje uit de les"),
        ("Id van de overtreder", "s-alk1"),
        ("1.1, 1.2", "6.3, 9.9"),
        ("kies uit", "6.3"),
    ]
    for question, answer in answers:
        read_until(controller, question, seen)
        os.write(controller, (answer + "\n").encode())
    read_until(controller, "geregistreerd", seen)
    assert process.wait(timeout=30) == 0
    os.close(controller)
    assert any("'9.9' is geen citeerbare bepaling" in text for text in seen)
    shown = run("case", "show", "2026-0001", "--json", env=env)
    assert '"2026-11-20T19:15:00+00:00"' in shown.stdout or "19:15" in shown.stdout
