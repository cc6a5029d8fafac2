"""removal_grounds: the grounds for xóa tên branches found in their records (months absent
without reason, months of dues unpaid), by member, year and ground: what a committee acts on."""

from __future__ import annotations

import json
from dataclasses import dataclass

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e


@dataclass(frozen=True)
class RemovalGroundsSql:
    """removal_grounds' statements, written out once per SQL dialect (adapters)."""

    ddl: str  # removal_grounds and its year index
    # (member_id, year, ground, organisation_id, months (JSON list), threshold, meeting_id,
    # found_on, rule_version, found_at)
    insert: str
    # (scope LIKE pattern, year) -> removal_grounds' columns and org_id, org_name, org_type,
    # org_status of the branch that found it
    in_scope: str


class RemovalGrounds(DecodingProjection):
    name = "removal_grounds"
    # named in its statements, so rebuilt with them (test_rebuild_apart)
    uses_tables_of: tuple[str, ...] = ("membership_as_of", "organisation_paths")
    tables = ("removal_grounds",)

    def __init__(self, codec: EventCodec, sql: RemovalGroundsSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_RemovalFromRollsGroundsFound(self, ev: e.RemovalFromRollsGroundsFound,
                                        env: Envelope, db) -> None:
        db.execute(self.sql.insert,
                   (ev.member_id, ev.year, ev.ground.value, ev.organisation_id,
                    json.dumps(list(ev.months)), ev.threshold, ev.meeting_id,
                    ev.found_on.isoformat(), ev.rule_version, env.recorded_at.isoformat()))

    handlers = {
        e.RemovalFromRollsGroundsFound: on_RemovalFromRollsGroundsFound,
    }
