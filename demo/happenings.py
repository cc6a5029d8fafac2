"""What happens to members once on the rolls: exemptions, discipline, profile changes, temporary
transfers, the 2025 move of the district agencies' staff; and the members who died or were
removed from the rolls (xóa tên)."""

from __future__ import annotations

import random
from datetime import date

from services.membership import api as c
from services.membership.api import add_months, add_years

from . import people as p
from . import yenmo as y
from .deciding import Deciders, org_of
from .member_life import LAST_RECORDED_ADMISSION, Life, days, ordinary
from .plan import MEMBER_EVENT, STAFF_MOVE, Org

REMOVAL_GROUNDS = (
    ("absent_or_unpaid_three_months", 60, "Bỏ sinh hoạt đảng và không đóng đảng phí 3 tháng "
                                          "trong năm không có lý do chính đáng"),
    ("no_progress_after_education", 15, "Chi bộ đã giáo dục nhưng không tiến bộ sau 12 tháng"),
    ("standards_breached_two_years", 15, "Hai năm liền vi phạm tư cách đảng viên"),
    ("card_surrendered", 5, "Tự trả lại thẻ đảng viên"),
    ("political_standard_failed", 5, "Không bảo đảm tiêu chuẩn chính trị"),
)
DISCIPLINE_REASONS = (
    "Vi phạm quy định về những điều đảng viên không được làm",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
    "Vi phạm quy định về quản lý đất đai ở địa phương",
    "Vi phạm chính sách dân số - kế hoạch hóa gia đình",
)
# what each reason's discipline was for (a land-management breach: tiêu cực, counted as
# corruption by the evaluations); a fixed table, so the plan draws what it drew before
MISCONDUCT = dict(zip(DISCIPLINE_REASONS, ("ethics_lifestyle", "duties", "corruption", "law"),
                      strict=True))


class Happenings:
    """Mixed into Lives, whose helpers (rng, event, transfer, update, record...) it uses."""

    deciders: Deciders

    def ordinary_events(self, life: Life, org: Org) -> None:
        """Exemptions, discipline, profile changes, temporary transfers, the 2025 staff move."""
        r, born = self.rng, life.profile.date_of_birth
        planned: list[tuple[date, int, str, object]] = []
        age = self.today.year - born.year
        if org.fate == "ends":
            planned.append((y.REORGANISED_ON, STAFF_MOVE, "staff_move", None))
        if org.kind == "village" and age >= 72 and r.random() < 0.4:
            planned.append((self.between(max(life.cursor, add_years(born, 70)), self.today),
                            MEMBER_EVENT, "exempt", "old_age"))
        elif age >= 45 and r.random() < 0.012:
            planned.append((self.between(max(life.cursor, date(2014, 1, 1)), self.today),
                            MEMBER_EVENT, "exempt", "weak_health"))
        elif org.kind not in ("village", "teachers") and org.fate == "stays" and r.random() < 0.03:
            self.temporary_transfer(life, org)
        if r.random() < 0.005:
            planned.append((self.between(max(life.cursor, date(2010, 1, 1)), self.today),
                            MEMBER_EVENT, "discipline", None))
        if r.random() < 0.05:
            planned.append((self.between(life.cursor, self.today), MEMBER_EVENT, "profile", None))
        for on, _priority, what, arg in sorted(planned, key=lambda e: (e[0], e[1])):
            on = max(on, life.cursor)
            if what != "staff_move":
                on = ordinary(on)
            if what == "staff_move":
                target = self.province.office[self.survivor(life)]
                self.transfer(life, target, on, STAFF_MOVE)
            elif what == "exempt":
                self.exempt(life, on, arg)
                life.steady = False
                if arg == "weak_health" and org.fate == "stays" and r.random() < 0.4:
                    back = ordinary(on + days(r.randint(300, 1000)))
                    if back < self.today:
                        self.event(life, back, c.EndExemption(life.member_id, back))
            elif what == "discipline":
                form = "reprimand" if r.random() < 0.7 else "warning"
                reason, branch = r.choice(DISCIPLINE_REASONS), org_of(life, on)
                self.event(life, on, lambda n, form=form, reason=reason, on=on, branch=branch:
                           c.DisciplineMember(life.member_id, form, on, reason,
                                              decision=self.deciders.decision(
                                                  f"discipline.{form}", branch, on),
                                              misconduct=MISCONDUCT[reason]))
            else:
                self.profile_change(life, on)
        self.birth_date_corrected(life)

    def birth_date_corrected(self, life: Life) -> None:
        """Now and then a file's day of birth was entered wrongly and is corrected from the
        birth record (đính chính): its own random stream, so the plan draws what it drew.
        Planned without moving the life's cursor: a correction may follow any later fact."""
        fix = self.__dict__.setdefault("_fix", random.Random(f"corrections:{self.plan.seed}"))
        if fix.random() >= 0.004:
            return
        on = ordinary(max(life.cursor, date(2025, 8, 1)) + days(fix.randint(1, 90)))
        born = life.profile.date_of_birth
        right = born.replace(day=1 if born.day != 1 else 2)
        if on < self.today:
            self.plan.add(on, MEMBER_EVENT, c.CorrectMemberFile(
                life.member_id, "date_of_birth", right.isoformat(),
                "Ghi sai ngày sinh khi nhập hồ sơ", "Giấy khai sinh (bản sao)"))

    def survivor(self, life: Life) -> str:
        """The 2025 commune that a member of a district agency lives in."""
        home = life.profile.hometown.split(",")[0]
        place = home if home in self.province.communes else self.rng.choice(
            list(self.province.communes))
        commune = self.province.communes[place].on(y.REORGANISED_ON)
        return next(k for k, v in self.province.communes.items() if v is commune)

    def profile_change(self, life: Life, on: date) -> None:
        prof, r = life.profile, self.rng
        if prof.political_theory in ("none", "elementary") and r.random() < 0.5:
            nxt = "elementary" if prof.political_theory == "none" else "intermediate"
            self.update(life, on, political_theory=nxt)
        elif prof.education != "upper_secondary" and prof.date_of_birth.year >= 1955:
            self.update(life, on, education="upper_secondary")
        elif prof.occupation == "Nông dân":
            self.update(life, on, occupation=r.choice(["Kinh doanh", "Công nhân", "Thợ xây"]))
        elif prof.qualification:
            self.update(life, on, qualification=f"Thạc sĩ {prof.qualification.split(' ', 1)[-1]}")
        else:
            self.update(life, on, political_theory="intermediate")

    def temporary_transfer(self, life: Life, org: Org) -> None:
        r = self.rng
        start = self.between(max(life.cursor, date(2012, 1, 1)) + days(1), self.today)
        school = self.province.school
        if school is not None and r.random() < 0.6:
            to, months, purpose = school, r.randint(4, 10), "study"
        else:
            pool = [b for b in self.province.branches
                    if b.kind == org.kind and b.fate == "stays" and b.on(start) is b
                    and b is not org.on(start) and b.established <= start]
            if not pool:
                return
            to, months, purpose = r.choice(pool), r.randint(3, 11), "work"
        ends = ordinary(add_months(start, months))
        self.event(life, start, c.TransferMemberTemporarily(life.member_id, to.id, start, ends,
                                                            purpose))
        life.steady = False
        if ends < self.today and not self.not_back_yet(ends):
            self.event(life, ends, c.EndTemporaryTransfer(life.member_id, ends))
            if purpose == "study":
                self.update(life, ends, political_theory="intermediate")

    def not_back_yet(self, ends: date) -> bool:
        """A temporary transfer ended in the last months, its return not yet recorded (now and
        then: the work queue lists it). Its own random stream: the plan draws what it drew."""
        late = self.__dict__.setdefault("_late", random.Random(f"late-returns:{self.plan.seed}"))
        return (self.today - ends).days < 400 and late.random() < 0.6

    # -- people no longer on the rolls -------------------------------------------------------------

    def deceased(self, village: Org) -> None:
        died = self.between(date(2018, 1, 1), self.today - days(5))
        age = int(self.rng.triangular(62, 97, 81))
        profile = self.person(village, self.today.year - died.year + age,
                              occupation=p.weighted(self.rng, p.RETIRED_JOBS))
        admitted = self.admission(profile.date_of_birth, 18, min(LAST_RECORDED_ADMISSION,
                                                                 died - days(900)))
        if admitted is None:
            return
        life = self.record(village, profile, admitted)
        if died <= life.cursor:
            died = ordinary(life.cursor + days(30))
        if age >= 74 and self.rng.random() < 0.5:
            start = max(life.cursor, add_years(profile.date_of_birth, 70))
            if start < died - days(60):
                on = self.between(start, died - days(30))
                self.exempt(life, on, "old_age")
        self.event(life, died, c.RecordMemberDeath(life.member_id, died))
        life.leaves = died

    def removed(self, org: Org) -> None:
        profile = self.person(org, self.rng.randint(28, 55))
        admitted = self.admission(profile.date_of_birth, 18, LAST_RECORDED_ADMISSION)
        if admitted is None:
            return
        life = self.record(org, profile, admitted)
        on = self.between(max(life.cursor + days(365), date(2011, 1, 1)), self.today)
        ground, _w, note = self.rng.choices(REMOVAL_GROUNDS, [g[1] for g in REMOVAL_GROUNDS])[0]
        branch, deciders = org_of(life, on), self.deciders
        # the branch proposes, the committee above decides (DOMAIN.md §3)
        self.event(life, on, lambda n: c.ProposeRemovalFromRolls(
            life.member_id, ground, on, note, deciders.resolution(branch, on)))
        if self.removal_pending(on):
            return  # proposed, not yet decided: the work queue lists it
        self.event(life, on, lambda n: c.RemoveMemberFromRolls(
            life.member_id, ground, on, note,
            decision=deciders.decision("removal_from_rolls", branch, on)))
        life.leaves = on

    def removal_pending(self, on: date) -> bool:
        """Now and then a recent xóa tên proposal still awaits the committee (own random
        stream, so the rest of the plan draws what it drew before)."""
        pending = self.__dict__.setdefault(
            "_pending", random.Random(f"pending-removals:{self.plan.seed}"))
        return (self.today - on).days < 120 and pending.random() < 0.5

    def exempt(self, life: Life, on: date, ground: str) -> None:
        """The branch exempts by resolution (miễn công tác và sinh hoạt đảng)."""
        branch, deciders = org_of(life, on), self.deciders
        self.event(life, on, lambda n: c.ExemptMember(
            life.member_id, on, ground, decision=deciders.decision("exemption", branch, on, "NQ")))
