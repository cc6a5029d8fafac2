"""A member's history shows each fact's details as the event says them: the event's JSON form
without the member's id (and a transfer's sealed dossier), written with its keys in order —
taken from the stored data when it is at the codec's current version, from the event the
upcasters made of it otherwise."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime

from kit.envelope import Actor, Envelope
from kit.json_encode import to_jsonable
from kit.json_text import dumps_sorted
from services.membership.adapters.read_model_sql.sqlite import SQLITE
from services.membership.adapters.wire import CODEC
from services.membership.application.projections.history import MemberHistory

from .test_rebuild import rich_history


def _as_the_event_says(envelope: Envelope) -> str:
    details = to_jsonable(CODEC.decode(envelope.type, envelope.schema_version, envelope.data))
    details.pop("member_id", None)
    details.pop("dossier", None)
    return dumps_sorted(details)


def test_every_fact_of_a_rich_history_shows_the_details_its_event_says(app, membership):
    rich_history(membership)
    app.settle()
    envelopes = {e.global_position: e for e in app.store.read_all(0, 10_000)}
    with app.read_db.transaction() as conn:
        rows = conn.execute("SELECT global_position, event, details FROM member_history "
                            "WHERE seq = 0").fetchall()

    assert len({event for _, event, _ in rows}) >= 20  # most kinds of fact
    for position, event, details in rows:
        envelope = envelopes[position]
        assert envelope.type == f"membership.{event}"
        assert envelope.schema_version == CODEC.wire_of(CODEC.decode(
            envelope.type, envelope.schema_version, envelope.data)).version
        assert details == _as_the_event_says(envelope)


def test_a_fact_stored_at_an_older_version_shows_what_its_upcasters_make_of_it(app, membership):
    history = rich_history(membership)
    app.settle()
    transfer = next(e for e in app.store.read_all(0, 10_000)
                    if e.type == "membership.MemberTransferred")
    v1 = dict(transfer.data)
    del v1["decision"]  # a v1 transfer did not say who decided
    old = dataclasses.replace(transfer, schema_version=1, data=v1, global_position=1_000_000)
    db = sqlite3.connect(":memory:")
    db.executescript(SQLITE.member_history.ddl)

    MemberHistory(CODEC, SQLITE.member_history).handle_batch([old], db)
    MemberHistory(CODEC, SQLITE.member_history).handle(
        dataclasses.replace(old, global_position=1_000_001), db)

    shown = [r[0] for r in db.execute("SELECT details FROM member_history ORDER BY 1")]
    assert shown == [_as_the_event_says(old)] * 2
    assert '"decision":{"decided_on":null' in shown[0] and "decision" not in v1
    assert transfer.data["member_id"] == history["an"]  # the rich history's first transfer


def test_the_handlers_copy_the_stored_data_and_leave_it_as_it_was():
    data = {"member_id": "m-1", "from_organisation_id": "a", "to_organisation_id": "b",
            "effective_on": "2026-01-02", "decision": {
                "organisation_id": "a", "organ": "standing_committee", "number": "1-QĐ/ĐU",
                "decided_on": "2026-01-01", "signer": "Nguyễn Văn An", "rule_version": "r1"}}
    kept = dumps_sorted(data)
    at = datetime(2026, 1, 2, tzinfo=UTC)
    envelope = Envelope("e-1", "membership.MemberTransferred", CODEC.wire_of(CODEC.decode(
        "membership.MemberTransferred", 2, data)).version, "member-m-1", 3, 7, at, at, "NB",
        Actor("u", "organisation_commission"), "c", "c", "c", data)
    db = sqlite3.connect(":memory:")
    db.executescript(SQLITE.member_history.ddl)

    MemberHistory(CODEC, SQLITE.member_history).handle(envelope, db)

    (details,) = db.execute("SELECT details FROM member_history").fetchone()
    assert details == _as_the_event_says(envelope) and "member_id" not in details
    assert dumps_sorted(data) == kept  # the envelope's data is every reader's: not changed
