"""The evaluations service on the real embedded path: every declared service on SQLite files in
tmp_path with one fixed clock; membership driven through its own commands for the tree and the
rolls, which evaluations learns of only through its view of membership's events.

A province; a grassroots committee (đảng bộ cơ sở) with two branches under it, and a second
grassroots committee elsewhere; `campaign` walks one member through the steps.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date

import pytest

from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from kit.errors import DomainError
from partyorg.embedded import EmbeddedPlatform, build_platform
from services.evaluations.domain import commands as ec
from services.membership.domain import commands as c

TODAY = date(2026, 1, 10)
COMMITTEE = Actor("u-dang-uy", "organisation_commission")
GOOD = ec.TasksInput(10, 10, 1, 0, 0)
EXCELLENT = ec.TasksInput(10, 10, 4, 0, 0)
_serials = itertools.count(1)


def profile(name: str, born: date = date(1978, 4, 2)) -> c.ProfileInput:
    gender = "female" if " Thị " in name else "male"
    return c.ProfileInput(name, born, gender, "Kinh", "Kim Sơn, Ninh Bình",
                          f"037{int(gender == 'female')}{born.year % 100:02d}"
                          f"{next(_serials):06d}", "upper_secondary", "elementary", "Giáo viên")


def decision(body: str, on: date, organ: str = "committee") -> ec.DecisionInput:
    return ec.DecisionInput("15-QĐ/ĐU", "Phạm Văn Hùng", on, ec.DecidingBodyInput(body, organ))


@dataclass
class Province:
    platform: EmbeddedPlatform
    clock: FixedClock
    ids: dict[str, str] = field(default_factory=dict)

    def context(self, organ: str = "", command_id: str | None = None) -> CommandContext:
        return CommandContext(command_id or str(uuid.uuid4()), "NB", COMMITTEE,
                              acting_organ=organ)

    def membership(self, command: object) -> dict[str, str]:
        return self.platform.membership.service.execute(command, self.context()).ids

    def run(self, command: object, acting_for: str | None = None, organ: str = "",
            command_id: str | None = None):
        return self.platform.evaluations.service.execute(
            command, self.context(organ, command_id), acting_for)

    def refuse(self, command: object, error: type[DomainError], **kwargs) -> DomainError:
        """An evaluations command that must be refused with `error`; no store moves."""
        heads = [s.store.head_position() for s in self.platform]
        with pytest.raises(error) as caught:
            self.run(command, **kwargs)
        assert [s.store.head_position() for s in self.platform] == heads, \
            "a refused command appended events"
        return caught.value

    def org(self, key: str, name: str, type: str, parent: str | None) -> str:
        self.ids[key] = self.membership(c.CreateOrganisation(
            name, type, self.ids[parent] if parent else None, date(2010, 1, 1)))["organisation_id"]
        return self.ids[key]

    def member(self, key: str, branch: str, name: str) -> str:
        self.ids[key] = self.membership(c.RecordExistingMember(
            self.ids[branch], profile(name), "official", date(2005, 5, 19), date(2005, 5, 19),
            date(2006, 5, 19)))["member_id"]
        return self.ids[key]

    def opened(self, year: int, root: str = "province") -> str:
        return self.run(ec.OpenEvaluationPeriod(
            self.ids[root], "annual", year, date(year, 12, 1), date(year + 1, 1, 31))
        ).ids["period_id"]

    def through(self, period: str, subject: str, level: str, year: int = 2025, *,
                points: tuple[float, float] = (28.0, 64.0), tasks: ec.TasksInput = GOOD,
                form: str = "2B", body: str = "school", organ: str = "committee"):
        """Self-assessed, commented, appraised and decided at `level` (returns the decision's
        result)."""
        who = self.ids.get(subject, subject)
        self.run(ec.SubmitSelfAssessment(period, who, form, *points, tasks, level,
                                         date(year, 12, 10),
                                         targets_met_percent=90.0 if form == "collective"
                                         else None))
        self.run(ec.RecordCollectiveComments(period, who, "Hoàn thành nhiệm vụ được giao",
                                             level, date(year, 12, 15)))
        self.run(ec.AppraiseEvaluation(period, who, level, date(year, 12, 20)))
        return self.run(ec.DecideClassification(
            period, who, level, decision=decision(self.ids[body], date(year, 12, 28), organ)))


@pytest.fixture
def clock() -> FixedClock:
    clock = FixedClock()
    clock.set_today(TODAY)
    return clock


@pytest.fixture
def province(tmp_path, clock):
    platform = build_platform(tmp_path, "NB", clock)
    p = Province(platform, clock)
    p.org("province", "Đảng bộ tỉnh Ninh Bình", "provincial_committee", None)
    p.org("school", "Đảng bộ Trường THPT Kim Sơn A", "grassroots_committee", "province")
    p.org("maths", "Chi bộ Tổ Toán", "sub_branch", "school")
    p.org("letters", "Chi bộ Tổ Văn", "sub_branch", "school")
    p.org("hospital", "Đảng bộ Bệnh viện Kim Sơn", "grassroots_committee", "province")
    p.org("ward", "Chi bộ Khoa Nội", "sub_branch", "hospital")
    for n, name in enumerate(("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung",
                              "Hoàng Văn Em", "Vũ Thị Gấm")):
        p.member(f"t{n}", "maths" if n < 4 else "letters", name)
    p.member("doctor", "ward", "Đỗ Văn Hải")
    yield p
    platform.close()
