"""Evaluations' own view of membership (application/membership_roll.py), built from membership's
published events: who a period evaluates as of its reference date, where the HTXS quota counts
them (the grassroots organisation of that date), and the facts of a year each disqualifier is
read from — never typed in."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from kit.envelope import CommandContext, NewEvent
from kit.sqlite.readmodel import ReadModelDb
from kit.store import StreamAppend
from services.evaluations.adapters.read_model_sql.membership_as_of_sqlite import (
    SQLITE_MEMBERSHIP_AS_OF,
)
from services.evaluations.domain.disqualifiers import Discipline, find_disqualifiers
from services.evaluations.domain.rules import EVALUATION_RULES
from services.membership.domain import commands as c

from .membership_world import OFFICER, build, by, world

END_2025, END_2024 = date(2025, 12, 31), date(2024, 12, 31)
RULES = EVALUATION_RULES.in_force(END_2025)


@pytest.fixture
def m(tmp_path):
    built = world(build(tmp_path, ReadModelDb(tmp_path / "evaluations-read.db"),
                        SQLITE_MEMBERSHIP_AS_OF))
    built.caught_up()
    yield built
    built.app.close()


def members(roll) -> dict[str, tuple]:
    return {x.full_name: (x.organisation_id, x.grassroots_id, x.exclusion) for x in roll.members}


def test_a_province_campaign_of_2025_rolls_its_members_where_they_stood_on_the_date(m):
    i = m.ids
    roll = m.roll.evaluated_in(i["province"], END_2025, RULES)

    assert members(roll) == {
        # since 1/7/2025 a village branch under the commune is its own grassroots organisation
        "Nguyễn Văn An": (i["binh_hai"], i["binh_hai"], None),
        "Trần Văn Bình": (i["binh_hai"], i["binh_hai"], "exempt"),
        "Lê Thị Cúc": (i["binh_hai"], i["binh_hai"], "newly_admitted"),  # 1/10/2025 < 6 months
        "Phạm Văn Dũng": (i["binh_hai"], i["binh_hai"], None),  # 1/3/2025: past 6 months
        "Đỗ Thị Hòa": (i["binh_hai"], i["binh_hai"], None),  # her branch merged into Bình Hải
        "Vũ Văn Khánh": (i["teachers3"], i["school"], None),
        "Hoàng Thị Lan": (i["teachers1"], i["school"], None),
        # staying in a branch of the subtree: evaluated there (roll.temporarily_away_evaluated)
        "Bùi Văn Minh": (i["teachers2"], i["school"], None),
        "Ngô Thị Nga": (i["binh_hai"], i["binh_hai"], None),  # transferred in on 1/11/2025
        "Lý Thị Phương": (i["tan_thanh"], i["tan_thanh"], None),
    }  # Oanh died on 1/6/2025
    assert {x.full_name: x.status for x in roll.members}["Lê Thị Cúc"] == "probationary"


def test_the_organisations_classified_are_the_grassroots_ones_and_their_branches(m):
    i = m.ids
    now = {(o.organisation_id, o.kind, o.grassroots_id, o.parent_id)
           for o in m.roll.evaluated_in(i["province"], END_2025, RULES).organisations}
    assert now == {
        (i["binh_hai"], "grassroots", i["binh_hai"], i["yen_thang"]),
        (i["school"], "grassroots", i["school"], i["yen_thang"]),
        (i["dong_thon"], "grassroots", i["dong_thon"], i["yen_hoa"]),
        # a chi bộ trực thuộc under a commune no longer grassroots is the grassroots itself
        (i["tan_thanh"], "grassroots", i["tan_thanh"], i["yen_hoa"]),
        *((i[f"teachers{n}"], "branch", i["school"], i["school"]) for n in range(1, 6)),
    }  # not the province, the communes (above grassroots since 1/7/2025) nor the tổ đảng
    before = {o.organisation_id: (o.kind, o.grassroots_id)
              for o in m.roll.evaluated_in(i["province"], END_2024, RULES).organisations}
    assert before[i["yen_hoa"]] == ("grassroots", i["yen_hoa"])  # a đảng bộ cơ sở then
    assert before[i["tan_thanh"]] == ("branch", i["yen_hoa"])
    assert before[i["yen_tho"]] == ("grassroots", i["yen_tho"])  # not merged yet
    assert before[i["school"]] == ("grassroots", i["school"])
    assert i["province"] not in before


def test_the_roll_of_a_past_date_is_the_tree_and_rolls_of_that_date(m):
    i = m.ids
    roll = m.roll.evaluated_in(i["yen_thang"], END_2024, RULES)
    assert members(roll) == {
        "Nguyễn Văn An": (i["binh_hai"], i["binh_hai"], None),
        "Trần Văn Bình": (i["binh_hai"], i["binh_hai"], None),  # not exempt yet
        "Đỗ Thị Hòa": (i["yen_tho"], i["yen_tho"], None),
        "Vũ Văn Khánh": (i["teachers3"], i["school"], None),
        "Hoàng Thị Lan": (i["teachers1"], i["school"], None),
        "Bùi Văn Minh": (i["binh_hai"], i["binh_hai"], None),
        "Đinh Thị Oanh": (i["binh_hai"], i["binh_hai"], None),
    }  # Nga was still in Yên Hòa; Cúc and Dũng were not admitted
    yen_hoa = members(m.roll.evaluated_in(i["yen_hoa"], END_2024, RULES))
    assert yen_hoa == {"Ngô Thị Nga": (i["dong_thon"], i["dong_thon"], None),
                       "Lý Thị Phương": (i["tan_thanh"], i["yen_hoa"], None)}


def test_who_is_left_out_follows_the_rule_book_values(m):
    i = m.ids
    # a campaign of the school alone: Minh stays there from Bình Hải, outside its subtree
    school = m.roll.evaluated_in(i["school"], END_2025, RULES)
    assert "Bùi Văn Minh" in members(school)
    commune = m.roll.evaluated_in(i["yen_thang"], date(2025, 9, 15), RULES)
    assert members(commune)["Bùi Văn Minh"] == (i["teachers2"], i["school"], None)
    yen_hoa = m.roll.evaluated_in(i["binh_hai"], END_2025, RULES)
    assert members(yen_hoa)["Bùi Văn Minh"] == (i["binh_hai"], i["binh_hai"],
                                                "temporarily_away")

    at_home = replace(RULES, values={**RULES.values, "roll.temporarily_away_evaluated": True,
                                     "roll.exempt_evaluated": True,
                                     "roll.newly_admitted_months": 2})
    roll = members(m.roll.evaluated_in(i["province"], END_2025, at_home))
    assert roll["Bùi Văn Minh"] == (i["binh_hai"], i["binh_hai"], None)
    assert roll["Trần Văn Bình"][2] is None and roll["Lê Thị Cúc"][2] is None
    assert "Bùi Văn Minh" not in members(m.roll.evaluated_in(i["school"], END_2025, at_home))


def test_a_members_facts_are_their_disciplines_of_the_year_with_corruption_named(m):
    facts = m.roll.facts_for_member(m.ids["an"], 2025)
    assert (facts.year, facts.collective) == (2025, False)
    assert facts.disciplines == (Discipline(date(2025, 6, 9), "warning", True),)
    assert m.roll.facts_for_member(m.ids["an"], 2024).disciplines == \
        (Discipline(date(2024, 5, 6), "reprimand", False),)
    assert m.roll.facts_for_member(m.ids["lan"], 2025).disciplines == ()
    assert [d.code for d in find_disqualifiers(facts, RULES)] == ["member_disciplined"]
    assert find_disqualifiers(m.roll.facts_for_member(m.ids["lan"], 2025), RULES) == ()


def test_an_organisations_facts_count_its_sub_units_and_members_disciplined(m):
    i = m.ids
    school = m.roll.facts_for_organisation(i["school"], 2025)
    assert school.collective and school.year == 2025
    assert school.disciplines == (Discipline(date(2025, 10, 10), "reprimand", False),)
    assert (school.sub_units, school.sub_units_disciplined) == (5, 2)
    assert school.corruption_in_sub_unit is True
    assert school.members_disciplined == 1  # Khánh, in chi bộ giáo viên 3
    assert [d.code for d in find_disqualifiers(school, RULES)] == [
        "organisation_disciplined", "sub_units_disciplined", "corruption_in_sub_unit",
        "members_disciplined"]

    quiet = m.roll.facts_for_organisation(i["school"], 2024)
    assert (quiet.disciplines, quiet.sub_units, quiet.sub_units_disciplined,
            quiet.corruption_in_sub_unit, quiet.members_disciplined) == ((), 5, 0, False, 0)
    assert find_disqualifiers(quiet, RULES) == ()
    # a branch: An's corruption is his own, the branch's members count it; no sub-units
    branch = m.roll.facts_for_organisation(i["binh_hai"], 2025)
    assert (branch.sub_units, branch.members_disciplined, branch.disciplines) == (0, 1, ())
    teachers1 = m.roll.facts_for_organisation(i["teachers1"], 2025)
    assert teachers1.disciplines == (Discipline(date(2025, 5, 5), "reprimand", True),)
    assert teachers1.sub_units == 0  # a tổ đảng is not a sub-unit


def test_grassroots_and_parent_of_an_organisation_as_of_a_date(m):
    i = m.ids
    assert m.roll.grassroots_of(i["teachers4"], END_2025) == i["school"]
    assert m.roll.grassroots_of(i["tan_thanh"], date(2025, 6, 30)) == i["yen_hoa"]
    assert m.roll.grassroots_of(i["tan_thanh"], date(2025, 7, 1)) == i["tan_thanh"]
    assert m.roll.grassroots_of(i["yen_hoa"], date(2025, 6, 30)) == i["yen_hoa"]
    assert m.roll.grassroots_of(i["yen_hoa"], date(2025, 7, 1)) is None  # above grassroots
    assert m.roll.grassroots_of(i["binh_hai"], date(2025, 6, 30)) == i["binh_hai"]
    assert m.roll.grassroots_of(i["yen_tho"], date(2025, 8, 1)) is None  # merged that day
    assert m.roll.grassroots_of(i["cell"], END_2025) == i["school"]
    assert m.roll.parent_of(i["yen_thang"], END_2024) == i["province"]
    assert m.roll.parent_of(i["province"], END_2024) is None
    assert m.roll.parent_of(i["teachers1"], END_2025) == i["school"]
    assert m.roll.is_within(i["teachers1"], i["yen_thang"])
    assert not m.roll.is_within(i["teachers1"], i["yen_hoa"])
    assert m.roll.organisation_exists(i["cell"])
    assert not m.roll.organisation_exists("8b3c6f7e-0000-4000-8000-000000000000")


def test_a_fact_entered_late_answers_as_if_entered_on_time(m):
    """A transfer of 1/12/2024 entered now puts Lan on another branch's roll of 2024."""
    i = m.ids
    m.run(c.TransferMember(i["lan"], i["teachers5"], date(2024, 12, 1),
                           decision=by(i["school"])))
    roll = m.caught_up().evaluated_in(i["school"], END_2024, RULES)
    assert members(roll)["Hoàng Thị Lan"] == (i["teachers5"], i["school"], None)


def test_rebuilding_the_view_gives_the_live_state(m):
    with m.runner.db.transaction() as conn:
        live = {p.name: p.dump(conn) for p in m.runner.projections}
    assert all(rows for rows in live["roll_and_facts_as_of"].values())

    m.runner.rebuild()

    with m.runner.db.transaction() as conn:
        assert {p.name: p.dump(conn) for p in m.runner.projections} == live
    assert m.runner.dead_letters() == []


def test_a_discipline_stored_before_misconduct_was_recorded_is_not_read_as_corruption(m):
    member = m.ids["lan"]
    stream = f"member-{member}"
    m.app.store.append(
        [StreamAppend(stream, len(m.app.store.read_stream(stream)), [
            NewEvent("membership.MemberDisciplined", 2, {
                "member_id": member, "form": "warning", "decided_on": "2025-02-03",
                "reason": "Vi phạm", "rule_version": "QĐ24-2021",
                "decision": {"organisation_id": None, "organ": None, "number": None,
                             "decided_on": "2025-02-03", "signer": None, "rule_version": None}},
                occurred_at=datetime(2025, 2, 3, 2, 0, tzinfo=UTC))])],
        CommandContext(command_id="release-1.4-discipline", province="NB", actor=OFFICER))
    facts = m.caught_up().facts_for_member(member, 2025)
    assert facts.disciplines == (Discipline(date(2025, 2, 3), "warning", False),)
