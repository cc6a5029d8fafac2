"""The evaluations read models' statements written out for PostgreSQL (the distributed
deployment): the SQLite set with psycopg's `%s` marks and the "C" collation for byte order
(the statements use no other dialect feature: ISO dates as text, CASE sums, LIKE)."""

import dataclasses

from .sqlite import SQLITE


def _postgres(statement: str) -> str:
    return statement.replace("?", "%s").replace("COLLATE BINARY", 'COLLATE "C"')


def _written_out(sql):  # each nested statements dataclass, field by field
    return dataclasses.replace(sql, **{
        f.name: (_written_out(v) if dataclasses.is_dataclass(v) else _postgres(v))
        for f in dataclasses.fields(sql) for v in [getattr(sql, f.name)]})


POSTGRES = _written_out(SQLITE)
