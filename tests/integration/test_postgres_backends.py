"""The same commands on PostgreSQL (event store and read models) give exactly the read models the
embedded SQLite default gives: one set of projection classes, two adapters."""

from __future__ import annotations

import psycopg
import pytest

from demo.seeder import seed_demo
from kit.clock import FixedClock
from kit.postgres.readmodel import PgReadModelDb
from kit.postgres.store import PostgresEventStore
from kit.projections.runner import ProjectionRunner
from kit.testing.leftovers import new_tag
from kit.testing.services import require_env
from partyorg.embedded import build_service
from services.membership.adapters.read_model_sql import SQL
from services.membership.adapters.wire import CODEC
from services.membership.application.projections import all_projections
from services.membership.declaration import DECLARATION as MEMBERSHIP

SCALE = 0.04


@pytest.fixture
def pg_schemas():
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    tag = new_tag()
    names = [f"it_{tag}_es", f"it_{tag}_rm", f"it_{tag}_rm2"]
    yield dsn, names
    with psycopg.connect(dsn, autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def dumps(runner: ProjectionRunner) -> dict[str, dict]:
    with runner.db.transaction() as conn:
        # the read models of the service's own log (membership's evaluation_reviews follows
        # evaluations' log, which these tests do not write)
        return {p.name: p.dump(conn) for p in runner.projections
                if runner.follows(p, runner.own_source)}


def embedded(tmp_path, **adapters):
    from demo.plan import DEMO_TODAY

    clock = FixedClock()
    clock.set_today(DEMO_TODAY)
    app = build_service(MEMBERSHIP, tmp_path, clock=clock, catch_up_after_commands=False, **adapters)
    seed_demo(app, scale=SCALE)
    return app


def test_postgres_store_and_read_models_match_the_embedded_default(tmp_path, pg_schemas):
    dsn, (es, rm, _) = pg_schemas
    lite = embedded(tmp_path / "lite")
    clock = lite.clock
    pg = embedded(tmp_path / "pg", store=PostgresEventStore(dsn, es, clock=clock),
                  read_db=PgReadModelDb(dsn, rm))
    assert pg.store.head_position() == lite.store.head_position() > 300
    mine, theirs = dumps(pg.runner), dumps(lite.runner)
    for name in mine:
        for table in mine[name]:
            assert [tuple(r) for r in mine[name][table]] == \
                [tuple(r) for r in theirs[name][table]], f"{name}.{table} differs"
    assert pg.runner.dead_letters() == []
    lite.close()
    pg.close()


def test_read_models_rebuilt_on_postgres_equal_the_live_ones(tmp_path, pg_schemas):
    dsn, (_, rm, rm2) = pg_schemas
    lite = embedded(tmp_path / "lite")
    live = ProjectionRunner(lite.store, PgReadModelDb(dsn, rm),
                            all_projections(CODEC, SQL["postgres"]))
    live.catch_up()
    before = dumps(live)
    live.rebuild()
    assert dumps(live) == before
    fresh = ProjectionRunner(lite.store, PgReadModelDb(dsn, rm2),
                             all_projections(CODEC, SQL["postgres"]))
    fresh.catch_up()
    assert dumps(fresh) == before
    lite.close()


class OneByOne:
    """A projection applied one event at a time: its per-event statements, not its batch fold."""

    def __init__(self, projection) -> None:
        self.projection, self.name = projection, projection.name
        self.create, self.drop = projection.create, projection.drop
        self.handle, self.dump = projection.handle, projection.dump


def test_read_models_applied_event_by_event_on_postgres_equal_the_embedded_ones(tmp_path,
                                                                                pg_schemas):
    """The statements a batch fold replaces (kept for a single event, e.g. a parked one's
    replay) run on PostgreSQL too, in its dialect."""
    dsn, (_, rm, _) = pg_schemas
    lite = embedded(tmp_path / "lite")
    one_by_one = ProjectionRunner(
        lite.store, PgReadModelDb(dsn, rm),
        [OneByOne(p) for p in all_projections(CODEC, SQL["postgres"])], batch_size=1)
    one_by_one.catch_up()
    assert one_by_one.dead_letters() == []
    assert dumps(one_by_one) == dumps(lite.runner)
    lite.close()
