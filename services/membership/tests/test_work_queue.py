"""The work queue: what is due or overdue in a subtree, in working days, on both read-model
dialects (SQLite, and PostgreSQL when its server is configured)."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from kit.errors import InvalidInput
from kit.postgres.readmodel import PgReadModelDb
from kit.testing.leftovers import new_tag
from kit.testing.services import require_env
from kit.workdays import WorkingDayCalendar
from partyorg.embedded import build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c
from services.membership.domain.rules import MEMBERSHIP_RULES

from .conftest import MembershipDriver

VN = WorkingDayCalendar.of("VN")
TODAY = date(2026, 11, 20)  # a Friday


@pytest.fixture(params=["sqlite", "postgres"])
def membership(request, tmp_path, clock):
    """The membership driver on each read-model dialect."""
    schema = None
    if request.param == "postgres":
        dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
        schema = f"wq_{new_tag()}"
        app = build_service(MEMBERSHIP, tmp_path, clock=clock, read_db=PgReadModelDb(dsn, schema))
    else:
        app = build_service(MEMBERSHIP, tmp_path, clock=clock)
    yield MembershipDriver(app)
    app.close()
    if schema:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def queue(m, scope: str, as_of: date = TODAY, **kw):
    return m.queries.work_queue(scope, as_of, **kw).items


def kinds(m, scope: str, **kw) -> list[tuple[str, str]]:
    return [(i.kind, i.member.full_name) for i in queue(m, scope, **kw)]


def admitted_without_ceremony(m, branch: str, decided_on: date, name: str = "Hoàng Minh Tuấn"):
    a, b = m.sponsors(branch)
    member = m.application(branch, (a, b), submitted_on=date(2026, 2, 2), full_name=name)
    m.admit(member, decided_on)
    return member


def test_an_admission_without_its_ceremony_is_overdue_30_working_days_after_the_decision(
        membership, tree):
    member = admitted_without_ceremony(membership, tree["branch"], date(2026, 10, 1))

    [item] = [i for i in queue(membership, tree["province"]) if i.member.id == member]

    # 30 working days after Thursday 1/10/2026: 2/10, five weeks of five, then 9–12/11
    assert (item.kind, item.since, item.due_on) == ("admission_ceremony", date(2026, 10, 1),
                                                    date(2026, 11, 12))
    assert item.days_left == -6  # 13, 16, 17, 18, 19, 20 November
    assert (item.rule, item.rule_version) == ("admission.ceremony_working_days", "QĐ294-2025")
    assert item.calendar_version.startswith("holidays-") and item.organisation_id == tree["branch"]


def test_holding_the_ceremony_closes_the_item_and_starts_the_probation_count(membership, tree):
    member = admitted_without_ceremony(membership, tree["branch"], date(2026, 10, 1))
    membership.run(c.HoldAdmissionCeremony(member, date(2026, 11, 16)))

    assert kinds(membership, tree["province"]) == []
    [vote] = queue(membership, tree["province"], as_of=date(2027, 11, 20), due_within=30)
    assert vote.kind == "recognition_vote" and vote.since == date(2027, 11, 16)
    assert vote.due_on == VN.add(date(2027, 11, 16), 30)
    # asked as of a day before the ceremony, the ceremony was still due
    assert kinds(membership, tree["province"], as_of=date(2026, 11, 13)) == [
        ("admission_ceremony", "Hoàng Minh Tuấn")]


def test_a_probation_ended_but_not_recognised_is_listed_until_the_recognition(membership, tree):
    member = membership.probationary(tree["branch"], admitted_on=date(2025, 9, 10))
    # ceremony 10/9/2025: probation ends 10/9/2026; the branch votes within 30 working days
    [item] = queue(membership, tree["province"])
    assert (item.kind, item.since) == ("recognition_vote", date(2026, 9, 10))
    assert item.due_on == VN.add(date(2026, 9, 10), 30) < TODAY
    assert item.days_left == -VN.count(item.due_on, TODAY) < 0

    membership.recognise(member, date(2026, 11, 19))
    assert queue(membership, tree["province"]) == []


def test_an_admission_proposed_but_undecided_60_working_days_on_is_overdue(membership, tree):
    a, b = membership.sponsors(tree["branch"])
    applicant = membership.application(tree["branch"], (a, b), submitted_on=date(2026, 5, 4))
    assert queue(membership, tree["province"]) == []  # the branch has not proposed it yet

    membership.propose_admission(applicant, date(2026, 6, 1))
    [item] = queue(membership, tree["province"])

    assert (item.kind, item.since) == ("admission_decision", date(2026, 6, 1))
    assert (item.rule, item.due_on) == ("admission.decision_working_days",
                                        VN.add(date(2026, 6, 1), 60))
    # 21 working days left in June, 23 in July, 15 to Friday 21/8; then Saturday 22/8/2026,
    # worked to make up for the day off on 31/8, is the 60th
    assert item.due_on == date(2026, 8, 22)
    membership.admit(applicant, date(2026, 11, 16), considered_on=date(2026, 6, 1))
    assert "admission_decision" not in [k for k, _ in kinds(membership, tree["province"])]


def test_a_removal_from_rolls_proposal_awaits_the_committee_until_decided(membership, tree):
    member = membership.official(tree["branch"], "Phạm Văn Hùng")
    membership.propose_removal(member, "absent_or_unpaid_three_months", date(2026, 10, 1))

    assert queue(membership, tree["province"]) == []  # due beyond the default 20 working days
    [item] = queue(membership, tree["province"], due_within=60)
    assert (item.kind, item.since, item.rule) == (
        "removal_from_rolls_proposal", date(2026, 10, 1), "removal.decision_working_days")
    assert item.due_on == VN.add(date(2026, 10, 1), 60) and item.days_left > 0
    assert kinds(membership, tree["province"], kinds=["admission_decision"]) == []

    membership.remove_from_rolls(member, "absent_or_unpaid_three_months", date(2026, 11, 2))
    assert queue(membership, tree["province"], due_within=60) == []


def test_a_temporary_transfer_past_its_end_is_listed_for_the_home_branch(membership, tree):
    member = membership.official(tree["branch"], "Vũ Thị Hoa", gender="female")
    membership.run(c.TransferMemberTemporarily(member, tree["other_branch"], date(2026, 5, 4),
                                               date(2026, 9, 30), "work"))

    [item] = queue(membership, tree["province"])
    assert (item.kind, item.due_on, item.rule) == (
        "temporary_transfer_end", date(2026, 9, 30), "transfer.temporary_max_months_work")
    assert kinds(membership, tree["other_branch"]) == []
    membership.run(c.EndTemporaryTransfer(member, date(2026, 10, 2)))
    assert queue(membership, tree["province"]) == []


def test_badges_of_the_next_presentation_day_are_listed(membership, tree):
    membership.official(tree["branch"], "Đinh Văn Sơn", admitted_on=date(1996, 12, 20))
    membership.official(tree["branch"], "Mai Văn Tới", admitted_on=date(1996, 11, 5))  # 7/11
    membership.official(tree["branch"], "Lã Văn Xa", admitted_on=date(1997, 2, 4))  # after 3/2

    [item] = queue(membership, tree["province"])

    assert (item.kind, item.member.full_name, item.detail) == (
        "badge_presentation", "Đinh Văn Sơn", "30 năm tuổi đảng")
    assert (item.since, item.due_on) == (date(2026, 12, 20), date(2027, 2, 3))
    assert (item.rule, item.rule_version) == ("badge.presentation_days", "QĐ294-2025")
    assert MEMBERSHIP_RULES.in_force(TODAY)["badge.presentation_days"] == (
        (2, 3), (5, 19), (9, 2), (11, 7))


def test_entries_are_sorted_by_due_date_and_leavers_leave_nothing(membership, tree):
    late = membership.probationary(tree["branch"], "Lê Thị Cúc", admitted_on=date(2025, 8, 1))
    later = admitted_without_ceremony(membership, tree["branch"], date(2026, 10, 1))
    membership.official(tree["branch"], "Đinh Văn Sơn", admitted_on=date(1996, 12, 20))

    items = queue(membership, tree["province"])
    assert [i.member.id for i in items][:2] == [late, later]
    assert [i.due_on for i in items] == sorted(i.due_on for i in items)

    membership.run(c.RecordMemberDeath(late, date(2026, 11, 1)))
    assert late not in [i.member.id for i in queue(membership, tree["province"])]


def test_a_subtree_sees_only_its_own_entries_and_pages_in_due_order(membership, tree):
    membership.probationary(tree["branch"], admitted_on=date(2025, 8, 1))
    admitted_without_ceremony(membership, tree["other_branch"], date(2026, 10, 1))

    assert [k for k, _ in kinds(membership, tree["branch"])] == ["recognition_vote"]
    assert [k for k, _ in kinds(membership, tree["other_branch"])] == ["admission_ceremony"]
    first = membership.queries.work_queue(tree["commune"], TODAY, first=1)
    assert (first.total, first.has_next, first.items[0].kind) == (2, True, "recognition_vote")
    rest = membership.queries.work_queue(tree["commune"], TODAY, first=1, after=first.end_cursor)
    assert ([i.kind for i in rest.items], rest.has_next) == (["admission_ceremony"], False)


def test_a_horizon_outside_its_bounds_is_refused(membership, tree):
    with pytest.raises(InvalidInput) as caught:
        membership.queries.work_queue(tree["province"], TODAY, due_within=-1)
    assert caught.value.field == "due_within"


def test_the_queue_crosses_the_rpc_wire_and_rebuilds_to_its_declared_type(membership, tree):
    from kit.json_encode import to_jsonable
    from kit.nameko.wire import wire_of

    membership.probationary(tree["branch"], admitted_on=date(2025, 8, 1))
    wire = wire_of(MEMBERSHIP)
    page = membership.queries.work_queue(tree["province"], TODAY)

    rebuilt = wire.query_result_from_wire("work_queue", to_jsonable(page))

    assert rebuilt == page and rebuilt.items[0].kind == "recognition_vote"


def test_a_day_off_announced_in_the_rule_books_calendar_moves_the_deadlines():
    from kit.rules import RuleBook, RuleSet
    from services.membership.domain.deadlines import Deadlines, working_calendar
    from services.membership.domain.rules import WORKING_CALENDAR

    announced = RuleBook([*WORKING_CALENDAR.versions, RuleSet(
        "VN-calendar-test", date(2026, 12, 2), "a day off announced for 10/11/2026",
        {"calendar.country": "VN", "calendar.days_off": ("2026-11-10",),
         "calendar.working_days": ()})])
    before = Deadlines(MEMBERSHIP_RULES, working_calendar(WORKING_CALENDAR))
    after = Deadlines(MEMBERSHIP_RULES, working_calendar(announced))

    ceremony = "admission.ceremony_working_days"
    assert before.working_days(date(2026, 10, 1), ceremony).due_on == date(2026, 11, 12)
    moved = after.working_days(date(2026, 10, 1), ceremony)
    assert moved.due_on == date(2026, 11, 13)
    assert moved.calendar_version.endswith("+VN-calendar-test")
