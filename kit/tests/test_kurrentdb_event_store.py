"""The shared contract suite on KurrentDB. No KurrentDB server can be installed on this project's
machines (it is not in Debian's packages or any registry reachable here), so this runs only where
KURRENTDB_URL points at a KurrentDB 26.1+ server, e.g. kurrentdb://127.0.0.1:2113?tls=false."""

import os
import uuid

import pytest

from kit.testing.store_contract import EventStoreContract

URL = os.environ.get("KURRENTDB_URL", "")
pytestmark = pytest.mark.skipif(
    not URL, reason="KURRENTDB_URL is not set: no KurrentDB server can be installed on this "
                    "project's machines; point KURRENTDB_URL at one to run this suite")


class TestKurrentDbEventStore(EventStoreContract):
    @pytest.fixture
    def open_store(self):
        from kit.kurrentdb.store import KurrentDbEventStore

        prefix = f"contract-{uuid.uuid4().hex[:12]}-"
        return lambda: KurrentDbEventStore(URL, prefix=prefix)
