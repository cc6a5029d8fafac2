import pytest

from kit.testing.leftovers import new_tag
from kit.testing.store_contract import EventIdKeyContract, EventStoreContract


class TestPostgresEventStore(EventStoreContract, EventIdKeyContract):
    @pytest.fixture
    def open_store(self, pg_dsn):
        import psycopg

        from kit.postgres.store import PostgresEventStore

        schema = f"contract_{new_tag()}"
        yield lambda: PostgresEventStore(pg_dsn, schema=schema)
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

