"""With only the core installed (attrs, pendulum, SQLAlchemy, Alembic and what they need),
``import pcc_cases`` and the services work, and what an extra brings is named as missing.

The fresh venv gets the wheel of this checkout and, through a folder of links, only the
distributions the core needs from the test environment: nothing of click, rich, Jinja2,
openpyxl, Faker or the drivers is importable there.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from importlib.metadata import distribution
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = ROOT / "docs" / "examples" / "people.csv"


def core_closure(name: str = "pcc-cases", seen: set[str] | None = None) -> set[str]:
    """Every distribution the core of pcc-cases needs, itself included."""
    seen = set() if seen is None else seen
    if canonicalize_name(name) in seen:
        return seen
    seen.add(canonicalize_name(name))
    for line in distribution(name).requires or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            core_closure(requirement.name, seen)
    return seen


def link_core_packages(folder: Path) -> None:
    """Links to the top-level modules of the core's distributions (not pcc_cases itself)."""
    purelib = Path(sysconfig.get_paths()["purelib"])
    folder.mkdir()
    for name in core_closure() - {"pcc-cases"}:
        dist = distribution(name)
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops:
            target = purelib / top
            if target.exists() and not (folder / top).exists():
                (folder / top).symlink_to(target)


CODE = f"""
import sys
import pendulum
import pcc_cases
from pcc_cases import UnitOfWork, make_engine, upgrade
from pcc_cases.domain.errors import MissingExtraError

assert "site-packages" in pcc_cases.__file__, pcc_cases.__file__
for module in ("click", "rich", "jinja2", "openpyxl", "faker", "psycopg", "pymysql"):
    try:
        __import__(module)
    except ImportError:
        continue
    sys.exit(f"{{module}} is importable with only the core installed")
url = "sqlite:///core.sqlite3"
upgrade(url)
engine = make_engine(url)
with UnitOfWork(engine, write=True) as uow:
    pcc_cases.import_people(uow, None, open({str(PEOPLE)!r}, "rb").read())
with UnitOfWork(engine, write=True) as uow:
    case = pcc_cases.record_incident(
        uow, "tl-alk", occurred_at=pendulum.datetime(2026, 11, 20, 20, tz="Europe/Amsterdam"),
        platform="whatsapp", location="Alkmaar", summary="core only",
        offenders=["s-alk2"], clauses=["1.1"],
    )
with UnitOfWork(engine) as uow:
    print("RECORDED", pcc_cases.show_case(uow, "tl-alk", case.number).number)
try:
    make_engine("postgresql://u@h/d")
except MissingExtraError as exc:
    print("EXTRA", exc.extra)
"""


@pytest.mark.slow
def test_the_core_alone_runs_the_services(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", str(next(dist.glob("pcc_cases-*.whl")))],
        check=True, capture_output=True,
    )  # fmt: skip
    link_core_packages(tmp_path / "core")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "core_only.pth").write_text(str(tmp_path / "core") + "\n")
    out = subprocess.run(
        [str(python), "-c", CODE], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "RECORDED 2026-0001" in out.stdout and "EXTRA postgresql" in out.stdout
    cli = subprocess.run(
        [str(venv / "bin" / "pcc-cases"), "--help"], capture_output=True, text=True
    )
    assert cli.returncode == 7 and "pip install 'pcc-cases[cli]'" in cli.stderr
