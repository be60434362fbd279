"""After a purge: make what was removed leave the database files too.

Rows that were updated or deleted can live on in free pages, the SQLite WAL file, or dead
tuples of PostgreSQL until something overwrites them. Here each backend rewrites what a
purge changed: SQLite (which zeroes freed content itself, ``secure_delete`` being on for
every connection) checkpoints and truncates its WAL and rebuilds the file with VACUUM;
PostgreSQL rewrites the changed tables and their indexes with VACUUM FULL; MariaDB with
OPTIMIZE TABLE. None of this reaches backups, replicas or the server's own logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, Table


def compact(engine: Engine, tables: Sequence[Table]) -> bool:
    """Rewrite ``tables`` (the whole file on SQLite); whether it fully happened.

    SQLite cannot truncate its WAL while another connection reads: then ``False``, and
    running the purge's compaction again later (``pcc-cases db compact``) finishes it.
    """
    name = engine.dialect.name
    if name == "sqlite":
        # On the driver's connection: outside any transaction this library would begin.
        raw = engine.raw_connection()
        try:
            sqlite: Any = raw.driver_connection
            sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sqlite.execute("VACUUM")
            busy = sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            raw.close()
        return not busy
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in tables:
            quoted = engine.dialect.identifier_preparer.format_table(table)
            if name == "postgresql":
                conn.exec_driver_sql(f"VACUUM (FULL, ANALYZE) {quoted}")
            else:
                conn.exec_driver_sql(f"OPTIMIZE TABLE {quoted}").all()
    return True
