"""The ward city seeded under a city committee already there (`make seed-up PROVINCE=HUE`, under
the root `make up` created): no second root, every ward below it, and a second run appends
nothing."""

from __future__ import annotations

from datetime import date

from demo.ward_city import seed_ward_city
from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from partyorg.embedded import build_platform
from services.membership.api import CreateOrganisation


def test_the_wards_go_under_the_given_root_and_a_rerun_appends_nothing(tmp_path):
    clock = FixedClock()
    clock.set_today(date(2026, 11, 20))
    platform = build_platform(tmp_path, "HUE", clock=clock)
    try:
        membership = platform.membership
        root = membership.service.execute(
            CreateOrganisation("Đảng bộ thành phố Huế", "provincial_committee", None,
                               date(1930, 2, 3)),
            CommandContext("platform-setup-hue", "HUE", Actor("platform-setup", "system")),
        ).ids["organisation_id"]

        report = seed_ward_city(membership, scale=0.1, progress=lambda _: None, root_id=root)
        platform.settle()
        appended = membership.store.head_position()
        again = seed_ward_city(membership, scale=0.1, progress=lambda _: None, root_id=root)
        platform.settle()

        assert report.root_id == again.root_id == root
        assert [r.id for r in membership.queries.roots()] == [root]
        tree = membership.queries.organisation_tree(root)
        assert len(tree.children) == 8 + 3  # the wards and the agencies' branches
        assert tree.subtree_counts["official"] == report.members > 0
        assert membership.store.head_position() == appended  # every command answered as a duplicate
    finally:
        platform.close()
