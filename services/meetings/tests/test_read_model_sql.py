"""The meetings read models' SQL lives in adapters, written out once per dialect: the
application names statements and holds none, each dialect fills every name, and each set uses
its own database's parameter marks."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

from services.meetings.adapters.read_model_sql import SQL
from services.meetings.application.reading import HELD

APPLICATION = Path(__file__).resolve().parents[1] / "application"
STATEMENT = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|WITH)\s+\S", re.IGNORECASE)


def statements_in(source: str) -> list[str]:
    """Every string literal but docstrings (f-string parts too) that starts like an SQL
    statement, in the order they appear."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    found = [node for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in docstrings and STATEMENT.match(node.value)]
    return [node.value for node in sorted(found, key=lambda n: (n.lineno, n.col_offset))]


def statements_of(sql: object, path: str = "") -> dict[str, str]:
    """Every statement of a (nested) statements dataclass, by its dotted field name."""
    out = {}
    for field in dataclasses.fields(sql):
        value = getattr(sql, field.name)
        name = f"{path}{field.name}"
        if dataclasses.is_dataclass(value):
            out.update(statements_of(value, f"{name}."))
        else:
            out[name] = value
    return out


def test_the_check_finds_statement_text_in_source():
    source = 'q = f"SELECT * FROM t WHERE id = {x}"\nddl = """\n  create table t (id)"""\n'
    assert statements_in(source) == ["SELECT * FROM t WHERE id = ", "\n  create table t (id)"]
    assert statements_in('"""Select the rows."""\nname = "updates"\nwith_marks = "with"') == []


def test_no_statement_text_is_left_in_the_application_layer():
    found = {str(path.relative_to(APPLICATION)): statements_in(path.read_text())
             for path in sorted(APPLICATION.rglob("*.py"))}
    assert {path: s for path, s in found.items() if s} == {}


def test_both_dialects_write_out_every_statement():
    assert set(SQL) == {"sqlite", "postgres"}
    lite, pg = statements_of(SQL["sqlite"]), statements_of(SQL["postgres"])
    assert lite.keys() == pg.keys()
    assert len(lite) > 60
    for name, text in [*lite.items(), *pg.items()]:
        assert isinstance(text, str) and text.strip(), name


def test_each_dialect_uses_its_own_parameter_marks_and_collation():
    lite, pg = statements_of(SQL["sqlite"]), statements_of(SQL["postgres"])
    assert {n: s for n, s in pg.items() if "?" in s or re.search(r"(?<!:):[a-z_]", s)} == {}
    assert {n: s for n, s in lite.items() if "%s" in s or "%(" in s} == {}
    assert [n for n, s in pg.items() if "COLLATE BINARY" in s] == []
    assert [n for n, s in lite.items() if 'COLLATE "C"' in s] == []
    # a literal % would be a parameter to psycopg, and an IN list is filled at run time
    assert {n: s for n, s in pg.items() if re.search(r"%(?!s|\(\w+\)s)", s)} == {}
    assert (SQL["sqlite"].reading.mark, SQL["postgres"].reading.mark) == ("?", "%s")


def test_statements_counting_held_meetings_name_the_held_statuses():
    held = "m.status IN (" + ", ".join(f"'{s}'" for s in HELD) + ")"
    for dialect, sql in SQL.items():
        statements = statements_of(sql)
        assert sorted(n for n, s in statements.items() if held in s) == [
            "compliance.held_of_kinds", "compliance.held_on_days", "compliance.materials_issues",
            "statistics.attendance_by_branch", "statistics.attendance_by_member",
            "statistics.attendance_rate", "statistics.member_attendance"], dialect
        assert [n for n, s in statements.items() if "m.status IN ('" in s and held not in s] \
            == [], dialect
