"""work_queue: what is due, and by when, in working days — the deadlines the facts set.

Each row is one item of work a fact opened (an application waits for its decision, an admission
for its ceremony, an ended probation for the branch's vote, a temporary transfer for its end) with
its due date computed here, once, from the rule in force on the fact's date and the working-day
calendar (domain/deadlines.py); a later fact closes it on its own date, so the queue can be asked
as of a past day too. Days left or overdue are counted at query time (application/work_queue.py).

Adding a kind: write one function `(event, deadlines) -> list[Open | Close | Retime]` that
reads the events that open and close its items, and add `Kind("name", (EventA, EventB),
function)` to KINDS below. The projection subscribes to every event a kind reads; nothing else
changes (raise WorkQueue.version so the read model rebuilds with the new kind's items). E.g. a
permanent transfer in transit: Open on the letter issued, `d.working_days(issued_on,
"transfer.letter_working_days")` (the rule-book key holding 30), Close on its receipt; a xóa tên
proposal is `removal_from_rolls_proposal` below. The gateway lists kinds as strings: no schema
change. Kinds whose date follows a calendar of days rather than a fact (badges on the presentation days) are asked
at query time from their own read model (application/work_queue.py, QUERY_KINDS).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e
from ...domain.deadlines import Deadline, Deadlines
from ...domain.values import MemberStatus


@dataclass(frozen=True)
class Open:
    """The open item of this kind for this subject is now this one (replacing an open one)."""

    kind: str
    member_id: str
    deadline: Deadline
    opened_on: date | None = None  # the fact's date, when the count starts later (probation)


@dataclass(frozen=True)
class Close:
    """The subject's open item of `kind` (every kind when None) was dealt with on `on`."""

    member_id: str
    on: date
    kind: str | None = None


@dataclass(frozen=True)
class Retime:
    """The subject's open item of `kind`, if any, now counts from a corrected date."""

    kind: str
    member_id: str
    deadline: Deadline


Change = Open | Close | Retime


@dataclass(frozen=True)
class Kind:
    name: str
    reads: tuple[type, ...]
    items: Callable[[Any, Deadlines], list[Change]]


# -- the kinds --------------------------------------------------------------------------------


def admission_decision(ev: Any, d: Deadlines) -> list[Change]:
    """The branch proposed the admission (nghị quyết đề nghị kết nạp): the decision is due
    within 60 working days of its resolution. An application the branch has not yet proposed
    waits on the branch, not on a deadline."""
    match ev:
        case e.AdmissionProposed():
            return [Open("admission_decision", ev.member_id, d.working_days(
                ev.resolved_on, "admission.decision_working_days"))]
        case e.MemberAdmitted():
            return [Close(ev.member_id, ev.decided_on, "admission_decision")]
    return []


def admission_ceremony(ev: Any, d: Deadlines) -> list[Change]:
    """An admission waits for its ceremony (lễ kết nạp): 30 working days from the decision."""
    match ev:
        case e.MemberAdmitted():
            return [Open("admission_ceremony", ev.member_id, d.working_days(
                ev.decided_on, "admission.ceremony_working_days"))]
        case e.ExistingMemberRecorded() if (ev.status is MemberStatus.PROBATIONARY
                                             and ev.ceremony_on is None):
            return [Open("admission_ceremony", ev.member_id, d.working_days(
                ev.admitted_on, "admission.ceremony_working_days"))]
        case e.AdmissionCeremonyHeld():
            return [Close(ev.member_id, ev.held_on, "admission_ceremony")]
        case e.MemberFileCorrected() if ev.field == "admitted_on":
            return [Retime("admission_ceremony", ev.member_id, d.working_days(
                date.fromisoformat(ev.new_value), "admission.ceremony_working_days"))]
    return []


def recognition_vote(ev: Any, d: Deadlines) -> list[Change]:
    """Probation ended (12 months from the ceremony): the branch votes on recognition within 30
    working days of its end."""
    match ev:
        case e.AdmissionCeremonyHeld():
            return [Open("recognition_vote", ev.member_id, d.working_days(
                ev.probation_ends_on, "recognition.vote_working_days"), ev.held_on)]
        case e.ExistingMemberRecorded() if (ev.status is MemberStatus.PROBATIONARY
                                             and ev.probation_ends_on is not None):
            return [Open("recognition_vote", ev.member_id, d.working_days(
                ev.probation_ends_on, "recognition.vote_working_days"), ev.admitted_on)]
        case e.MemberRecognisedAsOfficial():
            return [Close(ev.member_id, ev.decided_on, "recognition_vote")]
    return []


def temporary_transfer_end(ev: Any, d: Deadlines) -> list[Change]:
    """A temporary transfer is due back on its planned end (the rule that bounds its length)."""
    match ev:
        case e.MemberTemporarilyTransferred():
            rule = f"transfer.temporary_max_months_{ev.purpose.value}"
            return [Open("temporary_transfer_end", ev.member_id,
                         Deadline(ev.starts_on, ev.ends_on, rule, ev.rule_version, ""))]
        case e.TemporaryTransferEnded():
            return [Close(ev.member_id, ev.ended_on, "temporary_transfer_end")]
    return []


def removal_from_rolls_proposal(ev: Any, d: Deadlines) -> list[Change]:
    """The branch proposed xóa tên: the competent committee decides (removal.decision_working_days,
    [mem]). The proposal lapses when the member's status changes otherwise (Member.proposals):
    recognised as official, or gone by another decision (`leaving` closes every item)."""
    match ev:
        case e.RemovalFromRollsProposed():
            return [Open("removal_from_rolls_proposal", ev.member_id, d.working_days(
                ev.resolved_on, "removal.decision_working_days"))]
        case e.MemberRecognisedAsOfficial():
            return [Close(ev.member_id, ev.decided_on, "removal_from_rolls_proposal")]
    return []


def leaving(ev: Any, d: Deadlines) -> list[Change]:
    """A member who leaves the rolls leaves no work behind."""
    match ev:
        case e.MemberRemovedFromProbationaryList() | e.MemberRemovedFromRolls():
            return [Close(ev.member_id, ev.decided_on)]
        case e.MemberDisciplined() if ev.form.value == "expulsion":
            return [Close(ev.member_id, ev.decided_on)]
        case e.MemberDied():
            return [Close(ev.member_id, ev.died_on)]
    return []


KINDS: tuple[Kind, ...] = (
    Kind("admission_decision", (e.AdmissionProposed, e.MemberAdmitted), admission_decision),
    Kind("admission_ceremony", (e.MemberAdmitted, e.ExistingMemberRecorded,
                                e.AdmissionCeremonyHeld, e.MemberFileCorrected),
         admission_ceremony),
    Kind("recognition_vote", (e.AdmissionCeremonyHeld, e.ExistingMemberRecorded,
                              e.MemberRecognisedAsOfficial), recognition_vote),
    Kind("temporary_transfer_end", (e.MemberTemporarilyTransferred, e.TemporaryTransferEnded),
         temporary_transfer_end),
    Kind("removal_from_rolls_proposal", (e.RemovalFromRollsProposed,
                                         e.MemberRecognisedAsOfficial),
         removal_from_rolls_proposal),
    Kind("leaving", (e.MemberRemovedFromProbationaryList, e.MemberRemovedFromRolls,
                     e.MemberDisciplined, e.MemberDied), leaving),
)


@dataclass(frozen=True)
class WorkQueueSql:
    """work_queue's statements, written out per dialect (adapters/read_model_sql)."""

    ddl: str  # work_items and its indexes
    forget_open: str  # (kind, member_id): delete the open item
    insert: str  # (kind, member_id, opened_on, since, due_on, rule, rule_version,
    #               calendar_version, global_position): open (closed_on NULL); replaces a row
    #               with the same key
    close_kind: str  # (closed_on, member_id, kind): the open item of that kind
    close_all: str  # (closed_on, member_id): every open item
    retime: str  # (since, due_on, rule, rule_version, calendar_version, member_id, kind): the
    #               open item of that kind


class WorkQueue(DecodingProjection):
    name = "work_queue"
    # closing a member's items (a death, a removal, a move out) finds them by it: left for after
    # a rebuild's load, each such event scanned every item (kit/testing/scans.py)
    lookup_indexes = ("work_items_member",)
    rebuild_weight = 0.7  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    version = 1  # raise it with a new kind or calendar version: the queue rebuilds
    tables = ("work_items",)

    def __init__(self, codec: EventCodec, deadlines: Deadlines, sql: WorkQueueSql,
                 kinds: Sequence[Kind] = KINDS) -> None:
        super().__init__(codec)
        self.deadlines = deadlines
        self.sql = sql
        self.ddl = sql.ddl
        self.kinds = tuple(kinds)
        reads = {cls for k in self.kinds for cls in k.reads}
        self._handlers = {cls: self.on_fact for cls in reads}

    def on_fact(self, event: Any, env: Envelope, db: sqlite3.Connection) -> None:
        for kind in self.kinds:
            if type(event) not in kind.reads:
                continue
            for change in kind.items(event, self.deadlines):
                self._write(change, env, db)

    def _write(self, change: Change, env: Envelope, db: sqlite3.Connection) -> None:
        if isinstance(change, Open):
            d = change.deadline
            db.execute(self.sql.forget_open, (change.kind, change.member_id))
            db.execute(self.sql.insert, (
                change.kind, change.member_id, (change.opened_on or d.since).isoformat(),
                d.since.isoformat(), d.due_on.isoformat(), d.rule, d.rule_version,
                d.calendar_version, env.global_position))
        elif isinstance(change, Retime):
            d = change.deadline
            db.execute(self.sql.retime, (d.since.isoformat(), d.due_on.isoformat(), d.rule,
                                         d.rule_version, d.calendar_version, change.member_id,
                                         change.kind))
        elif change.kind is None:
            db.execute(self.sql.close_all, (change.on.isoformat(), change.member_id))
        else:
            db.execute(self.sql.close_kind, (change.on.isoformat(), change.member_id,
                                             change.kind))

    # every event a kind reads goes to on_fact (set per instance from `kinds`); the class table
    # names them for the codec check
    handlers = dict.fromkeys((cls for k in KINDS for cls in k.reads), on_fact)
