"""Meeting aggregate (cuộc sinh hoạt chi bộ): from the call to the closed minutes."""

from __future__ import annotations

from datetime import datetime, timedelta

from kit.aggregate import Aggregate
from kit.errors import InvalidInput, InvalidState
from kit.rules import RuleBook, RuleSet
from kit.text import clean_name, clean_text

from .branch import OrganisationInfo
from .events import (
    AttendanceRecorded,
    MaterialsPublished,
    MeetingCancelled,
    MeetingClosed,
    MeetingOpened,
    MeetingRescheduled,
    MeetingScheduled,
    MinutesClosed,
    ResolutionAdopted,
    ResolutionRejected,
    SummonedMember,
    SuperiorCadreAttended,
)
from .resolutions import NEEDS_SUBJECT, ResolutionType
from .values import (
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
    local_date,
    local_time,
    minutes_between,
)
from .voting import exclusion_of, tally

__all__ = ["Meeting", "exclusion_of", "expected_to_attend", "minimum_minutes"]

MAX_AGENDA_ITEMS = 30
MAX_MINUTES = 12 * 60


def minimum_minutes(r: RuleSet, kind: MeetingKind) -> int:
    return r[f"duration.min_minutes.{kind.value}"]


def expected_to_attend(m: SummonedMember) -> bool:
    """Whether an absence counts against the member (attendance rates, unexcused absences)."""
    return not (m.temporarily_transferred_out or m.suspended or m.exempt)


class Meeting(Aggregate):
    stream_prefix = "meeting"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.status: MeetingStatus | None = None
        self.organisation_id = ""
        self.kind = MeetingKind.REGULAR
        self.scheduled_start: datetime | None = None
        self.planned_minutes = 0
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.summoned: dict[str, SummonedMember] = {}
        self.attendance: dict[str, AttendanceStatus] = {}
        self.first_materials_at: datetime | None = None
        self.resolutions: set[str] = set()

    # -- guards -----------------------------------------------------------------------------

    def _require(self, *statuses: MeetingStatus) -> None:
        if not self.exists:
            raise InvalidState(f"meeting {self.id} does not exist", meeting_id=self.id)
        if self.status not in statuses:
            wanted = " or ".join(s.value for s in statuses)
            raise InvalidState(f"the meeting is {self.status}; this needs it {wanted}",
                               meeting_id=self.id, status=str(self.status))

    def _rules(self, rules: RuleBook) -> RuleSet:
        assert self.scheduled_start is not None
        return rules.in_force(local_date(self.scheduled_start))

    @staticmethod
    def _past(moment: object, now: datetime, field: str) -> datetime:
        at = local_time(moment, field)
        if at > now:
            raise InvalidInput(field, f"{at.isoformat()} is in the future")
        return at

    def _late(self, published_at: datetime, start: datetime, r: RuleSet) -> bool:
        return published_at > start - timedelta(days=r["materials.lead_days"])

    # -- decisions ----------------------------------------------------------------------------

    def schedule(self, branch: OrganisationInfo, kind: MeetingKind, topic: str | None,
                 scheduled_start: datetime, planned_minutes: int, agenda: tuple[str, ...],
                 rules: RuleBook) -> None:
        if self.exists:
            raise InvalidState(f"meeting {self.id} already exists", meeting_id=self.id)
        start = local_time(scheduled_start, "scheduled_start")
        branch.require_branch_meeting_on(local_date(start), "scheduled_start")
        if kind.counts_as_thematic:
            topic = clean_text(topic or "", "topic", max_length=300)
        elif topic:
            raise InvalidInput("topic", "only a thematic or combined meeting has a topic")
        else:
            topic = None
        items = tuple(clean_text(a, f"agenda[{i}]", max_length=500) for i, a in enumerate(agenda))
        if not items:
            raise InvalidInput("agenda", "a meeting needs at least one agenda item")
        if len(items) > MAX_AGENDA_ITEMS:
            raise InvalidInput("agenda", f"at most {MAX_AGENDA_ITEMS} items")
        if not 1 <= planned_minutes <= MAX_MINUTES:
            raise InvalidInput("planned_minutes", f"must be between 1 and {MAX_MINUTES}")
        r = rules.in_force(local_date(start))
        minimum = minimum_minutes(r, kind)
        r.require(planned_minutes >= minimum, f"duration.min_minutes.{kind.value}",
                  f"a {kind.value} meeting lasts at least {minimum} minutes; "
                  f"{planned_minutes} are planned")
        self.record(MeetingScheduled(self.id, branch.id, kind, topic, start, planned_minutes,
                                     minimum, items, r.version))

    def reschedule(self, scheduled_start: datetime, reason: str, rules: RuleBook) -> None:
        self._require(MeetingStatus.SCHEDULED)
        start = local_time(scheduled_start, "scheduled_start")
        if start == self.scheduled_start:
            raise InvalidInput("scheduled_start", "is the meeting's current start")
        r = rules.in_force(local_date(start))
        minimum = minimum_minutes(r, self.kind)
        r.require(self.planned_minutes >= minimum, f"duration.min_minutes.{self.kind.value}",
                  f"a {self.kind.value} meeting lasts at least {minimum} minutes; "
                  f"{self.planned_minutes} are planned")
        late = (None if self.first_materials_at is None
                else self._late(self.first_materials_at, start, r))
        self.record(MeetingRescheduled(self.id, start, minimum,
                                       clean_text(reason, "reason", max_length=500), late,
                                       r.version))

    def cancel(self, reason: str, now: datetime) -> None:
        self._require(MeetingStatus.SCHEDULED)
        self.record(MeetingCancelled(self.id, local_time(now, "now"),
                                     clean_text(reason, "reason", max_length=500)))

    def publish_materials(self, title: str, published_at: datetime, now: datetime,
                          rules: RuleBook) -> None:
        self._require(MeetingStatus.SCHEDULED, MeetingStatus.OPENED, MeetingStatus.ENDED)
        at = self._past(published_at, now, "published_at")
        r = self._rules(rules)
        assert self.scheduled_start is not None
        self.record(MaterialsPublished(self.id, clean_text(title, "title", max_length=300), at,
                                       r["materials.lead_days"],
                                       self._late(at, self.scheduled_start, r), r.version))

    def open(self, started_at: datetime, roster: list[SummonedMember], now: datetime) -> None:
        self._require(MeetingStatus.SCHEDULED)
        at = self._past(started_at, now, "started_at")
        if not roster:
            raise InvalidState("the branch has no members on its rolls to summon",
                               meeting_id=self.id)
        self.record(MeetingOpened(self.id, self.organisation_id, at, tuple(roster)))

    def record_attendance(self, member_id: str, status: AttendanceStatus, reason: str) -> None:
        self._require(MeetingStatus.OPENED, MeetingStatus.ENDED)
        if member_id not in self.summoned:
            raise InvalidInput("member_id", f"{member_id} was not summoned to this meeting")
        text = clean_text(reason, "reason", max_length=500,
                          required=status is AttendanceStatus.ABSENT_EXCUSED)
        self.record(AttendanceRecorded(self.id, member_id, status, text))

    def require_record_open(self) -> None:
        """Attendance, votes and dues are entered while the meeting is open or just ended."""
        self._require(MeetingStatus.OPENED, MeetingStatus.ENDED)

    def record_superior_cadre(self, full_name: str, title: str, organisation_name: str) -> None:
        self._require(MeetingStatus.OPENED, MeetingStatus.ENDED)
        self.record(SuperiorCadreAttended(
            self.id, clean_name(full_name, "full_name", max_length=120),
            clean_text(title, "title", max_length=200),
            clean_name(organisation_name, "organisation_name", max_length=200, numbered=True)))

    def adopt_resolution(self, resolution_id: str, title: str, votes_for: int,
                         votes_against: int, votes_abstaining: int,
                         resolution_type: ResolutionType, subject_member_id: str | None,
                         rules: RuleBook) -> None:
        """Record the vote and its result: adopted when approvals reach the share of the
        denominator the type counts against (voting.tally), rejected otherwise. An
        official recognition's subject is a probationary member summoned here; an admission's
        the handler checks against the branch's applicants."""
        self._require(MeetingStatus.OPENED, MeetingStatus.ENDED)
        text = clean_text(title, "title", max_length=500)
        for field, n in (("votes_for", votes_for), ("votes_against", votes_against),
                         ("votes_abstaining", votes_abstaining)):
            if n < 0:
                raise InvalidInput(field, "must not be negative")
        if resolution_type in NEEDS_SUBJECT and subject_member_id is None:
            raise InvalidInput("subject_member_id", f"a resolution on {resolution_type.value} "
                                                    "names the member it decides about")
        if resolution_type is ResolutionType.OFFICIAL_RECOGNITION:
            subject = self.summoned.get(subject_member_id or "")
            if subject is None or subject.official:
                raise InvalidInput("subject_member_id", "is not a probationary member "
                                                        "summoned to this meeting")
        r = self._rules(rules)
        t = tally(resolution_type, list(self.summoned.values()), self.attendance, r)
        votes = votes_for + votes_against + votes_abstaining
        if votes > t.voters_present:
            raise InvalidInput("votes_for", f"{votes} votes were counted but only "
                                            f"{t.voters_present} voting members are recorded "
                                            "present")
        passed = votes_for >= t.required_votes
        event = ResolutionAdopted if passed else ResolutionRejected
        self.record(event(self.id, resolution_id, text, votes_for, votes_against,
                          votes_abstaining, len(self.summoned), t.excluded, t.denominator,
                          r.version, resolution_type, subject_member_id, t.required_votes))

    def close(self, ended_at: datetime, now: datetime, rules: RuleBook) -> None:
        self._require(MeetingStatus.OPENED)
        at = self._past(ended_at, now, "ended_at")
        assert self.started_at is not None
        if at <= self.started_at:
            raise InvalidInput("ended_at", "must fall after the meeting started")
        r = self._rules(rules)
        actual = minutes_between(self.started_at, at)
        minimum = minimum_minutes(r, self.kind)
        self.record(MeetingClosed(self.id, at, actual, minimum, actual >= minimum, r.version))

    def close_minutes(self, now: datetime) -> None:
        """Needs the attendance of every member expected to attend; members away on temporary
        transfer, suspended or exempt may stay unrecorded."""
        self._require(MeetingStatus.ENDED)
        missing = [m.full_name for m in self.summoned.values()
                   if expected_to_attend(m) and m.member_id not in self.attendance]
        if missing:
            raise InvalidState(f"attendance is not recorded for {len(missing)} summoned "
                               f"member(s): {', '.join(missing[:5])}", meeting_id=self.id)
        counts = {s: sum(1 for a in self.attendance.values() if a is s) for s in AttendanceStatus}
        self.record(MinutesClosed(self.id, local_time(now, "now"),
                                  counts[AttendanceStatus.PRESENT],
                                  counts[AttendanceStatus.ABSENT_EXCUSED],
                                  counts[AttendanceStatus.ABSENT_UNEXCUSED]))

    def unexcused_absentees(self) -> list[SummonedMember]:
        """Members whose absence without reason counts against them."""
        return [m for m in self.summoned.values()
                if self.attendance.get(m.member_id) is AttendanceStatus.ABSENT_UNEXCUSED
                and expected_to_attend(m)]

    # -- evolution ----------------------------------------------------------------------------

    def apply(self, event: object) -> None:
        match event:
            case MeetingScheduled():
                self.status, self.organisation_id = MeetingStatus.SCHEDULED, event.organisation_id
                self.kind, self.scheduled_start = event.kind, event.scheduled_start
                self.planned_minutes = event.planned_minutes
            case MeetingRescheduled():
                self.scheduled_start = event.scheduled_start
            case MeetingCancelled():
                self.status = MeetingStatus.CANCELLED
            case MaterialsPublished():
                if self.first_materials_at is None or event.published_at < self.first_materials_at:
                    self.first_materials_at = event.published_at
            case MeetingOpened():
                self.status, self.started_at = MeetingStatus.OPENED, event.started_at
                self.summoned = {m.member_id: m for m in event.summoned}
            case AttendanceRecorded():
                self.attendance[event.member_id] = event.status
            case ResolutionAdopted() | ResolutionRejected():
                self.resolutions.add(event.resolution_id)
            case MeetingClosed():
                self.status, self.ended_at = MeetingStatus.ENDED, event.ended_at
            case MinutesClosed():
                self.status = MeetingStatus.MINUTES_CLOSED
