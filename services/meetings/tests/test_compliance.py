"""Compliance lists a committee checks, for any subtree and period: missed monthly and quarterly
thematic meetings, the superior-cadre schedule, and materials published late."""

from __future__ import annotations

from datetime import date

from services.meetings.adapters.read_model_sql import SQL
from services.meetings.application.queries import MeetingsQueries
from services.meetings.domain import commands as mc
from services.meetings.domain.schedule import CadreSchedule

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
CADRE = ("Nguyễn Văn Tỉnh", "Ủy viên Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Ninh Bình")


def missed(items) -> list[tuple[str, str]]:
    return [(m.organisation.name, m.period) for m in items]


def test_branches_that_held_no_regular_meeting_in_a_month_are_listed(world, tree):
    for branch in (tree["branch"], tree["other_branch"], tree["far_branch"]):
        world.official(branch, "Lê Văn An")
    world.hold(tree["branch"], date(2026, 1, 5))
    world.hold(tree["branch"], date(2026, 2, 5), kind="thematic")  # not a monthly meeting
    world.hold(tree["branch"], date(2026, 3, 5), kind="combined")  # counts as both
    world.hold(tree["other_branch"], date(2026, 2, 5))
    cancelled = world.schedule(tree["other_branch"], world.at(date(2026, 3, 5)))
    world.run(mc.CancelMeeting(cancelled, "Mưa bão"))

    result = world.queries.missed_monthly_meetings(tree["commune"], *Q1)

    assert missed(result) == [("Chi bộ thôn Yên Thổ", "2026-01"),
                              ("Chi bộ thôn Bình Hải", "2026-02"),
                              ("Chi bộ thôn Yên Thổ", "2026-03")]
    assert {(m.requirement, m.held, m.required, m.rule_version) for m in result} == {
        ("monthly", 0, 1, "HD42-2025")}
    assert missed(world.queries.missed_monthly_meetings(tree["other_commune"], *Q1)) == [
        ("Chi bộ thôn Đông Thôn", "2026-01"), ("Chi bộ thôn Đông Thôn", "2026-02"),
        ("Chi bộ thôn Đông Thôn", "2026-03")]


def test_a_month_not_over_yet_and_months_before_a_branch_existed_are_not_missed(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    world.hold(tree["branch"], date(2026, 1, 5))  # the records begin in January
    new_branch = world.branch(tree["commune"], "Chi bộ Trường Tiểu học", date(2026, 2, 10))
    assert missed(world.queries.missed_monthly_meetings(new_branch, *Q1)) == [
        ("Chi bộ Trường Tiểu học", "2026-03")]
    december = world.queries.missed_monthly_meetings(new_branch, date(2026, 11, 1),
                                                     date(2026, 12, 31))
    assert missed(december) == [("Chi bộ Trường Tiểu học", "2026-11")]  # today is 20/12/2026


def test_months_before_the_first_meeting_record_are_not_missed_however_long_the_period(world,
                                                                                         tree):
    world.official(tree["branch"], "Lê Văn An")
    assert world.queries.missed_monthly_meetings(tree["province"], date(578, 1, 1),
                                                 date(4057, 12, 31)) == []  # no records yet
    world.hold(tree["branch"], date(2026, 10, 5))

    result = world.queries.missed_monthly_meetings(tree["province"], date(578, 1, 1),
                                                   date(4057, 12, 31))

    assert {m.period for m in result} == {"2026-10", "2026-11"}  # today is 20/12/2026
    assert [v.assigned_on for v in world.queries.superior_cadre_attendance(
        tree["province"], date(578, 1, 1), date(4057, 12, 31))][:1] == [date(2026, 10, 3)]
    assert world.queries.missed_thematic_meetings(  # Q4 is not over yet
        tree["province"], date(1, 1, 1), date(9999, 12, 31)) == []


def test_branches_without_a_thematic_meeting_in_a_quarter_are_listed(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    world.official(tree["other_branch"], "Trần Văn Bình")
    world.hold(tree["branch"], date(2026, 2, 5), kind="thematic")
    world.hold(tree["branch"], date(2026, 5, 5), kind="combined")
    world.hold(tree["other_branch"], date(2026, 2, 5))

    result = world.queries.missed_thematic_meetings(tree["commune"], date(2026, 1, 1),
                                                    date(2026, 6, 30))
    assert missed(result) == [("Chi bộ thôn Yên Thổ", "2026-Q1"),
                              ("Chi bộ thôn Yên Thổ", "2026-Q2")]
    assert result[0].requirement == "thematic_quarterly"
    assert (result[0].starts_on, result[0].ends_on) == (date(2026, 1, 1), date(2026, 3, 31))


def test_superior_cadre_attendance_is_checked_against_the_assignment_days(world, tree):
    for branch in (tree["branch"], tree["other_branch"], tree["far_branch"]):
        world.official(branch, "Lê Văn An")
    with_cadre = world.hold(tree["branch"], date(2026, 2, 3), cadres=(CADRE,))
    world.hold(tree["other_branch"], date(2026, 2, 3))
    world.hold(tree["branch"], date(2026, 4, 4), cadres=(CADRE,))  # not the assigned day

    visits = world.queries.superior_cadre_attendance(tree["province"], date(2026, 2, 1),
                                                     date(2026, 4, 30))

    assert [(v.organisation.name, v.assigned_on, v.status) for v in visits] == [
        ("Chi bộ thôn Bình Hải", date(2026, 2, 3), "attended"),
        ("Chi bộ thôn Đông Thôn", date(2026, 2, 3), "no_meeting"),
        ("Chi bộ thôn Yên Thổ", date(2026, 2, 3), "no_cadre"),
        ("Chi bộ thôn Bình Hải", date(2026, 4, 3), "no_meeting"),
        ("Chi bộ thôn Đông Thôn", date(2026, 4, 3), "no_meeting"),
        ("Chi bộ thôn Yên Thổ", date(2026, 4, 3), "no_meeting"),
    ]
    assert visits[0].meeting_id == with_cadre
    assert visits[0].cadres[0].full_name == "Nguyễn Văn Tỉnh"
    scoped = world.queries.superior_cadre_attendance(tree["other_commune"], date(2026, 2, 1),
                                                     date(2026, 2, 28))
    assert [v.organisation.name for v in scoped] == ["Chi bộ thôn Đông Thôn"]


def test_the_cadre_schedule_is_a_province_setting(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    world.hold(tree["branch"], date(2026, 4, 4), cadres=(CADRE,))
    fourth_of_the_month = CadreSchedule("day-4", (4,), tuple(range(1, 13)), "tỉnh khác")
    db = world.meetings.read_db
    queries = MeetingsQueries(db, SQL[db.dialect], clock=world.clock,
                              cadre_schedule=fourth_of_the_month)
    visits = queries.superior_cadre_attendance(tree["branch"], date(2026, 4, 1),
                                               date(2026, 4, 30))
    assert [(v.assigned_on, v.status) for v in visits] == [(date(2026, 4, 4), "attended")]


def test_meetings_with_materials_late_or_missing_are_listed(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    world.official(tree["far_branch"], "Trần Văn Bình")
    on_time = world.hold(tree["branch"], date(2026, 1, 5), materials_days_ahead=3)
    late = world.hold(tree["branch"], date(2026, 2, 5), materials_days_ahead=0)
    missing = world.hold(tree["branch"], date(2026, 3, 5), materials_days_ahead=None)
    world.hold(tree["far_branch"], date(2026, 3, 5), materials_days_ahead=0)
    world.schedule(tree["branch"], world.at(date(2026, 3, 20)))  # not held yet: not missing

    issues = world.queries.materials_issues(tree["commune"], *Q1)

    assert [(i.meeting.id, i.issue) for i in issues] == [(late, "late"), (missing, "missing")]
    assert on_time not in [i.meeting.id for i in issues]
    assert len(world.queries.materials_issues(tree["province"], *Q1)) == 3
