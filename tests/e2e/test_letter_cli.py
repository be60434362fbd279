"""``pcc-cases letter``: a director makes the letters of a suspension, in Dutch."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pendulum

from tests.clirun import RECORD, run
from tests.documents.letters import pdf_text

LETTERHEAD = """\
[letterhead]
organisation = "PCC Stichting Voortgezet Onderwijs"
location = "Alkmaar"
address = "Schoolstraat 1, 1811 AA Alkmaar"
signatory_name = "V. Directeur"
signatory_function = "vestigingsdirecteur"
"""


def _suspended(env: dict[str, str]) -> dict[str, str]:
    """The suspension's duties by kind, as ``obligations --json`` lists them."""
    number = run(*RECORD, env=env).stdout.strip()
    decided = run(
        "case", "decide", number, "--offender", "s-alk1", "--step", "schorsing", "--days", "2",
        env=env,
    )  # fmt: skip
    assert decided.returncode == 0, decided.stderr
    duties = json.loads(run("obligations", "--json", env=env).stdout)
    return {d["kind"]: d["id"] for d in duties}


def test_a_director_makes_sends_and_remakes_the_decision(
    director_env: dict[str, str], tmp_path: Path
) -> None:
    config = tmp_path / "pcc-cases.toml"
    config.write_text(LETTERHEAD, encoding="utf-8")
    env = {**director_env, "PCC_CASES_CONFIG": str(config)}
    duties = _suspended(env)
    made = run("letter", duties["written-decision"], env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    name = f"{duties['written-decision'].replace('/', '-')}-decision.pdf"
    pdf = (tmp_path / name).read_bytes()
    assert f"Brief geschreven: {name} (besluit)" in made.stderr
    assert "Bij de zaak bewaard als bewijs" in made.stderr
    assert f"SHA-256: {hashlib.sha256(pdf).hexdigest()}" in made.stderr
    assert "PCC Stichting Voortgezet Onderwijs" in pdf_text(pdf)
    number = duties["written-decision"].split("/")[0]
    shown = run("case", "show", number, env=env).stdout
    assert "Brieven" in shown and hashlib.sha256(pdf).hexdigest()[:16] in shown
    # Made again: refused over the file unless --force, then the same bytes, nothing new.
    refused = run("letter", duties["written-decision"], env=env, cwd=tmp_path)
    assert refused.returncode == 5 and "--force" in refused.stderr
    again = run("letter", duties["written-decision"], "--force", env=env, cwd=tmp_path)
    assert "Dezelfde brief is al eerder gemaakt" in again.stderr
    assert (tmp_path / name).read_bytes() == pdf
    # Sent today: the duty is done on that day, and no longer open.
    today = pendulum.now("Europe/Amsterdam")
    sent = run(
        "letter", duties["written-decision"], "--output", str(tmp_path / "sent.pdf"),
        "--sent-on", today.format("DD-MM-YYYY"), "--json", env=env,
    )  # fmt: skip
    shown = json.loads(sent.stdout)
    assert shown["done_on"] == today.date().isoformat() and shown["recorded"] is True
    open_kinds = {d["kind"] for d in json.loads(run("obligations", "--json", env=env).stdout)}
    assert "written-decision" not in open_kinds


def test_a_duty_without_a_letter_is_refused_in_dutch(director_env: dict[str, str]) -> None:
    duties = _suspended(director_env)
    refused = run("letter", duties["offer-support"], env=director_env)
    assert refused.returncode == 5
    assert "Fout: verplichting: verplichting" in refused.stderr
    assert "vraagt om geen brief" in refused.stderr


def test_the_invitation_without_its_time_names_the_option(director_env: dict[str, str]) -> None:
    duties = _suspended(director_env)
    refused = run("letter", duties["written-decision"], "--kind", "uitnodiging", env=director_env)
    assert refused.returncode == 5
    assert "heeft geen brief uitnodiging; wel: besluit" in refused.stderr
