"""congress_records: congresses, their elections and ballot rounds, and who sits on each body
(elected or appointed), from personnel's log. Statements by name, written out per dialect in
adapters/read_model_sql/congress.py; lists are JSON text, dates ISO text, flags 0/1."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kit.codec import EventCodec
from kit.projections.decoding import DecodingProjection

from ..domain import congress_events as e


@dataclass(frozen=True)
class CongressSql:
    ddl: str
    insert_congress: str  # (congress_id, organisation_id, organisation_type, term, kind,
    #                        notice_on, opens_on, summoned, members, direct_secretary,
    #                        rule_version)
    insert_election: str  # (election_id, congress_id, body, held_by, seats, candidates,
    #                        surplus, rule_version)
    insert_round: str  # (election_id, round, held_on, summoned, present, issued, returned,
    #                     valid, votes, elected, tied, seats_left, rule_version)
    seat_elected: str  # (member_id, held_on, election_id)
    approve_election: str  # (approved_on, approval, election_id)
    approve_seats: str  # (source_id)
    seat_appointed: str  # (organisation_id, term, body, member_id, source_id, since)
    congress: str  # (congress_id) -> the congress's columns
    congresses_of: str  # (organisation_id) -> congress ids, latest first
    elections_of: str  # (congress_id) -> the election's columns
    rounds_of: str  # (election_id) -> the round's columns
    seats_of: str  # (organisation_id, term) -> body, member_id, how, source_id, since, approved
    organisations: str  # () -> id, parent_id, merged_into
    members_of: str  # () -> organisation_id, n, official: members on the rolls per organisation
    standing_ddl: str  # personnel_member_standing
    set_standing: str  # (member_id, standing: probationary | official | gone)
    member_name: str  # (member_id) -> full_name


class CongressRecords(DecodingProjection):
    name = "congress_records"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ps_congresses", "ps_elections", "ps_ballot_rounds", "ps_committee_members")

    def __init__(self, codec: EventCodec, sql: CongressSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_CongressConvened(self, ev: e.CongressConvened, env, db: Any) -> None:
        db.execute(self.sql.insert_congress, (
            ev.congress_id, ev.organisation_id, ev.organisation_type, ev.term, ev.kind,
            ev.notice_on.isoformat(), ev.opens_on.isoformat(), ev.summoned, ev.members,
            int(ev.direct_secretary), ev.rule_version))

    def on_CandidatesNominated(self, ev: e.CandidatesNominated, env, db: Any) -> None:
        db.execute(self.sql.insert_election, (
            ev.election_id, ev.congress_id, ev.body, ev.held_by, ev.seats,
            json.dumps(list(ev.candidates)), ev.surplus, ev.rule_version))

    def on_BallotCounted(self, ev: e.BallotCounted, env, db: Any) -> None:
        db.execute(self.sql.insert_round, (
            ev.election_id, ev.round, ev.held_on.isoformat(), ev.summoned, ev.present,
            ev.issued, ev.returned, ev.valid,
            json.dumps([[v.member_id, v.votes] for v in ev.votes]), json.dumps(list(ev.elected)),
            json.dumps(list(ev.tied)), ev.seats_left, ev.rule_version))
        for member in ev.elected:
            db.execute(self.sql.seat_elected, (member, ev.held_on.isoformat(), ev.election_id))

    def on_ElectionResultsApproved(self, ev: e.ElectionResultsApproved, env, db: Any) -> None:
        d = ev.decision
        approval = {"organisation_id": d.organisation_id, "organ": d.organ, "number": d.number,
                    "decided_on": d.decided_on.isoformat(), "signer": d.signer,
                    "rule_version": ev.rule_version}
        db.execute(self.sql.approve_election, (d.decided_on.isoformat(), json.dumps(approval),
                                               ev.election_id))
        db.execute(self.sql.approve_seats, (ev.election_id,))

    def on_CommitteeMembersAppointed(self, ev: e.CommitteeMembersAppointed, env,
                                     db: Any) -> None:
        for member in ev.members:
            db.execute(self.sql.seat_appointed, (
                ev.organisation_id, ev.term, ev.body, member, ev.appointment_id,
                ev.decision.decided_on.isoformat()))

    handlers = {
        e.CongressConvened: on_CongressConvened,
        e.CandidatesNominated: on_CandidatesNominated,
        e.BallotCounted: on_BallotCounted,
        e.ElectionResultsApproved: on_ElectionResultsApproved,
        e.CommitteeMembersAppointed: on_CommitteeMembersAppointed,
    }
