"""A deterministic province of any size, as membership events written straight to the store port.

The scale curve measures the store and the projections, not command planning, so this generator
does not run commands: it writes events the membership projections understand, in batches
(`store.batch()`, one command per member event). Shape, per member: a file recorded from paper
(70 %) or an admission (application, decision, ceremony, official, card: 30 %), then a year of
activity until the province holds `events` events. Meetings events are not generated yet (the
meetings service landed after this generator), so the year's activity (which in the real province
is mostly meeting attendance) is membership-shaped too: profile updates, temporary transfers and their end, exemptions and their end, transfers.

At 7,000,000 events this is a 500,000-member province (14 events a member), like the issue's.
Same arguments, same events: ids are uuid5 of the seed and the member's number.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from kit.envelope import Actor, CommandContext, NewEvent
from kit.store import EventStore, StreamAppend
from services.membership.declaration import DECLARATION as MEMBERSHIP

VERSIONS = {w.name: w.version for w in MEMBERSHIP.codec.types()}

NS = uuid.UUID("5d1c0a44-52a6-4c8e-8a57-0f3b0b3c2b11")
EVENTS_PER_MEMBER = 14  # 500,000 members at 7M events
MEMBERS_PER_BRANCH = 40
COHORT = 10_000  # members whose streams interleave in the log
BRANCHES_PER_COMMUNE = 20
RULES = "QĐ24-2021"
LOADER = Actor("bench-loader", "system")
AT = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đinh", "Ngô")
MIDDLE = ("Văn", "Thị", "Đức", "Ngọc", "Minh", "Thu", "Quang", "Hữu")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hương", "Lan", "Mạnh", "Nga", "Phúc", "Thắng",
         "Tuyết", "Yến", "Ánh", "Đông", "Hải")
JOBS = ("Nông dân", "Giáo viên", "Cán bộ", "Công nhân", "Cựu chiến binh", "Kinh doanh")


def _id(seed: int, kind: str, n: int) -> str:
    return str(uuid.uuid5(NS, f"{seed}:{kind}:{n}"))


def _decision(org: str, organ: str, number: str, on: date, signer: str) -> dict:
    """Who decided, as v2 of the decision events records it."""
    return {"organisation_id": org, "organ": organ, "number": number,
            "decided_on": on.isoformat(), "signer": signer, "rule_version": RULES}


@dataclass(frozen=True)
class Shape:
    members: int
    branches: int
    communes: int


def shape_for(events: int) -> Shape:
    members = max(1, events // EVENTS_PER_MEMBER)
    branches = max(1, -(-members // MEMBERS_PER_BRANCH))
    communes = max(1, -(-branches // BRANCHES_PER_COMMUNE))
    return Shape(members, branches, communes)


class Province:
    """Yields (stream_id, event) in the order they are written: the tree, then members in waves
    (every member's first event, then every member's second, ...), so streams interleave as they
    do in a real log."""

    def __init__(self, events: int, seed: int = 7) -> None:
        self.target = events
        self.seed = seed
        self.shape = shape_for(events)
        self.root = _id(seed, "org", 0)
        self.communes = [_id(seed, "commune", i) for i in range(self.shape.communes)]
        self.branches = [_id(seed, "branch", i) for i in range(self.shape.branches)]

    def branch_of(self, member: int) -> str:
        return self.branches[member % len(self.branches)]

    def commune_of(self, member: int) -> str:
        return self.communes[(member % len(self.branches)) // BRANCHES_PER_COMMUNE]


    def organisations(self) -> Iterator[tuple[str, str, dict]]:
        yield self._org(self.root, "Đảng bộ tỉnh Bench", "provincial_committee", None)
        for i, cid in enumerate(self.communes):
            yield self._org(cid, f"Đảng bộ xã Số {i}", "commune_committee", self.root)
        for i, bid in enumerate(self.branches):
            parent = self.communes[i // BRANCHES_PER_COMMUNE]
            yield self._org(bid, f"Chi bộ thôn Số {i}", "grassroots_branch", parent)

    @staticmethod
    def _org(oid: str, name: str, kind: str, parent: str | None) -> tuple[str, str, dict]:
        return f"organisation-{oid}", "OrganisationCreated", {
            "organisation_id": oid, "name": name, "type": kind, "parent_id": parent,
            "established_on": "1975-05-01", "rule_version": RULES}

    def events(self) -> Iterator[tuple[str, str, dict]]:
        """(stream_id, event name, data): exactly `events` of them (at least the tree)."""
        emitted = 0
        for item in self.organisations():
            emitted += 1
            yield item
        # members come in cohorts; within one, every member's first event, then every second...
        for start in range(0, self.shape.members, COHORT):
            cohort = range(start, min(start + COHORT, self.shape.members))
            lives = [self._life(m) for m in cohort]
            streams = [f"member-{_id(self.seed, 'member', m)}" for m in cohort]
            for wave in range(EVENTS_PER_MEMBER):
                for i, life in enumerate(lives):
                    if wave < len(life):
                        name, data = life[wave]
                        yield streams[i], name, data
                        emitted += 1
                        if emitted >= self.target:
                            return

    def _life(self, m: int) -> list[tuple[str, dict]]:
        rng = random.Random(f"{self.seed}:{m}")
        mid = _id(self.seed, "member", m)
        home = self.branch_of(m)
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 50))
        female = rng.random() < 0.45
        profile = {
            "full_name": f"{rng.choice(SURNAMES)} {'Thị' if female else rng.choice(MIDDLE)} "
                         f"{rng.choice(GIVEN)}",
            "date_of_birth": born.isoformat(), "gender": "female" if female else "male",
            "ethnicity": "Kinh", "hometown": "xã Yên Hưng, huyện Yên Mô, tỉnh Ninh Bình",
            "citizen_id": f"037{(1 if female else 0)}{born.year % 100:02d}{m % 1_000_000:06d}",
            "education": "upper_secondary", "political_theory": "elementary",
            "occupation": rng.choice(JOBS), "qualification": ""}
        card = f"37.{m:06d}"
        commune, signer = self.commune_of(m), "Nguyễn Văn Thành"
        life: list[tuple[str, dict]] = []
        if rng.random() < 0.7:
            admitted = born + timedelta(days=365 * 20 + rng.randrange(365 * 20))
            ceremony = admitted + timedelta(days=30)
            ends = ceremony + timedelta(days=365)
            life.append(("ExistingMemberRecorded", {
                "member_id": mid, "organisation_id": home, "profile": profile,
                "status": "official", "admitted_on": admitted.isoformat(),
                "ceremony_on": ceremony.isoformat(), "probation_ends_on": ends.isoformat(),
                "official_from": ends.isoformat(), "card_number": card,
                "recorded_on": "2024-12-01"}))
        else:
            submitted = date(2023, 1, 2) + timedelta(days=rng.randrange(300))
            decided = submitted + timedelta(days=60)
            held = decided + timedelta(days=20)
            ends = held + timedelta(days=365)
            life += [
                ("ApplicationSubmitted", {
                    "member_id": mid, "organisation_id": home, "profile": profile,
                    "sponsors": [{"kind": "youth_union", "member_id": None,
                                  "known_since": "2021-01-04"}],
                    "submitted_on": submitted.isoformat(), "readmission": False,
                    "rule_version": RULES}),
                ("MemberAdmitted", {
                    "member_id": mid, "decided_on": decided.isoformat(),
                    "considered_on": (decided - timedelta(days=30)).isoformat(),
                    "decision_number": f"{m % 500 + 1}-QĐ/HU", "age_months": 300,
                    "readmission": False, "rule_version": RULES,
                    "decision": _decision(commune, "standing_committee",
                                          f"{m % 500 + 1}-QĐ/HU", decided, signer)}),
                ("AdmissionCeremonyHeld", {
                    "member_id": mid, "held_on": held.isoformat(),
                    "probation_ends_on": ends.isoformat(), "rule_version": RULES}),
                ("MemberRecognisedAsOfficial", {
                    "member_id": mid, "decided_on": (ends + timedelta(days=10)).isoformat(),
                    "official_from": ends.isoformat(), "rule_version": RULES,
                    "decision": _decision(commune, "standing_committee", f"{m % 700 + 1}-QĐ/HU",
                                          ends + timedelta(days=10), signer)}),
                ("PartyCardIssued", {
                    "member_id": mid, "card_number": card,
                    "issued_on": (ends + timedelta(days=40)).isoformat()})]
        # a year of activity, dated 2025-2026 in order
        day = date(2025, 1, 6) + timedelta(days=rng.randrange(20))
        placed = home
        while len(life) < EVENTS_PER_MEMBER:
            day += timedelta(days=14 + rng.randrange(14))
            roll = rng.random()
            if roll < 0.45:
                profile = {**profile, "occupation": rng.choice(JOBS)}
                life.append(("MemberProfileUpdated", {
                    "member_id": mid, "profile": profile, "effective_on": day.isoformat()}))
            elif roll < 0.75 and len(life) <= EVENTS_PER_MEMBER - 2:
                other = self.branches[(m + 1 + rng.randrange(7)) % len(self.branches)]
                ends = day + timedelta(days=10)
                life += [("MemberTemporarilyTransferred", {
                    "member_id": mid, "from_organisation_id": placed,
                    "to_organisation_id": other, "starts_on": day.isoformat(),
                    "ends_on": ends.isoformat(), "purpose": "study", "rule_version": RULES}),
                    ("TemporaryTransferEnded", {"member_id": mid, "ended_on": ends.isoformat()})]
                day = ends
            elif roll < 0.9 and len(life) <= EVENTS_PER_MEMBER - 2:
                ends = day + timedelta(days=7)
                life += [("MemberExempted", {"member_id": mid, "effective_on": day.isoformat(),
                                             "ground": "weak_health",
                                             "decision": _decision(placed, "assembly", "2-NQ/CB",
                                                                   day, signer)}),
                         ("ExemptionEnded", {"member_id": mid, "effective_on": ends.isoformat()})]
                day = ends
            else:
                other = self.branches[(m + 1 + rng.randrange(7)) % len(self.branches)]
                life.append(("MemberTransferred", {
                    "member_id": mid, "from_organisation_id": placed,
                    "to_organisation_id": other, "effective_on": day.isoformat(),
                    "decision": _decision(self.root, "organisation_board", "15-GGT/TU", day,
                                          signer)}))
                placed = other
        return life


def _uid(seed: int, kind: int, n: int) -> str:
    """A deterministic id in UUID form, cheaper than uuid5 for millions of events."""
    return f"{seed & 0xFFFFFFFF:08x}-{kind:04x}-4000-8000-{n:012x}"


PER_COMMAND = 10  # events (one a stream) a command carries
PER_TRANSACTION = 500  # commands a transaction holds
PER_TRANSACTION_EVENTS = PER_COMMAND * PER_TRANSACTION


def load(store: EventStore, events: int, *, seed: int = 7, per_command: int = PER_COMMAND,
         per_transaction: int = PER_TRANSACTION, province: str = "NB") -> int:
    """Write the province's events through the store port; returns how many were written.

    A command carries one event for each of up to `per_command` different streams (a branch
    secretary recording the same kind of change for several members at once); a transaction
    holds `per_transaction` commands (store.batch(), each command still atomic alone)."""
    versions: dict[str, int] = {}
    written = commands = 0
    source = Province(events, seed).events()
    pending: tuple[str, str, dict] | None = None
    done = False
    while not done:
        with store.batch():
            for _ in range(per_transaction):
                appends: list[StreamAppend] = []
                streams: set[str] = set()
                while len(appends) < per_command:
                    item = pending or next(source, None)
                    pending = None
                    if item is None:
                        done = True
                        break
                    stream_id, name, data = item
                    if stream_id in streams:  # one event per stream in a command
                        pending = item
                        break
                    streams.add(stream_id)
                    written += 1
                    appends.append(StreamAppend(stream_id, versions.get(stream_id, 0), [NewEvent(
                        f"membership.{name}", VERSIONS[f"membership.{name}"], data,
                        occurred_at=AT)]))  # the platform mints event ids, as in service
                    versions[stream_id] = versions.get(stream_id, 0) + 1
                if appends:
                    commands += 1
                    store.append(appends, CommandContext(_uid(seed, 2, commands), province,
                                                         LOADER))
                if done:
                    break
    return written
