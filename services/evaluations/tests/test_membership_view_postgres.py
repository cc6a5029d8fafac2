"""On PostgreSQL evaluations' view of membership, built from the same log with the statements
written out for it, holds the rows SQLite holds and answers every question the same; and
rebuilding it there gives the live state too."""

from __future__ import annotations

import uuid
from datetime import date

import psycopg
import pytest

from kit.postgres.readmodel import PgReadModelDb
from kit.sqlite.readmodel import ReadModelDb
from kit.testing.services import require_env
from services.evaluations.adapters.read_model_sql.membership_as_of_postgres import (
    POSTGRES_MEMBERSHIP_AS_OF,
)
from services.evaluations.adapters.read_model_sql.membership_as_of_sqlite import (
    SQLITE_MEMBERSHIP_AS_OF,
)
from services.evaluations.domain.rules import EVALUATION_RULES
from services.membership.domain import commands as c

from .membership_world import build, by, world

pytestmark = pytest.mark.infra
DAYS = (date(2024, 12, 31), date(2025, 6, 30), date(2025, 7, 1), date(2025, 9, 15),
        date(2025, 12, 31))


@pytest.fixture
def pg_schema():
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    schema = f"ev_{uuid.uuid4().hex[:10]}_rm"
    yield dsn, schema
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def dump(m) -> dict[str, list[tuple]]:
    with m.runner.db.transaction() as conn:
        return {f"{p.name}.{table}": sorted(tuple(r) for r in rows)
                for p in m.runner.projections for table, rows in p.dump(conn).items()}


def answers(m) -> dict[str, object]:
    roll, ids = m.roll, m.ids
    out: dict[str, object] = {}
    for key in ("province", "yen_thang", "yen_hoa", "school", "binh_hai", "teachers1"):
        org = ids[key]
        out[f"exists {key}"] = roll.organisation_exists(org)
        out[f"within {key}"] = [roll.is_within(org, ids[s]) for s in ("province", "yen_thang")]
        for year in (2024, 2025):
            out[f"facts {key} {year}"] = roll.facts_for_organisation(org, year)
        for day in DAYS:
            rules = EVALUATION_RULES.in_force(day)
            out[f"roll {key} {day}"] = roll.evaluated_in(org, day, rules)
            out[f"grassroots {key} {day}"] = roll.grassroots_of(org, day)
            out[f"parent {key} {day}"] = roll.parent_of(org, day)
    for key in ("an", "khanh", "lan", "minh"):
        out[f"facts {key}"] = [roll.facts_for_member(ids[key], y) for y in (2024, 2025)]
    return out


def test_postgres_holds_and_answers_what_sqlite_does(tmp_path, pg_schema):
    dsn, schema = pg_schema
    lite = world(build(tmp_path / "lite", ReadModelDb(tmp_path / "ev-read.db"),
                       SQLITE_MEMBERSHIP_AS_OF))
    pg = build(tmp_path / "pg", PgReadModelDb(dsn, schema), POSTGRES_MEMBERSHIP_AS_OF)
    try:
        # the same log: the PostgreSQL view follows the SQLite world's membership store
        pg.runner.sources["membership.events"] = lite.app.store
        pg.ids = lite.ids
        lite.caught_up(), pg.caught_up()
        lite.run(c.TransferMember(lite.ids["lan"], lite.ids["teachers5"], date(2024, 12, 1),
                                  decision=by(lite.ids["school"])))  # entered late
        lite.caught_up(), pg.caught_up()

        assert dump(pg) == dump(lite)
        assert all(dump(pg).values())  # every table holds rows
        assert answers(pg) == answers(lite)
        live = dump(pg)
        pg.runner.rebuild()
        assert dump(pg) == live
        assert pg.runner.dead_letters() == []
    finally:
        lite.app.close()
        pg.app.close()
        pg.runner.db.close()
