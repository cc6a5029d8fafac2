"""On PostgreSQL personnel's read models, built from the same two logs with the statements
written out for it, hold the rows SQLite holds and answer every query the same."""

from __future__ import annotations

import uuid
from datetime import date

import psycopg
import pytest

from kit.postgres.readmodel import PgReadModelDb
from kit.shredding import unsealed
from kit.testing.services import require_env
from partyorg.embedded import build_service
from partyorg.services import service

from .test_service_path import busy

pytestmark = pytest.mark.infra
PERSONNEL = service("personnel")


@pytest.fixture
def pg_schema():
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    schema = f"ps_{uuid.uuid4().hex[:10]}_rm"
    yield dsn, schema
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def dump(built) -> dict[str, list[tuple]]:
    with built.read_db.transaction() as conn:
        return {f"{p.name}.{table}": sorted(tuple(r) for r in rows)
                for p in built.runner.projections for table, rows in p.dump(conn).items()}


def answers(queries, committee: str) -> dict[str, object]:
    posts = queries.posts(committee)
    cadres = {t.id for p in queries.plan_fullness(committee, "2030-2035")
              for t in p.cadres} | {b.cadre.id for b in queries.promotion_bans(committee)}
    return {"posts": posts,
            "plans": queries.plan_fullness(committee, "2030-2035"),
            "structure": queries.plan_structure(committee, "2030-2035"),
            "terms": queries.expiring_terms(committee, date(2020, 1, 1), date(2035, 1, 1)),
            "bans": queries.promotion_bans(committee),
            "queue": queries.work_queue(committee),
            "reads": queries.file_reads(committee, date(2026, 1, 1), date(2026, 12, 31)),
            "files": [queries.cadre_file(c) for c in sorted(cadres)],
            "post": [queries.post(p.id) for p in posts],
            "organisation": queries.organisation(committee)}


def test_postgres_read_models_equal_the_embedded_ones_and_answer_the_same(world, tmp_path,
                                                                          pg_schema):
    dsn, schema = pg_schema
    busy(world)
    world.personnel.settle()
    # the same data directory, so the same key-encryption key opens the cadres' sealed fields
    pg = build_service(PERSONNEL, tmp_path, clock=world.clock,
                       followed={"membership": world.membership.store,
                                 "evaluations": world.platform.evaluations.store},
                       store=unsealed(world.personnel.store), read_db=PgReadModelDb(dsn, schema),
                       catch_up_after_commands=False)
    try:
        assert pg.read_db.dialect == "postgres"
        live = dump(world.personnel)
        assert dump(pg) == live
        assert pg.runner.dead_letters() == []
        assert answers(pg.queries, world.province) == answers(world.queries, world.province)
        pg.runner.rebuild()
        assert dump(pg) == live
    finally:
        pg.read_db.close()
