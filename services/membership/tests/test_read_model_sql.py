"""Membership's read-model SQL lives in its adapters, written out once per dialect: the
application layer holds none, and the two sets say the same statements in their own dialects."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import services.membership.application as application
from kit.projections.rebuilding import statements
from services.membership.adapters.read_model_sql import SQL
from services.membership.application.statements import MembershipSql

STATEMENT = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|WITH)\b")


def statement_texts(source: str) -> list[str]:
    """Every string literal in `source` that starts a statement, an f-string's pieces too."""
    return [node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and STATEMENT.match(node.value)]


def fields(sql: object, path: str = "") -> dict[str, str]:
    """Every statement of a set by its dotted field path, nested sets included."""
    out: dict[str, str] = {}
    for f in dataclasses.fields(sql):
        value = getattr(sql, f.name)
        if dataclasses.is_dataclass(value):
            out.update(fields(value, f"{path}{f.name}."))
        else:
            out[f"{path}{f.name}"] = value
    return out


def test_the_check_finds_a_statement_in_a_literal_and_in_an_f_string():
    assert statement_texts('q = "SELECT 1"\nr = f"  UPDATE {t} SET a = 1"\ns = "Select one"') == [
        "SELECT 1", "  UPDATE "]


def test_no_statement_is_written_in_the_application_layer():
    root = Path(application.__file__).parent
    modules = sorted(root.rglob("*.py"))
    assert len(modules) > 5
    found = {str(m.relative_to(root)): statement_texts(m.read_text()) for m in modules}
    assert {m: texts for m, texts in found.items() if texts} == {}


def test_both_dialects_write_out_every_statement():
    assert set(SQL) == {"sqlite", "postgres"}
    for dialect, sql in SQL.items():
        assert isinstance(sql, MembershipSql), dialect
        statements = fields(sql)
        assert len(statements) > 60
        assert [name for name, text in statements.items()
                if not isinstance(text, str) or not text.strip()] == [], dialect


def test_each_dialect_uses_only_its_own_parameters_and_collation():
    lite, pg = fields(SQL["sqlite"]), fields(SQL["postgres"])
    assert [name for name, text in pg.items() if "?" in text] == []
    assert [name for name, text in pg.items()
            if re.search(r"(?<![:\w]):\w", text) or "BINARY" in text] == []
    assert [name for name, text in lite.items() if "%s" in text or "%(" in text] == []
    assert [name for name, text in lite.items() if '"C"' in text] == []


def _common(text: str, dialect: str) -> str:
    """A statement with its dialect's parameters and bytewise collation in one spelling."""
    if dialect == "sqlite":
        text = re.sub(r"(?<![:\w]):(\w+)", r"<\1>", text.replace("?", "<>"))
        return text.replace(":{}", "<{}>").replace("COLLATE BINARY", "<bytewise>")
    text = re.sub(r"%\((\w*|\{\})\)s", r"<\1>", text.replace("%s", "<>"))
    return text.replace('COLLATE "C"', "<bytewise>").replace("%%", "%")


# triggers are each dialect's own: SQLite's CREATE TRIGGER … BEGIN … END, PostgreSQL's plpgsql
# functions and CREATE OR REPLACE TRIGGER (members' member_counts)
_TRIGGERS = re.compile(r"^\s*CREATE\s+(OR\s+REPLACE\s+)?(TRIGGER|FUNCTION)\b", re.IGNORECASE)


_TRIGGER_NAME = re.compile(r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?TRIGGER\s+(IF\s+NOT\s+EXISTS\s+)?(\w+)",
                           re.IGNORECASE)


def _without_triggers(text: str) -> str:
    return ";\n".join(s for s in statements(text) if not _TRIGGERS.match(s))


def test_the_two_dialects_write_the_same_statements():
    lite, pg = fields(SQL["sqlite"]), fields(SQL["postgres"])
    assert list(lite) == list(pg)
    assert {name: (lite[name], pg[name]) for name in lite
            if _common(_without_triggers(lite[name]), "sqlite")
            != _common(_without_triggers(pg[name]), "postgres")} == {}


def test_both_dialects_keep_member_counts_with_a_trigger_for_each_change():
    for dialect, sql in SQL.items():
        triggers = [m.group(2) for m in map(_TRIGGER_NAME.match, statements(sql.members.ddl))
                    if m]
        assert triggers == ["members_counted", "members_recounted", "members_uncounted"], dialect
