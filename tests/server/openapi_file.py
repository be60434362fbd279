"""Writes ``docs/openapi.json`` from the application: ``python -m tests.server.openapi_file``."""

from __future__ import annotations

import json
from pathlib import Path

from pcc_cases.adapters.engine import make_engine
from pcc_cases.server.app import create_app

PATH = Path(__file__).parent.parent.parent / "docs" / "openapi.json"


def document() -> str:
    engine = make_engine("sqlite://")
    schema = create_app(engine).openapi_schema.to_schema()
    engine.dispose()
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    PATH.write_text(document(), encoding="utf-8")
