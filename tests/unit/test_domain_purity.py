"""The domain package must not pull in SQLAlchemy or click (DESIGN section 5)."""

from __future__ import annotations

import subprocess
import sys


def test_domain_imports_no_sqlalchemy_and_no_click() -> None:
    code = (
        "import sys, pkgutil, importlib, pcc_cases.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'pcc_cases.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "import pcc_cases.domain.protocol\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('sqlalchemy', 'click', 'alembic'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
