"""What the kit's tests share: an SQLite event store and read-model database in the test's own
folder; the PostgreSQL server, and a read-model database in a schema of its own, dropped
afterwards. Names carry the run's prefix (kit.testing.leftovers)."""

import psycopg
import pytest

from kit.testing.leftovers import new_tag, remove
from kit.testing.services import require_env


@pytest.fixture
def sqlite_store(tmp_path):
    from kit.sqlite.store import SqliteEventStore

    s = SqliteEventStore(tmp_path / "events.db")
    yield s
    s.close()


@pytest.fixture
def sqlite_read_db(tmp_path):
    from kit.sqlite.readmodel import ReadModelDb

    db = ReadModelDb(tmp_path / "read.db")
    yield db
    db.close()


@pytest.fixture
def pg_dsn():
    return require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")


@pytest.fixture
def pg_read_db(pg_dsn):
    from kit.postgres.readmodel import PgReadModelDb  # psycopg-only: imported on use

    schema = f"rm_{new_tag()}"
    db = PgReadModelDb(pg_dsn, schema)
    yield db
    db.close()
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def kafka_bootstrap():
    return require_env("PARTYORG_KAFKA_BOOTSTRAP", "deploy/local/up.sh kafka")


@pytest.fixture
def relay_world(pg_dsn, kafka_bootstrap):
    """(dsn, bootstrap, store schema, topic) for a relay test: both new, both dropped after."""
    from kit.kafka.clients import ensure_topics

    tag = new_tag()
    schema, topic = f"relay_{tag}", f"relay_{tag}.events"
    ensure_topics(kafka_bootstrap, [topic])
    yield pg_dsn, kafka_bootstrap, schema, topic
    remove(pg_dsn=pg_dsn, schemas=[schema], kafka=kafka_bootstrap, topics=[topic])
