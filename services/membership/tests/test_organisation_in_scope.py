"""organisation_in_scope answers what organisation() and is_within() answer, in one question:
for every organisation and scope, merged organisations (placed by their survivor) included."""

from __future__ import annotations

from datetime import date

from services.membership.domain import commands as c


def test_it_agrees_with_organisation_and_is_within_everywhere(membership):
    province = membership.province()
    merged = membership.commune(province, "Đảng bộ xã Yên Thắng")
    survivor = membership.commune(province, "Đảng bộ xã Yên Hòa")
    other = membership.commune(province, "Đảng bộ xã Yên Từ")
    moved = membership.branch(merged, "Chi bộ thôn Bình Hải")
    stays = membership.branch(survivor, "Chi bộ thôn Yên Thổ")
    elsewhere = membership.branch(other, "Chi bộ thôn Phù Sa")
    membership.run(c.MergeOrganisation(merged, survivor, date(2025, 7, 1)))
    unknown = "00000000-0000-7000-8000-000000000000"
    orgs = [province, merged, survivor, other, moved, stays, elsewhere, unknown]
    q = membership.queries

    for org in orgs:
        for scope in orgs:
            found = q.organisation_in_scope(org, scope)
            if org == unknown:
                assert found is None
                continue
            assert found.organisation == q.organisation(org)
            assert found.within == q.is_within(org, scope), (org, scope)
    assert q.organisation_in_scope(merged, survivor).within  # placed by its survivor
    assert q.organisation_in_scope(moved, survivor).within
    assert not q.organisation_in_scope(moved, other).within
