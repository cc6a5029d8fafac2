"""The read models of the 2025 membership changes on each read-model database (SQLite, and
PostgreSQL where it runs): suspension now and as of a date, a temporary stay past its end date,
transfer letters in transit and overdue, members leaving and joining across the province's
border, and organisations breaking a formation threshold."""

from __future__ import annotations

from datetime import date

import pytest

from services.membership.domain import change_commands as cc
from services.membership.domain import commands as c

from .conftest import embedded_on


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.infra)])
def app(request, tmp_path, clock):
    """The embedded service with its read models on the database the test is parametrised by."""
    with embedded_on(request.param, tmp_path, clock) as embedded:
        yield embedded


def own(membership, org: str, as_of: date | None = None) -> dict[str, int]:
    return membership.queries.organisation_tree(org, as_of).own_counts


def test_a_suspension_is_counted_on_the_days_it_ran_and_listed_now(membership, tree):
    branch = tree["branch"]
    an = membership.official(branch, "Nguyễn Văn An")
    membership.official(branch, "Trần Văn Bình")
    membership.run(cc.SuspendMember(an, date(2026, 3, 1), "prosecuted", "Bị khởi tố"))
    membership.run(cc.EndSuspension(an, date(2026, 6, 1)))
    chi = membership.official(branch, "Hoàng Thị Chi", gender="female")
    membership.run(cc.SuspendMember(chi, date(2026, 9, 1), "detained", "Bị tạm giam"))
    q = membership.queries

    assert own(membership, branch) == {"official": 3, "suspended": 1}
    assert own(membership, branch, date(2026, 4, 1)) == {"official": 3, "suspended": 1}
    assert own(membership, branch, date(2026, 7, 1)) == {"official": 3}
    assert q.suspended_as_of(branch, date(2026, 4, 1)) == [an]
    assert q.suspended_as_of(branch, date(2026, 10, 1)) == [chi]
    listed = q.members(branch, suspended=True)
    assert [(m.full_name, m.suspended, m.suspended_on) for m in listed.items] == [
        ("Hoàng Thị Chi", True, date(2026, 9, 1))]
    assert q.members(branch, suspended=False).total == 2


def test_a_stay_past_its_end_date_is_over_in_the_members_view(membership, tree):
    member = membership.official(tree["branch"])
    membership.run(c.TransferMemberTemporarily(member, tree["other_branch"], date(2025, 1, 2),
                                               date(2025, 6, 2), "work"))
    view = membership.queries.member(member)
    assert (view.temporary_organisation_id, view.temporary_until,
            view.temporary_transfer_overdue) == (None, date(2025, 6, 2), True)

    membership.run(cc.IssueTransferLetter(member, date(2026, 11, 2), "3-GGT/ĐU",
                                          tree["other_branch"]))
    assert membership.queries.member(member).in_transit_to_organisation_id == \
        tree["other_branch"]


def test_letters_in_transit_are_listed_with_their_limits_and_overdue_ones_flagged(membership,
                                                                                 tree):
    an = membership.official(tree["branch"], "Nguyễn Văn An")
    binh = membership.official(tree["branch"], "Trần Văn Bình")
    membership.run(cc.IssueTransferLetter(an, date(2026, 8, 3), "1-GGT/ĐU",
                                          tree["other_branch"]))
    membership.run(cc.IssueTransferLetter(binh, date(2026, 11, 2), "2-GGT/ĐU",
                                          tree["other_branch"]))
    q = membership.queries

    found = q.transfers(tree["commune"])
    assert [(t.full_name, t.status, t.overdue, t.present_by) for t in found] == [
        ("Nguyễn Văn An", "in_transit", True, date(2026, 9, 16)),  # 1–2/9 off
        ("Trần Văn Bình", "in_transit", False, date(2026, 12, 15))]
    # in transit the member is still counted where the letter came from
    assert own(membership, tree["branch"]) == {"official": 2}

    membership.run(cc.ReceiveTransferredMember(binh, date(2026, 11, 10)))
    assert [t.full_name for t in q.transfers(tree["commune"])] == ["Nguyễn Văn An"]
    done = [t for t in q.transfers(tree["commune"], in_transit_only=False)
            if t.status == "received"]
    assert [(t.full_name, t.received_on, t.working_days) for t in done] == [
        ("Trần Văn Bình", date(2026, 11, 10), 6)]
    assert own(membership, tree["other_branch"]) == {"official": 1}
    assert own(membership, tree["other_branch"], date(2026, 11, 9)) == {}


def test_members_leave_and_join_across_the_provinces_border_on_their_dates(membership, tree):
    branch = tree["branch"]
    leaving = membership.official(branch, "Nguyễn Văn An")
    membership.run(cc.IssueTransferLetter(
        leaving, date(2026, 10, 5), "4-GGT/BTCTU",
        destination=cc.TransferDestination("Thành phố Hà Nội", "Chi bộ phường 3")))
    came = membership.run(cc.ReceiveMemberFromProvince(
        branch, membership.profile("Lê Văn Thành", date(1975, 8, 9)), "official",
        date(2001, 4, 2), "Tỉnh Thanh Hóa", "Chi bộ thôn Nga Sơn", "9-GGT/HU",
        date(2026, 10, 20), date(2026, 11, 2), ceremony_on=date(2001, 4, 2),
        official_from=date(2002, 4, 2))).ids["member_id"]

    assert own(membership, branch) == {"official": 1, "transferred_out": 1}
    assert own(membership, branch, date(2026, 10, 1)) == {"official": 1}
    assert own(membership, branch, date(2026, 10, 10)) == {"transferred_out": 1}
    view = membership.queries.member(came)
    assert (view.organisation_id, view.first_admitted_on) == (branch, date(2001, 4, 2))
    badges = membership.queries.badges_due(branch, date(2031, 1, 1), date(2031, 12, 31))
    assert [(b.member.full_name, b.years) for b in badges.items] == [("Lê Văn Thành", 30)]
    kinds = {t.kind: (t.other_province, t.status)
             for t in membership.queries.transfers(branch, in_transit_only=False)}
    assert kinds == {"out_of_province": ("Thành phố Hà Nội", "transferred_out"),
                     "into_province": ("Tỉnh Thanh Hóa", "received")}


def test_organisations_breaking_a_formation_threshold_are_reported_as_of_a_date(membership,
                                                                              tree):
    committee = membership.organisation("Đảng bộ Công ty May", "grassroots_committee",
                                        tree["commune"], date(2010, 1, 1))
    workshop = membership.organisation("Chi bộ Phân xưởng 1", "sub_branch", committee)
    for i in range(3):
        membership.official(workshop, f"Phạm Văn Hải {chr(65 + i)}")
    for i in range(30):
        membership.official(tree["branch"], f"Vũ Văn Hòa {chr(65 + i % 26)}{chr(65 + i // 26)}",
                            admitted_on=date(2010, 3, 1))
    membership.official(tree["other_branch"], "Ngô Văn Lộc", admitted_on=date(2010, 3, 1))

    found = {(b.organisation.name, b.rule, b.count)
             for b in membership.queries.formation_threshold_breaches(tree["province"])}
    assert found == {
        ("Chi bộ thôn Bình Hải", "organisation.committee_min_members", 30),  # a chi bộ cơ sở
        ("Chi bộ thôn Yên Thổ", "organisation.min_official_members", 1),
        ("Đảng bộ Công ty May", "organisation.committee_min_members", 3)}
    # in mid-2010 the branches' members were still probationary: short of official members
    earlier = membership.queries.formation_threshold_breaches(tree["province"], date(2010, 6, 1))
    assert {(b.organisation.name, b.count, b.rule_version) for b in earlier
            if b.rule == "organisation.min_official_members"} == {
        ("Chi bộ thôn Bình Hải", 0, "QĐ45-2011"), ("Chi bộ thôn Yên Thổ", 0, "QĐ45-2011")}
