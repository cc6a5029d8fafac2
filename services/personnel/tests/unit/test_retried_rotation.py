"""A retried rotation (a resumed demo seeding sends it again) is a duplicate that names the
same cadre and post as the first, and appends nothing."""

from __future__ import annotations

from datetime import date

from services.personnel import api as c

from .conftest import decided, new_id


def test_a_retried_rotation_is_a_duplicate_naming_the_same_ids(world):
    here, there = world.post("Phó Bí thư Đảng ủy xã A", 35), world.post("Phó Bí thư Đảng ủy xã B",
                                                                         35)
    cadre = world.cadre("Lê Văn Tám", date(1980, 1, 1), "male")
    world.plan(here, cadre, "2025-2030", on=date(2025, 6, 2))
    world.scenario.when(c.AppointCadre(cadre, here, date(2025, 7, 7),
                                       decision=decided(date(2025, 7, 7))))
    rotate, command_id = c.RotateCadre(cadre, there, date(2026, 2, 2),
                                       decision=decided(date(2026, 2, 2))), new_id()
    first = world.scenario.when(rotate, command_id=command_id)
    again = world.scenario.when(rotate, command_id=command_id)
    assert first.events and again.events == [] and again.result.duplicate
    assert again.result.ids == first.result.ids == {"cadre_id": cadre, "post_id": there}
