"""The 2025 membership changes in the demo: suspensions (one still running), transfer letters
between communes (one received, one in transit, one past its 30-working-day limit), a member
transferred out of the province and members received from other provinces, a temporary stay extended and one past its end date, so
the queries (`transfers`, suspended counts, `temporaryTransferOverdue`) have something to show."""

from __future__ import annotations

from collections import Counter
from datetime import date

from services.membership import api as c
from services.membership.api import add_months

from .branch_members import Lives
from .member_life import Life, days, ordinary
from .plan import MEMBER_EVENT, RECORD, Org

SINCE = date(2025, 8, 1)  # after the reorganisation: every branch here keeps its name
OTHER_PROVINCES = (("Tỉnh Thanh Hóa", "Chi bộ thôn Nga Thạch, Đảng bộ xã Nga Sơn"),
                   ("Thành phố Hà Nội", "Chi bộ Tổ dân phố số 5, Đảng bộ phường Ba Đình"))


class Changes:
    def __init__(self, lives: Lives) -> None:
        self.lives, self.plan, self.rng = lives, lives.plan, lives.rng
        self.today = lives.today
        # members named as sponsors, with the last day they sponsor (they must stay official)
        self.sponsoring: dict[str, date] = {}
        for step in self.plan.steps:
            if isinstance(step.command, c.SubmitApplication):
                for s in step.command.sponsors:
                    if s.member_id:
                        self.sponsoring[s.member_id] = max(step.on,
                                                           self.sponsoring.get(s.member_id, step.on))
        self.used: set[str] = set()

    def where(self, life: Life, on: date) -> Org:
        return life.placements[-1][1].on(on)

    def pick(self, before: date, large: bool = False,
             avoid: frozenset[str] = frozenset()) -> Life | None:
        """A settled member of a branch that stays, with nothing recorded after `before`;
        `large`: of one of the largest branches (a suspension leaves the rest to meet)."""
        pool = [life for life in self.lives.all
                if life.leaves is None and life.steady and life.member_id not in self.used
                and life.official_from < before and life.cursor < before
                and self.where(life, self.today).fate == "stays"
                and self.where(life, self.today).is_branch
                and self.where(life, self.today).id not in avoid]
        if not pool:
            return None
        if large:
            size = Counter(self.where(life, self.today).id for life in self.lives.all
                           if life.leaves is None)
            pool.sort(key=lambda x: (-size[self.where(x, self.today).id], x.member_id))
            pool = pool[:max(1, len(pool) // 10)]
        life = self.rng.choice(sorted(pool, key=lambda x: x.member_id))
        self.used.add(life.member_id)
        return life

    def other_branch(self, life: Life, on: date) -> Org | None:
        here = self.where(life, on)
        pool = [b for b in self.lives.province.branches
                if b.fate == "stays" and b.on(on) is b and b is not here and b.established <= on]
        alike = [b for b in pool if b.kind == here.kind]  # a village's member to a village
        return self.rng.choice(alike or pool) if pool else None

    def plan_all(self) -> None:
        self.suspensions()
        self.letters()
        self.across_the_border()
        self.stays()

    def stays(self) -> None:
        """A temporary stay extended, and one whose end date passed with no return recorded
        (the member is no longer away; the work queue lists it)."""
        for starts, ends, extended in ((date(2026, 6, 1), date(2026, 10, 1), date(2027, 3, 1)),
                                       (date(2025, 9, 8), date(2026, 3, 9), None)):
            life = self.pick(starts - days(30))
            to = self.other_branch(life, starts) if life else None
            if life is None or to is None:
                continue
            self.lives.event(life, starts, c.TransferMemberTemporarily(
                life.member_id, to.id, starts, ends, "work"))
            life.steady = False
            if extended is not None:
                on = ends - days(20)
                self.lives.event(life, on, c.ExtendTemporaryTransfer(life.member_id, extended,
                                                                     on))

    def suspensions(self) -> None:
        grounds = (("prosecuted", "Bị khởi tố về hành vi vi phạm trật tự an toàn giao thông"),
                   ("detained", "Bị tạm giam để điều tra"),
                   ("under_disciplinary_review", "Đình chỉ sinh hoạt để xem xét kỷ luật"))
        branches: set[str] = set()  # one suspension a branch: its meetings keep a quorum
        for i, (ground, reason) in enumerate(grounds):
            life = self.pick(date(2026, 3, 1), large=True, avoid=frozenset(branches))
            if life is None:
                return
            branches.add(self.where(life, self.today).id)
            on = self.lives.between(max(life.cursor + days(1), date(2026, 3, 2)),
                                    date(2026, 9, 30))
            self.lives.event(life, on, c.SuspendMember(life.member_id, on, ground, reason))
            life.steady = False
            if i == 0:  # the first one is over
                back = ordinary(on + days(self.rng.randint(40, 50)))
                self.lives.event(life, back, c.EndSuspension(life.member_id, back,
                                                             "Cơ quan điều tra đình chỉ vụ án"))

    def letters(self) -> None:
        # (issued, received after n days or None): one received, one in transit within its
        # limit, one in transit past it
        for issued, received in ((date(2026, 6, 8), 9), (date(2026, 11, 9), None),
                                 (date(2026, 8, 17), None)):
            life = self.pick(issued - days(30))
            to = self.other_branch(life, issued) if life else None
            if life is None or to is None:
                continue
            moved = issued - days(self.rng.randint(10, 25))
            self.lives.event(life, issued, c.IssueTransferLetter(
                life.member_id, issued, f"{self.rng.randint(10, 99)}-GGT/ĐU", to.id,
                moved_on=moved))
            life.steady = False
            if received is not None:
                on = issued + days(received)
                self.lives.event(life, on, c.ReceiveTransferredMember(life.member_id, on))
                life.placements.append((on, to))

    def across_the_border(self) -> None:
        # one member leaves for Hà Nội (never a sponsor after that day)
        issued = date(2026, 10, 12)
        life = self.pick(issued - days(30))
        while life is not None and self.sponsoring.get(life.member_id, date.min) >= issued:
            life = self.pick(issued - days(30))
        if life is not None:
            province, organisation = OTHER_PROVINCES[1]
            self.lives.event(life, issued, c.IssueTransferLetter(
                life.member_id, issued, "41-GGT/BTCTU",
                destination=c.TransferDestination(province, organisation)))
            life.leaves = issued
        # two come from Thanh Hóa, one of them a probationary member (admitted before the
        # demo's year of meetings: summoned from the day received, not from admission)
        villages = [b for b in self.lives.province.branches
                    if b.kind == "village" and b.fate == "stays" and b.on(self.today) is b]
        for i, received in enumerate((date(2026, 10, 26), date(2026, 4, 20))):
            if not villages:
                return
            org = self.rng.choice(villages)
            profile = self.lives.person(org, self.rng.randint(27, 48))
            letter = received - days(self.rng.randint(5, 20))
            if i == 0:
                admitted = add_months(received, -self.rng.randint(60, 240))
                ceremony, official = admitted + days(20), add_months(admitted + days(20), 12)
                status = "official"
            else:
                admitted = add_months(received, -5)
                ceremony, official, status = admitted + days(15), None, "probationary"
            province, organisation = OTHER_PROVINCES[0]
            self.plan.add(received, RECORD if i else MEMBER_EVENT, c.ReceiveMemberFromProvince(
                org.id, profile, status, admitted, province, organisation,
                f"{self.rng.randint(5, 60)}-GGT/HU", letter, received, ceremony_on=ceremony,
                official_from=official))
