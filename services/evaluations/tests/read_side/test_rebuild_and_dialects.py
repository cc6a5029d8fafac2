"""Every evaluations read model can be dropped and rebuilt from the log to exactly the live
state, and on PostgreSQL holds the rows SQLite holds and answers every question the same."""

from __future__ import annotations

import ast
import dataclasses
import re
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest

from kit.postgres.readmodel import PgReadModelDb
from kit.testing.services import require_env
from services.evaluations.adapters.read_model_sql import SQL

from .conftest import Campaigns

APPLICATION = Path(__file__).resolve().parents[2] / "application"
STATEMENT = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|WITH)\s+\S", re.IGNORECASE)


def dump(c: Campaigns) -> dict[str, list[tuple]]:
    with c.db.transaction() as conn:
        return {f"{p.name}.{table}": sorted(tuple(r) for r in rows)
                for p in c.runner.projections for table, rows in p.dump(conn).items()}


def answers(c: Campaigns) -> dict[str, object]:
    q, out = c.queries, {}
    for scope in ("P", "C1", "C2", "B1", "B3"):
        for period in ("p25", "p26", "q26"):
            for day in (None, date(2026, 3, 9), date(2026, 12, 9)):
                out[f"progress {scope} {period} {day}"] = q.campaign_progress(scope, period, day)
                out[f"headroom {scope} {period} {day}"] = q.quota_headroom(scope, period, day)
                for step in ("self_assessment", "appraisal", "decision"):
                    out[f"awaiting {scope} {period} {step} {day}"] = \
                        q.awaiting(scope, period, step, day, first=3)
        out[f"periods {scope}"] = q.periods(scope)
        out[f"distribution {scope}"] = q.level_distribution(scope, 2024, 2026)
        out[f"kht {scope}"] = q.unsatisfactory_two_years_running(scope, 2026)
        out[f"tsvm {scope}"] = q.tsvm_list(scope)
    for subject in ("m7", "m9", "C1"):
        out[f"history {subject}"] = q.evaluation_history(subject)
        out[f"snapshot {subject}"] = q.classification_snapshot(subject, 2025)
    return out


def test_rebuilding_every_read_model_gives_exactly_the_live_state(history: Campaigns) -> None:
    live = dump(history)
    assert all(live.values()), "the scenario leaves a table empty"
    before = answers(history)
    history.runner.rebuild()
    assert dump(history) == live
    assert answers(history) == before
    assert history.runner.dead_letters() == []


def test_rebuilding_one_read_model_leaves_the_others_alone(history: Campaigns) -> None:
    live = dump(history)
    history.runner.rebuild(["classification_history"])
    assert dump(history) == live


@pytest.fixture
def pg_db():
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    schema = f"ev_{uuid.uuid4().hex[:10]}_rm"
    db = PgReadModelDb(dsn, schema)
    yield db
    db.close()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.mark.infra
def test_postgres_holds_the_same_rows_and_answers_the_same(history: Campaigns, pg_db,
                                                           clock) -> None:
    pg = Campaigns(pg_db, clock, store=history.store)  # the same log, read into PostgreSQL
    assert pg_db.dialect == "postgres"
    assert dump(pg) == dump(history)
    assert answers(pg) == answers(history)
    pg.runner.rebuild()
    assert dump(pg) == dump(history)


def _statements_in(source: str) -> list[str]:
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and STATEMENT.match(node.value)]


def _statements_of(sql: object, path: str = "") -> dict[str, str]:
    out = {}
    for field in dataclasses.fields(sql):
        value = getattr(sql, field.name)
        if dataclasses.is_dataclass(value):
            out.update(_statements_of(value, f"{path}{field.name}."))
        else:
            out[f"{path}{field.name}"] = value
    return out


def test_no_statement_text_is_left_in_the_application_layer() -> None:
    found = {str(p.relative_to(APPLICATION)): _statements_in(p.read_text())
             for p in sorted(APPLICATION.rglob("*.py"))}
    assert {path: s for path, s in found.items() if s} == {}


def test_each_dialect_writes_out_every_statement_with_its_own_marks() -> None:
    lite, pg = _statements_of(SQL["sqlite"]), _statements_of(SQL["postgres"])
    assert lite.keys() == pg.keys()
    assert not any("%s" in s for s in lite.values())
    assert not any("?" in s for s in pg.values())
