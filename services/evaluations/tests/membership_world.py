"""Membership's real service (SQLite files in tmp_path) and evaluations' view of it, built from
its published events by the projection a deployment runs (membership_as_of), on SQLite or
PostgreSQL. `world()` enters a commune's history across the 2025 reform through membership's
commands; tests ask the view (application/membership_roll.py) about it.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from kit.projections.runner import ProjectionRunner
from partyorg.embedded import EmbeddedService, build_service
from services.evaluations.application.membership_roll import MembershipRoll
from services.evaluations.application.projections.membership_as_of import MembershipAsOf
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c
from services.membership.domain.discipline_commands import DisciplineOrganisation

TODAY = date(2026, 11, 20)
OFFICER = Actor("u-ban-to-chuc", "organisation_commission")
_serials = itertools.count(1)


def by(organisation_id: str, organ: str = "committee", number: str = "12-QĐ/ĐU") -> c.DecisionInput:
    return c.DecisionInput(number, "Nguyễn Văn Thành", c.DecidingBodyInput(organisation_id, organ))


def profile(full_name: str, born: date = date(1975, 5, 1), gender: str = "male") -> c.ProfileInput:
    century = {1900: 0, 2000: 2}[born.year // 100 * 100] + (gender == "female")
    return c.ProfileInput(full_name, born, gender, "Kinh", "Yên Mô, Ninh Bình",
                          f"037{century}{born.year % 100:02d}{next(_serials):06d}",
                          "upper_secondary", "elementary", "Nông dân")


@dataclass
class Membership:
    """Membership's service, and evaluations' view following its log."""

    app: EmbeddedService
    runner: ProjectionRunner
    roll: MembershipRoll
    ids: dict[str, str] = field(default_factory=dict)

    def run(self, command: object, acting_for: str | None = None, organ: str = "") -> dict:
        context = CommandContext(command_id=str(uuid.uuid4()), province="NB", actor=OFFICER,
                                 acting_organ=organ)
        return self.app.service.execute(command, context, acting_for=acting_for).ids

    def org(self, key: str, name: str, type: str, parent: str | None,
            on: date = date(2010, 1, 1)) -> str:
        self.ids[key] = self.run(c.CreateOrganisation(
            name, type, self.ids[parent] if parent else None, on))["organisation_id"]
        return self.ids[key]

    def member(self, key: str, branch: str, name: str, admitted_on: date = date(2000, 3, 1),
               status: str = "official", born: date = date(1975, 5, 1)) -> str:
        official = date(admitted_on.year + 1, admitted_on.month, admitted_on.day)
        self.ids[key] = self.run(c.RecordExistingMember(
            self.ids[branch], profile(name, born), status, admitted_on, admitted_on,
            official if status == "official" else None))["member_id"]
        return self.ids[key]

    def caught_up(self) -> MembershipRoll:
        self.runner.catch_up()
        return self.roll


def build(tmp_path, read_db: Any, sql: Any) -> Membership:
    clock = FixedClock()
    clock.set_today(TODAY)
    app = build_service(MEMBERSHIP, tmp_path, clock=clock)
    runner = ProjectionRunner(None, read_db, [MembershipAsOf(sql)],
                              other_sources={"membership.events": app.store})
    return Membership(app, runner, MembershipRoll(read_db, sql))


def world(m: Membership) -> Membership:
    """Tỉnh → xã Yên Thắng → chi bộ (cơ sở) thôn Bình Hải, thôn Yên Thổ (merged into Bình Hải
    on 1/8/2025) and Đảng bộ Trường THPT (grassroots) → chi bộ giáo viên 1–5 (the first with a
    tổ đảng); tỉnh → xã Yên Hòa (a đảng bộ cơ sở until 1/7/2025) → chi bộ cơ sở thôn Đông Thôn
    and chi bộ trực thuộc thôn Tân Thành (grassroots itself since 1/7/2025)."""
    m.org("province", "Đảng bộ tỉnh Ninh Bình", "provincial_committee", None)
    m.org("yen_thang", "Đảng bộ xã Yên Thắng", "commune_committee", "province")
    m.org("binh_hai", "Chi bộ thôn Bình Hải", "grassroots_branch", "yen_thang")
    m.org("yen_tho", "Chi bộ thôn Yên Thổ", "grassroots_branch", "yen_thang")
    m.org("school", "Đảng bộ Trường THPT Yên Thắng", "grassroots_committee", "yen_thang")
    for n in range(1, 6):
        m.org(f"teachers{n}", f"Chi bộ Giáo viên {n}", "sub_branch", "school")
    m.org("cell", "Tổ đảng Toán – Tin", "party_cell", "teachers1")
    m.org("yen_hoa", "Đảng bộ xã Yên Hòa", "commune_committee", "province")
    m.org("dong_thon", "Chi bộ thôn Đông Thôn", "grassroots_branch", "yen_hoa")
    m.org("tan_thanh", "Chi bộ thôn Tân Thành", "sub_branch", "yen_hoa")

    m.member("an", "binh_hai", "Nguyễn Văn An")
    m.member("binh", "binh_hai", "Trần Văn Bình", born=date(1950, 2, 2))  # exempt 1/3/2025
    m.run(c.ExemptMember(m.ids["binh"], date(2025, 3, 1), "old_age",
                         decision=by(m.ids["binh_hai"], "assembly")))
    m.member("cuc", "binh_hai", "Lê Thị Cúc", date(2025, 10, 1), "probationary",
             date(2000, 2, 2))  # new
    m.member("dung", "binh_hai", "Phạm Văn Dũng", date(2025, 3, 1), "probationary",
             date(2000, 3, 3))
    m.member("hoa", "yen_tho", "Đỗ Thị Hòa")  # her branch merged into Bình Hải on 1/8/2025
    m.member("khanh", "teachers3", "Vũ Văn Khánh")
    m.member("lan", "teachers1", "Hoàng Thị Lan")
    m.member("minh", "binh_hai", "Bùi Văn Minh")  # stays in chi bộ giáo viên 2 from 1/9/2025
    m.member("nga", "dong_thon", "Ngô Thị Nga")  # transferred into Bình Hải on 1/11/2025
    m.member("oanh", "binh_hai", "Đinh Thị Oanh")  # died 1/6/2025
    m.member("phuong", "tan_thanh", "Lý Thị Phương")

    m.run(c.MergeOrganisation(m.ids["yen_tho"], m.ids["binh_hai"], date(2025, 8, 1)))
    m.run(c.RecordMemberDeath(m.ids["oanh"], date(2025, 6, 1)))
    m.run(c.TransferMemberTemporarily(m.ids["minh"], m.ids["teachers2"], date(2025, 9, 1),
                                      date(2026, 3, 1), "work"))
    m.run(c.TransferMember(m.ids["nga"], m.ids["binh_hai"], date(2025, 11, 1),
                           decision=by(m.ids["province"], "organisation_board")))

    # disciplines of 2024 and 2025: members, a sub-unit for corruption, the school itself
    m.run(c.DisciplineMember(m.ids["an"], "reprimand", date(2024, 5, 6), "Vi phạm sinh hoạt",
                             decision=by(m.ids["binh_hai"], "assembly")))
    m.run(c.DisciplineMember(m.ids["an"], "warning", date(2025, 6, 9), "Nhận hối lộ",
                             decision=by(m.ids["binh_hai"], "assembly"), misconduct="corruption"))
    m.run(c.DisciplineMember(m.ids["khanh"], "reprimand", date(2025, 4, 2), "Vi phạm",
                             decision=by(m.ids["teachers3"], "assembly")))
    m.run(DisciplineOrganisation(m.ids["teachers1"], "reprimand", "corruption",
                                 date(2025, 5, 5), "Thu chi sai quy định",
                                 decision=by(m.ids["school"])))
    m.run(DisciplineOrganisation(m.ids["teachers2"], "warning", "duties", date(2025, 9, 9),
                                 "Buông lỏng lãnh đạo", decision=by(m.ids["school"])))
    m.run(DisciplineOrganisation(m.ids["school"], "reprimand", "organisation_principles",
                                 date(2025, 10, 10), "Vi phạm nguyên tắc tập trung dân chủ",
                                 decision=by(m.ids["yen_thang"])))
    return m
