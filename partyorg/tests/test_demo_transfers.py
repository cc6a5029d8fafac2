"""The demo's transfers between its provinces: every way a letter ends, and one overdue."""

from __future__ import annotations

from demo.transfers_between_provinces import Side, seed_transfers
from partyorg.tests.provinces_pair import TODAY, build_pair


def test_the_demo_letters_end_every_way_and_one_is_overdue(tmp_path):
    pair = build_pair(tmp_path)
    try:
        nb = Side("NB", pair.nb.platform.membership, pair.nb.root)
        hue = Side("HUE", pair.hue.platform.membership, pair.hue.root)
        assert seed_transfers(nb, hue, pair.settle, TODAY, progress=lambda _: None) == 5
        pair.settle()
        nb_side = nb.membership.queries.transfers_between_provinces(nb.root)
        hue_side = hue.membership.queries.transfers_between_provinces(hue.root)
        assert sorted((t.direction, t.state, t.overdue) for t in nb_side) == [
            ("in", "arrived", False), ("out", "completed", False),
            ("out", "in_transit", False), ("out", "in_transit", True),
            ("out", "returned", False)]
        assert sorted((t.direction, t.state, t.overdue) for t in hue_side) == [
            ("in", "arrived", False), ("in", "awaiting", False), ("in", "awaiting", True),
            ("in", "refused", False), ("out", "completed", False)]
    finally:
        for links in pair.links:
            links.close()
        pair.nb.platform.close()
        pair.hue.platform.close()
