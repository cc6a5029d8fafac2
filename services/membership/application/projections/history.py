"""member_history: one member's full story, every change with its effective date and who did it.

The moves a merge made are not rows here: which members a merge moved depends on facts that may
be entered after it, so the query reads them from tree_as_of's placements (queries.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.json_encode import to_jsonable
from kit.json_text import dumps_sorted, loads
from kit.projections.decoding import DecodingProjection, decode, decode_batch

from ...domain import change_events as ce
from ...domain import events as e
from ...domain import province_transfer_events as pe

# the business date each member event takes effect on
_EFFECTIVE = {
    e.ApplicationSubmitted: "submitted_on", e.ExistingMemberRecorded: "admitted_on",
    e.MemberAdmitted: "decided_on", e.AdmissionCeremonyHeld: "held_on",
    e.MemberRecognisedAsOfficial: "official_from", e.PartyCardIssued: "issued_on",
    e.MemberRemovedFromProbationaryList: "decided_on", e.MemberTransferred: "effective_on",
    e.MemberTemporarilyTransferred: "starts_on", e.TemporaryTransferEnded: "ended_on",
    e.MemberExempted: "effective_on", e.ExemptionEnded: "effective_on",
    e.MemberRemovedFromRolls: "decided_on", e.MemberDisciplined: "decided_on",
    e.MemberDied: "died_on", e.MemberProfileUpdated: "effective_on",
    ce.MemberSuspended: "effective_on", ce.SuspensionEnded: "effective_on",
    ce.TemporaryTransferExtended: "extended_on", ce.TransferLetterIssued: "issued_on",
    ce.TransferredMemberReceived: "received_on", ce.MemberReceivedFromProvince: "received_on",
    e.MemberFileCorrected: "corrected_on",  # details: field, old_value, new_value, reason, …
    pe.MemberSentToProvince: "issued_on", pe.TransferToProvinceCompleted: "received_on",
    pe.TransferReturnedFromProvince: "refused_on",
}
CARRIED = "CarriedFromProvince"  # a fact of the member's history in the province they came from


@dataclass(frozen=True)
class MemberHistorySql:
    """member_history's statements, written out per dialect (adapters/read_model_sql)."""

    ddl: str  # member_history
    insert: str  # (member_id, global_position, event, effective_on, recorded_at, actor,
    #               details): seq 0
    insert_seq: str  # (member_id, global_position, seq, event, effective_on, recorded_at,
    #                   actor, details): the facts a dossier carried, seq 1, 2, …


class MemberHistory(DecodingProjection):
    name = "member_history"
    rebuild_weight = 1.05  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    # merge moves read from tree_as_of; the 2025 changes' events; corrections; transfers
    # between provinces, with the history the dossier carried; 6: the key a unique index, which
    # a rebuild builds once after the load instead of inserting every row into it at a random
    # place (1M events: rebuild 128 -> 116 s)
    version = 6
    tables = ("member_history",)

    def __init__(self, codec: EventCodec, sql: MemberHistorySql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def handle(self, envelope: Envelope, db: sqlite3.Connection) -> None:
        self._apply(decode(self.codec, envelope), envelope, db, None)

    def handle_batch(self, envelopes: Sequence[Envelope], db: sqlite3.Connection) -> None:
        """The batch's rows go in with one executemany statement."""
        pending = _Pending(db, self.sql)
        for envelope, event in zip(envelopes, decode_batch(self.codec, envelopes), strict=True):
            if event is None:
                raise ValueError(f"unknown event type {envelope.type}")
            self._apply(event, envelope, db, pending)
        pending.flush()

    def _apply(self, event: object, envelope: Envelope, db: sqlite3.Connection,
               pending: _Pending | None) -> None:
        if isinstance(event, pe.IncomingTransferOpened):
            self._carried(event, envelope, db, pending)
            return
        field = _EFFECTIVE.get(type(event))
        if field is not None:
            # stored at the codec's current version, the data is the event's JSON form as
            # encoding it again would give it (5.3 -> 1.5 us an event, most of a rebuild's
            # events); an older version's is what its upcasters turn it into
            details = dict(envelope.data) if envelope.schema_version == \
                self.codec.wire_of(event).version else to_jsonable(event)
            details.pop("member_id", None)
            details.pop("dossier", None)  # sealed for the other province: nothing to read
            self._row(db, pending, event.member_id, envelope, envelope.type.split(".", 1)[1],
                      getattr(event, field), details)

    def _carried(self, event: pe.IncomingTransferOpened, env: Envelope,
                 db: sqlite3.Connection, pending: _Pending | None) -> None:
        if pending is not None:
            pending.flush()  # in order: a batch's rows before these
        actor = f"{env.actor.user_id} ({env.actor.role})"
        db.executemany(self.sql.insert_seq, [
            (event.member_id, env.global_position, seq, CARRIED, fact.effective_on.isoformat(),
             env.recorded_at.isoformat(), actor,
             dumps_sorted({"province": fact.province, "event": fact.event,
                     "details": loads(fact.details)}))
            for seq, fact in enumerate(event.dossier.history, 1)])

    def _row(self, db, pending: _Pending | None, member_id: str, env: Envelope, kind: str,
             on: date, details: dict) -> None:
        row = (member_id, env.global_position, kind, on.isoformat(), env.recorded_at.isoformat(),
               f"{env.actor.user_id} ({env.actor.role})",
               dumps_sorted(details))
        if pending is not None:
            pending.rows.append(row)
        else:
            db.execute(self.sql.insert, row)


class _Pending:
    """A batch's history rows, written together."""

    def __init__(self, db: sqlite3.Connection, sql: MemberHistorySql) -> None:
        self.db = db
        self.sql = sql
        self.rows: list[tuple] = []

    def flush(self) -> None:
        if self.rows:
            self.db.executemany(self.sql.insert, self.rows)
            self.rows.clear()
