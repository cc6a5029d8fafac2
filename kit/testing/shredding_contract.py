"""The crypto-shredding contract: every store adapter's test subclasses ShreddingContract and
provides `open_store` (a callable opening a new store on the same data, as for the event-store
contract) and `keys_beside` (a function giving a key store in a store's database)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pytest
from cryptography.exceptions import InvalidTag

from kit.envelope import NewEvent
from kit.personal import ERASED, Personal
from kit.shredding import SEALED, SEALED_ERASED, Keyring, SealedStore, Sealer, sealed_store
from kit.store import NO_STREAM, StreamAppend
from kit.testing.store_contract import ctx

AT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
KEK = bytes(range(32))
PERSONAL = {"test.Registered": Personal("who", ("name", "born"))}


@dataclass
class Sealed:
    store: SealedStore
    keyring: Keyring

    def register(self, who: str, name: str, born: str = "1980-01-02", n: int = 1) -> str:
        sid = f"thing-{uuid.uuid4()}"
        self.store.append([StreamAppend(sid, NO_STREAM, [
            NewEvent("test.Registered", 1, {"who": who, "name": name, "born": born, "n": n},
                     occurred_at=AT),
            NewEvent("test.Happened", 1, {"who": who, "n": n}, occurred_at=AT)])], ctx())
        return sid


class ShreddingContract:
    @pytest.fixture
    def sealed(self, open_store, keys_beside):
        raw = open_store()
        keyring = Keyring(keys_beside(raw), KEK)
        store = SealedStore(raw, Sealer(PERSONAL, keyring))
        yield Sealed(store, keyring)
        store.close()

    def test_personal_fields_are_stored_sealed_and_read_back_opened(self, sealed):
        sid = sealed.register("p-1", "Đặng Thị Mến")
        opened = sealed.store.read_stream(sid)
        assert opened[0].data == {"who": "p-1", "name": "Đặng Thị Mến", "born": "1980-01-02",
                                  "n": 1}
        stored = sealed.store.sealed.read_stream(sid)
        assert stored[0].data["name"].startswith(SEALED) and stored[0].data["who"] == "p-1"
        assert stored[1].data == {"who": "p-1", "n": 1}  # an event without personal fields
        assert sealed.store.read_all(0, 10)[-2].data["name"] == "Đặng Thị Mến"

    def test_the_same_value_seals_differently_each_time(self, sealed):
        one = sealed.store.sealed.read_stream(sealed.register("p-1", "Mến"))[0]
        two = sealed.store.sealed.read_stream(sealed.register("p-1", "Mến"))[0]
        assert one.data["name"] != two.data["name"]

    def test_a_ciphertext_moved_to_another_event_or_field_reads_erased(self, sealed):
        source = sealed.store.sealed.read_stream(sealed.register("p-1", "Mến"))[0]
        moved = NewEvent("test.Registered", 1, {"who": "p-1", "name": source.data["name"],
                                                "born": source.data["name"]}, occurred_at=AT)
        sid = f"thing-{uuid.uuid4()}"
        sealed.store.sealed.append([StreamAppend(sid, NO_STREAM, [moved])], ctx())
        (read,) = sealed.store.read_stream(sid)
        assert read.data["name"] is ERASED and read.data["born"] is ERASED

    def test_shredding_erases_one_subject_and_is_recorded_once(self, sealed):
        mine, theirs = sealed.register("p-1", "Mến"), sealed.register("p-2", "Hùng")
        assert sealed.keyring.shred("p-1", by="u-9", reason="asked") is True
        assert sealed.keyring.shred("p-1", by="u-9", reason="twice") is False
        first = sealed.store.read_stream(mine)[0]
        assert first.data["name"] is ERASED and first.data["born"] is ERASED
        assert first.data["n"] == 1 and first.data["who"] == "p-1"
        assert sealed.store.read_stream(theirs)[0].data["name"] == "Hùng"
        audit = sealed.keyring.shredding("p-1")
        assert (audit.shredded_by, audit.reason) == ("u-9", "asked")
        assert sealed.keyring.shredding("p-2") is None

    def test_after_shredding_no_key_is_made_again_and_new_events_are_stored_erased(self, sealed):
        sealed.register("p-1", "Mến")
        sealed.keyring.shred("p-1", by="u-9", reason="asked")
        sid = sealed.register("p-1", "Mến again")
        assert sealed.store.sealed.read_stream(sid)[0].data["name"] == SEALED_ERASED
        assert sealed.store.read_stream(sid)[0].data["name"] is ERASED
        assert sealed.keyring.keys_for(["p-1"], create=True) == {"p-1": None}

    def test_a_subject_shredded_before_any_event_never_gets_a_key(self, sealed):
        assert sealed.keyring.shred("p-3", by="u-9", reason="before") is True
        sid = sealed.register("p-3", "Lan")
        assert sealed.store.read_stream(sid)[0].data["name"] is ERASED

    def test_keys_survive_reopening_the_store(self, sealed, open_store, keys_beside):
        sid = sealed.register("p-1", "Mến")
        again = open_store()
        try:
            reopened = SealedStore(again, Sealer(PERSONAL, Keyring(keys_beside(again), KEK)))
            assert reopened.read_stream(sid)[0].data["name"] == "Mến"
        finally:
            again.close()

    def test_another_key_encryption_key_fails_loudly_rather_than_reading_erased(
            self, sealed, open_store, keys_beside):
        sid = sealed.register("p-1", "Mến")
        other = SealedStore(sealed.store.sealed,
                            Sealer(PERSONAL, Keyring(keys_beside(sealed.store.sealed),
                                                     bytes(32))))
        with pytest.raises(InvalidTag):
            other.read_stream(sid)

    def test_a_key_made_inside_a_batch_commits_with_it(self, sealed):
        with sealed.store.batch():
            sid = sealed.register("p-4", "Thu")
            assert sealed.store.read_stream(sid)[0].data["name"] == "Thu"
        assert sealed.store.read_stream(sid)[0].data["name"] == "Thu"

    def test_a_store_that_declares_nothing_personal_is_left_as_it_is(self, open_store,
                                                                    keys_beside):
        raw = open_store()
        try:
            assert sealed_store(raw, {}, keys_beside(raw), KEK) is raw
            event = NewEvent("test.Registered", 1, {"who": "p-1", "name": "Mến"},
                             occurred_at=AT)
            sealer = Sealer({}, Keyring(keys_beside(raw), KEK))
            assert sealer.seal([event]) == [event]
            assert sealer.seal([replace(event, type="test.Other")])[0].data["name"] == "Mến"
        finally:
            raw.close()
