"""A user acting for an organisation changes only meetings of its subtree; the system may do all.
A meeting or branch outside the subtree is refused as not found, as an id that names nothing."""

from __future__ import annotations

from datetime import date

from kit.errors import InvalidInput, NotFound
from services.meetings.domain import commands as mc
from services.membership.domain import commands as c

DAY = date(2026, 9, 5)


def test_a_commune_schedules_and_records_meetings_of_its_own_branches_only(world, tree):
    an = world.official(tree["branch"], "Lê Văn An")
    hai = world.official(tree["far_branch"], "Bùi Văn Hải")
    mine = world.schedule(tree["branch"], world.at(DAY), acting_for=tree["commune"])
    world.run(mc.OpenMeeting(mine, world.at(DAY)), acting_for=tree["branch"])
    world.run(mc.RecordAttendance(mine, an, "present"), acting_for=tree["province"])

    world.refuse(mc.ScheduleMeeting(tree["far_branch"], "regular", world.at(DAY), 90, ("A",)),
                 NotFound, acting_for=tree["commune"])
    theirs = world.schedule(tree["far_branch"], world.at(DAY))
    for command in (mc.OpenMeeting(theirs, world.at(DAY)), mc.CancelMeeting(theirs, "Không"),
                    mc.PublishMaterials(theirs, "Tài liệu")):
        error = world.refuse(command, NotFound, acting_for=tree["commune"])
        assert error.details == {"kind": "meeting", "id": theirs}
    world.refuse(mc.RecordAttendance(mine, an, "present"), NotFound,
                 acting_for=tree["other_branch"])
    # a member of another branch is not on this meeting's record, like an id naming nobody
    error = world.refuse(mc.RecordAttendance(mine, hai, "present"), InvalidInput,
                         acting_for=tree["commune"])
    assert error.message == f"member_id: {hai} was not summoned to this meeting"


def test_a_branch_that_merged_away_is_within_the_survivor_scope(world, tree):
    world.official(tree["other_branch"], "Trần Văn Bình")
    held = world.hold(tree["other_branch"], date(2026, 3, 5))
    world.member_command(c.MergeOrganisation(tree["other_branch"], tree["branch"],
                                             date(2026, 4, 1)))
    assert world.queries.is_within(tree["other_branch"], tree["branch"])
    assert [m.id for m in world.queries.meetings(tree["branch"]).items] == [held]
    # its statistics follow the tree of the meeting's day: its own and its commune's March,
    # not the survivor's, which it was not part of then
    march = (date(2026, 3, 1), date(2026, 3, 31))
    assert world.queries.attendance_rate(tree["other_branch"], *march).present == 1
    assert world.queries.attendance_rate(tree["commune"], *march).present == 1
    assert world.queries.attendance_rate(tree["branch"], *march).present == 0
    # after the merge it is no longer expected to meet
    may = world.queries.missed_monthly_meetings(tree["branch"], date(2026, 5, 1),
                                                date(2026, 5, 31))
    assert [m.organisation.id for m in may] == [tree["branch"]]
