"""Members' lives: who joined when and where, who moved house, married or retired home."""

from __future__ import annotations

import dataclasses
from datetime import date

from services.membership import api as c
from services.membership.api import add_months, add_years

from . import people as p
from . import yenmo as y
from .deciding import day_before
from .happenings import Happenings
from .member_life import (
    FIRST_ADMISSION,
    LAST_RECORDED_ADMISSION,
    Life,
    days,
    new_member_id,
    ordinary,
)
from .orgs import Province
from .plan import MEMBER_EVENT, RECORD, STAFF_MOVE, Org, Plan

VILLAGE_AGES = ((22, 35, 15), (35, 50, 20), (50, 60, 15), (60, 70, 22), (70, 80, 18), (80, 95, 10))
RETIREE_ORIGINS = (("school", 35), ("commune_office", 30), ("agency", 20), ("clinic", 8),
                   ("police", 7))


class Lives(Happenings):
    def __init__(self, plan: Plan, province: Province, scale: float) -> None:
        self.plan = plan
        self.rng = plan.rng
        self.province = province
        self.scale = scale
        self.ids = p.CitizenIds(plan.rng)
        self.today = plan.today
        self.all: list[Life] = []
        self.deciders = province.deciders

    # -- helpers ---------------------------------------------------------------------------------

    def between(self, start: date, end: date) -> date:
        return ordinary(start + days(self.rng.randrange(max(1, (end - start).days))))

    def size(self, org: Org) -> int:
        lo, hi = org.size
        return max(3, round(self.rng.triangular(lo, hi, (lo + hi) / 2) * max(self.scale, 0.15)))

    def event(self, life: Life, on: date, command, priority: int = MEMBER_EVENT) -> None:
        if on < life.cursor:
            raise AssertionError(f"planned {type(command).__name__} on {on} before {life.cursor}")
        if on == y.REORGANISED_ON and priority != STAFF_MOVE:
            raise AssertionError(f"planned {type(command).__name__} on the reorganisation day")
        self.plan.add(on, priority, command)
        life.cursor = on

    def admission(self, born: date, earliest_age: int, latest: date) -> date | None:
        lo = max(FIRST_ADMISSION, add_months(born, earliest_age * 12 + 1))
        hi = min(latest, add_years(born, 45))
        if lo > hi:
            return None
        mode = min(max(add_years(born, 25), lo), hi)
        day = self.rng.triangular(lo.toordinal(), hi.toordinal(), mode.toordinal())
        return date.fromordinal(int(day))

    def home(self, org: Org) -> str:
        if org.kind == "teachers":
            return ""
        return org.place or self.rng.choice(list(self.province.communes))

    def feeder(self, org: Org, on: date) -> Org:
        """Where a member admitted before their branch existed was first kept."""
        if org.kind == "police" and org.place:
            units = [u for u in self.province.police_units if u.established <= on]
            if units:
                return self.rng.choice(units)
        older = [b for b in self.province.branches
                 if b.established <= on and b.on(on) is b and b.kind != "teachers"]
        for keep in (lambda b: b.place == org.place and b.kind == org.kind,
                     lambda b: b.place == org.place,
                     lambda b: b.kind == org.kind,  # the town's streets came from villages
                     lambda b: b.place == ""):
            pool = [b for b in older if keep(b)]
            if pool:
                return self.rng.choice(pool)
        return self.rng.choice(older)

    def record(self, org: Org, profile: c.ProfileInput, admitted: date) -> Life:
        """Enter a member file from the paper records, kept first in `org` (or a feeder)."""
        ceremony = admitted + days(self.rng.randint(10, 40))
        official = add_months(ceremony, 12)
        first = org if org.established <= admitted else self.feeder(org, admitted)
        holder = first.on(admitted)
        cid = self.plan.add(admitted, RECORD, lambda n: c.RecordExistingMember(
            holder.id, profile, "official", admitted, ceremony, official, n.card()))
        life = Life(new_member_id(cid), profile, official, [(admitted, holder)],
                    official_at=admitted, official_from=official)
        self.all.append(life)
        if first is not org:
            self.transfer(life, org, max(org.established, official) + days(self.rng.randint(1, 30)))
        return life

    def transfer(self, life: Life, to: Org, on: date, priority: int = MEMBER_EVENT) -> None:
        target = to.on(on)
        if target.established > on:
            raise AssertionError(f"planned a transfer on {on} to {target.name}, founded later")
        if target is life.placements[-1][1].on(on):
            return
        here = life.placements[-1][1]
        # the staff moves of 1/7/2025 run before that day's reorganisation: the old tree
        tree_day = day_before(on) if priority == STAFF_MOVE else on
        self.event(life, on, lambda n: c.TransferMember(
            life.member_id, target.id, on, decision=self.deciders.decision(
                "transfer_out", here, on, "GGT", to=target, prefer="organisation_board",
                tree_day=tree_day)), priority)
        life.placements.append((on, target))

    def update(self, life: Life, on: date, **changes: str) -> None:
        changes = {k: v for k, v in changes.items() if getattr(life.profile, k) != v}
        if not changes:
            return
        self.event(life, on, c.UpdateMemberProfile(life.member_id, on, c.ProfileChanges(**changes)))
        life.profile = dataclasses.replace(life.profile, **changes)

    def person(self, org: Org, age: int, kind: str | None = None,
               occupation: str | None = None) -> c.ProfileInput:
        kind = kind or org.kind
        work = p.WORK[kind]
        gender = "female" if self.rng.random() < work.female_share else "male"
        born = p.birth_date(self.rng, self.today.year - age)
        return p.profile(self.rng, self.ids, born=born, gender=gender, kind=kind,
                         home_commune=self.home(org), occupation=occupation)

    # -- the people of a branch ------------------------------------------------------------------

    def populate(self, org: Org) -> None:
        for _ in range(self.size(org)):
            self.current_member(org)
        if org.kind == "village":
            for _ in range(self._count(self.size(org) * 0.07)):
                self.deceased(org)
        if org.fate == "stays" and org.kind != "teachers":
            for _ in range(self._count(self.size(org) * 0.005)):
                self.removed(org)

    def _count(self, expected: float) -> int:
        whole = int(expected)
        return whole + (1 if self.rng.random() < expected - whole else 0)

    def current_member(self, org: Org) -> Life | None:
        for _ in range(20):
            if org.kind == "village":
                lo, hi, _w = self.rng.choices(VILLAGE_AGES, [w for *_r, w in VILLAGE_AGES])[0]
                age = self.rng.randint(lo, hi - 1)
            else:
                age = self.rng.randint(24, 58)
            profile = self.person(org, age)
            born, gender = profile.date_of_birth, profile.gender
            retires = p.retirement_date(born, gender)
            if org.kind != "village" and retires <= self.today + days(30):
                continue
            earliest = 18 if org.kind in ("village", "company") else 21
            admitted = self.admission(born, earliest, LAST_RECORDED_ADMISSION)
            if admitted is None:
                continue
            if org.kind == "village" and retires < self.today - days(200):
                if self.rng.random() < 0.4 and self.retiree(org, profile, admitted, retires):
                    return None
                if self.rng.random() < 0.8:
                    profile = dataclasses.replace(profile, occupation=p.weighted(self.rng,
                                                                               p.RETIRED_JOBS))
            if (org.kind == "village" and gender == "female" and self.rng.random() < 0.12
                    and admitted < add_years(born, 28)):
                life = self.married_in(org, profile, admitted)
            else:
                life = self.record(org, profile, admitted)
            self.ordinary_events(life, org)
            return life
        return None

    def retiree(self, village: Org, profile: c.ProfileInput, admitted: date,
                retires: date) -> bool:
        """A teacher, cadre or nurse who retired home to the village branch."""
        kind = p.weighted(self.rng, RETIREE_ORIGINS)
        leaves_before_2025 = retires + days(90) < y.REORGANISED_ON
        origins = [b for b in self.province.branches
                   if b.kind == kind and b.established <= admitted and b.on(admitted) is b
                   and (b.place == village.place or (kind == "agency" and b.place == ""))
                   and (b.fate == "stays" or leaves_before_2025)]
        if not origins:
            return False
        origin = self.rng.choice(origins)
        age = self.today.year - profile.date_of_birth.year
        work = self.person(origin, age)
        profile = dataclasses.replace(work, full_name=profile.full_name,
                                      date_of_birth=profile.date_of_birth, gender=profile.gender,
                                      citizen_id=profile.citizen_id, hometown=profile.hometown)
        life = self.record(origin, profile, admitted)
        moved = ordinary(max(retires, life.cursor, village.established)
                         + days(self.rng.randint(5, 90)))
        if moved >= self.today:
            moved = self.today - days(1)
        self.transfer(life, village, moved)
        self.update(life, moved, occupation="Giáo viên nghỉ hưu" if kind == "school"
                    else "Cán bộ hưu trí")
        self.ordinary_events(life, village)
        return True

    def married_in(self, village: Org, profile: c.ProfileInput, admitted: date) -> Life:
        """Admitted in her parents' village, she moved to her husband's after marrying."""
        others = [b for b in self.province.branches
                  if b.kind == "village" and b.place != village.place
                  and b.established <= admitted and b.on(admitted) is b]
        moved = ordinary(max(admitted, village.established) + days(self.rng.randint(600, 2200)))
        if not others or moved >= self.today - days(30):
            return self.record(village, profile, admitted)
        life = self.record(self.rng.choice(others), profile, admitted)
        self.transfer(life, village, ordinary(max(moved, life.cursor + days(1))))
        return life
