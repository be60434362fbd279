"""The installed size of pcc_cases' core and of each extra, in fresh virtual environments.

Usage: python bench/install_size.py

For the core and for each extra, makes an empty venv, installs exactly the locked versions
(from requirements.lock, with their hashes) that the core or the extra needs, plus the
wheel of this checkout, and measures site-packages against an empty venv's. Needs the
package index (or pip's cache). Targets (issue 11): the core under 50 MB, ``reports``
adding under 10 MB.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = ["postgresql", "mysql", "cli", "reports", "demo", "all"]
ADDED_BY_HAND = {"postgresql": ["psycopg-binary"]}  # the binary build, as most installs take


def needs(name: str, extras: set[str], seen: set[str]) -> set[str]:
    """``name`` (a distribution installed here) and everything it needs with ``extras``."""
    key = canonicalize_name(name)
    if key in seen:
        return seen
    seen.add(key)
    try:
        requires = distribution(name).requires or []
    except PackageNotFoundError:
        return seen
    for line in requires:
        requirement = Requirement(line)
        wanted = any(
            requirement.marker is None or requirement.marker.evaluate({"extra": extra})
            for extra in ({""} | extras)
        )
        if wanted:
            if canonicalize_name(requirement.name) == "pcc-cases":
                needs("pcc-cases", set(requirement.extras), seen)
            else:
                needs(requirement.name, set(requirement.extras), seen)
    return seen


def locked_subset(names: set[str]) -> str:
    """The blocks of requirements.lock for ``names``, hashes included."""
    text = (ROOT / "requirements.lock").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    kept = [
        block
        for block in blocks
        if (match := re.match(r"([A-Za-z0-9_.\-]+)==", block))
        and canonicalize_name(match.group(1)) in names
    ]
    return "\n".join(kept) + "\n"


def site_size(venv: Path) -> int:
    site = next((venv / "lib").glob("python3*/site-packages"))
    return sum(f.stat().st_size for f in site.rglob("*") if f.is_file())


def fresh_venv(folder: Path, name: str) -> Path:
    venv = folder / name
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    return venv


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
             "-w", str(folder), str(ROOT)],
            check=True,
        )  # fmt: skip
        wheel = next(folder.glob("pcc_cases-*.whl"))
        empty = site_size(fresh_venv(folder, "empty"))
        sizes: dict[str, float] = {}
        for variant in ["core", *EXTRAS]:
            extras = set() if variant == "core" else {variant}
            names = needs("pcc-cases", extras, set()) - {"pcc-cases"}
            names |= set(ADDED_BY_HAND.get(variant, []))
            if variant == "all":
                names |= set(ADDED_BY_HAND["postgresql"])
            lock = folder / f"{variant}.txt"
            lock.write_text(locked_subset(names))
            venv = fresh_venv(folder, variant)
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps"]
            subprocess.run([*pip, "--require-hashes", "-r", str(lock)], check=True)
            subprocess.run([*pip, str(wheel)], check=True)
            sizes[variant] = (site_size(venv) - empty) / 1e6
    print(f"{'install':<12} {'MB':>7} {'added to core':>14}")
    for variant, megabytes in sizes.items():
        added = "" if variant == "core" else f"{megabytes - sizes['core']:14.1f}"
        print(f"{variant:<12} {megabytes:7.1f} {added}")


if __name__ == "__main__":
    main()
