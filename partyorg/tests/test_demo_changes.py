"""The demo shows the 2025 membership changes: suspended members in the counts, transfer letters
in transit (one past its limit), members transferred out of and into the province, a temporary
stay past its end date."""

from __future__ import annotations


def test_the_demo_holds_letters_in_transit_one_overdue_and_members_across_the_border(demo):
    q = demo.queries
    root = q.roots()[0].id
    transfers = q.transfers(root, in_transit_only=False)
    seen = {(t.kind, t.status, t.overdue) for t in transfers}
    assert {("within_province", "in_transit", True), ("within_province", "in_transit", False),
            ("within_province", "received", False), ("into_province", "received", False),
            ("out_of_province", "transferred_out", False)} <= seen
    counts = q.organisation_tree(root).subtree_counts
    assert counts["suspended"] >= 1 and counts["transferred_out"] == 1


def test_the_demo_holds_a_temporary_stay_past_its_end_date(demo):
    q = demo.queries
    root = q.roots()[0].id
    page = q.members(root, first=200)
    overdue, after = [], page.end_cursor
    while True:
        overdue += [m for m in page.items if m.temporary_transfer_overdue]
        if not page.has_next:
            break
        page = q.members(root, first=200, after=after)
        after = page.end_cursor
    assert overdue and all(m.temporary_organisation_id is None for m in overdue)
