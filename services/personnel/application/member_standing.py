"""personnel_member_standing: whether each member is probationary, official or gone from the
rolls, from membership's published events through personnel's own classes (services never
import each other). Elections count official members only: a probationary member does not vote
(Điều lệ Đảng, QĐ 190), and a chi bộ's size under the 9-member rule is its official members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from .membership_view import SOURCE

# membership's statuses as this view keeps them; the others are gone from the rolls
KEPT = {"probationary": "probationary", "official": "official"}


@dataclass(frozen=True)
class ExistingMemberRecorded:
    member_id: str
    status: str


@dataclass(frozen=True)
class MemberReceivedFromProvince:
    member_id: str
    status: str


@dataclass(frozen=True)
class MemberAdmitted:
    member_id: str


@dataclass(frozen=True)
class MemberRecognisedAsOfficial:
    member_id: str


@dataclass(frozen=True)
class MemberRemovedFromProbationaryList:
    member_id: str


@dataclass(frozen=True)
class MemberRemovedFromRolls:
    member_id: str


@dataclass(frozen=True)
class MemberDisciplined:
    member_id: str
    form: str


@dataclass(frozen=True)
class MemberDied:
    member_id: str
    died_on: date


# every field read here is in each published version of these events (contracts/events/membership)
MEMBER_STANDING = EventCodec([
    ("membership.ExistingMemberRecorded", 1, ExistingMemberRecorded),
    ("membership.MemberReceivedFromProvince", 1, MemberReceivedFromProvince),
    ("membership.MemberAdmitted", 1, MemberAdmitted),
    ("membership.MemberRecognisedAsOfficial", 1, MemberRecognisedAsOfficial),
    ("membership.MemberRemovedFromProbationaryList", 1, MemberRemovedFromProbationaryList),
    ("membership.MemberRemovedFromRolls", 1, MemberRemovedFromRolls),
    ("membership.MemberDisciplined", 1, MemberDisciplined),
    ("membership.MemberDied", 1, MemberDied),
])


class PersonnelMemberStanding(DecodingProjection):
    name = "personnel_member_standing"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    reads = MEMBER_STANDING
    tables = ("ps_member_standing",)

    def __init__(self, ddl: str, set_standing: str, source: str = SOURCE) -> None:
        super().__init__(MEMBER_STANDING)
        self.sources = (source,)
        self.ddl = ddl
        self.set_standing = set_standing  # (member_id, standing)

    def handle(self, envelope: Envelope, db: Any) -> None:
        if self.codec.knows(envelope.type):  # membership's other facts are not read here
            super().handle(envelope, db)

    def handle_batch(self, envelopes: Any, db: Any) -> None:
        for envelope in envelopes:
            self.handle(envelope, db)

    def _set(self, member_id: str, standing: str, db: Any) -> None:
        db.execute(self.set_standing, (member_id, standing))

    def on_recorded(self, ev: Any, env, db) -> None:
        if ev.status != "applicant":
            self._set(ev.member_id, KEPT.get(ev.status, "gone"), db)

    def on_admitted(self, ev: MemberAdmitted, env, db) -> None:
        self._set(ev.member_id, "probationary", db)

    def on_official(self, ev: MemberRecognisedAsOfficial, env, db) -> None:
        self._set(ev.member_id, "official", db)

    def on_gone(self, ev: Any, env, db) -> None:
        self._set(ev.member_id, "gone", db)

    def on_disciplined(self, ev: MemberDisciplined, env, db) -> None:
        if ev.form == "expulsion":
            self._set(ev.member_id, "gone", db)

    handlers = {
        ExistingMemberRecorded: on_recorded,
        MemberReceivedFromProvince: on_recorded,
        MemberAdmitted: on_admitted,
        MemberRecognisedAsOfficial: on_official,
        MemberRemovedFromProbationaryList: on_gone,
        MemberRemovedFromRolls: on_gone,
        MemberDisciplined: on_disciplined,
        MemberDied: on_gone,
    }
