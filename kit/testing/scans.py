"""Which statements a rebuild's handlers run that SQLite answers by reading a whole table being
loaded: with the secondary indexes left for after the load (kit.projections.rebuilding), a
lookup by a column no index of the tables covers scans the table each time, and the rebuild
grows with the square of its log (a projection names such indexes in `lookup_indexes`)."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from kit.projections.rebuilding import create_for_load
from kit.projections.runner import ProjectionRunner

from .tables_touched import rebuild_watched

_LITERAL = re.compile(r"'(?:[^']|'')*'|-?\b\d+(?:\.\d+)?\b")
_LIST = re.compile(r"\(\?(?:, \?)*\)")  # IN (?, ?, ?): one shape for any number of values
# a plan's line reading a whole table: a scan, or an index SQLite builds over it for the statement
_SCAN = re.compile(r"^(?:SCAN (\w+)|SEARCH (\w+) USING AUTOMATIC)")
_ALIAS = re.compile(r"\b(?:FROM|JOIN|UPDATE)\s+(\w+)(?:\s+AS)?\s+(\w+)", re.IGNORECASE)
_LOOKUP = re.compile(r"\b(WHERE|ON)\b", re.IGNORECASE)


def scans_while_loading(runner: ProjectionRunner) -> dict[str, str]:
    """{a statement's shape (its values as `?`): the table it scans}, for the lookups (a WHERE
    or a join's ON) the handlers ran while `runner` rebuilt every projection, each planned
    against the tables as a rebuild loads them: its tables and `lookup_indexes`, no other
    index. The runner's database must be a fresh SQLite one."""
    ran: dict[str, str] = {}
    applying: list[str] = []

    def trace(statement: str) -> None:
        if applying:
            ran.setdefault(_LIST.sub("(?)", _LITERAL.sub("?", statement)), statement)

    rebuild_watched(runner, applying, "set_trace_callback", trace)
    loading = sqlite3.connect(":memory:")
    try:
        tables = set()
        for p in runner.projections:
            tables.update(getattr(p, "tables", ()))
            create_for_load(loading, p)
        return {shape: table for shape, example in ran.items()
                if (table := _scanned(loading, example, tables)) is not None}
    finally:
        loading.close()


def _scanned(db: sqlite3.Connection, statement: str, tables: set[str]) -> str | None:
    if not _LOOKUP.search(statement):  # a whole table read on purpose (once a batch)
        return None
    try:
        plan: list[Any] = db.execute(f"EXPLAIN QUERY PLAN {statement}").fetchall()
    except sqlite3.Error:  # e.g. a temporary table of the rebuild's own
        return None
    named = {alias: table for table, alias in _ALIAS.findall(statement)}  # the plan says aliases
    for *_, detail in plan:
        found = _SCAN.match(detail)
        if found:
            name = found.group(1) or found.group(2)
            table = named.get(name, name)
            if table in tables:
                return table
    return None
