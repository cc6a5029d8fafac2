import pytest

from partyorg.kit.sqlite_store import SqliteEventStore
from partyorg.kit.testing.store_contract import EventStoreContract


class TestSqliteEventStore(EventStoreContract):
    @pytest.fixture
    def open_store(self, tmp_path):
        return lambda: SqliteEventStore(tmp_path / "events.db")
