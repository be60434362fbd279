"""The permission table in the docs is the one the code enforces."""

from __future__ import annotations

from pcc_cases.access import permission_rows
from tests.docs_text import DOCS

PAGE = DOCS / "permissions.md"


def test_the_docs_show_the_permission_table_exactly() -> None:
    text = PAGE.read_text(encoding="utf-8")
    table = text.split("<!-- permission-table -->")[1].split("<!-- /permission-table -->")[0]
    rows = list(table.strip().splitlines()[2:])
    expected = [
        f"| {role} | {scope} | {', '.join(actions)} |" for role, scope, actions in permission_rows()
    ]
    assert rows == expected
