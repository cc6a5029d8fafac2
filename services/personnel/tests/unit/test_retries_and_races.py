"""A retried command appends nothing twice; two decisions racing for a post's last plan place
cannot both win (the post's own stream takes the place: PlanPlaceTaken)."""

from __future__ import annotations

from datetime import date

import pytest

from kit.envelope import SYSTEM_ACTOR, CommandContext
from kit.errors import ConcurrencyConflict
from kit.repository import Repository
from services.personnel import api as c
from services.personnel.adapters.wire import CODEC
from services.personnel.domain.cadre import CadreFile
from services.personnel.domain.events import DecisionRecord, PersonalData
from services.personnel.domain.post import Post
from services.personnel.domain.rules import PERSONNEL_RULES
from services.personnel.domain.values import Gender

from .conftest import decided, new_id


def test_a_retried_command_is_a_duplicate_and_appends_nothing(world):
    post, cadre = world.post("Bí thư Tỉnh ủy", 99), world.cadre()
    command, command_id = c.AddCadreToPlan(post, cadre, "2030-2035", decision=decided()), new_id()
    first = world.scenario.when(command, command_id=command_id)
    again = world.scenario.when(command, command_id=command_id)
    assert len(first.events) == 2 and again.events == []
    assert again.result.duplicate and again.result.ids == first.result.ids
    opened = c.OpenCadreFile(world.province, "none", "college", date(2026, 1, 5),
                             person=c.PersonInput("Lê Văn Tám", date(1985, 1, 1), "male"))
    one_id = new_id()
    assert world.scenario.when(opened, command_id=one_id).result.ids == \
        world.scenario.when(opened, command_id=one_id).result.ids


def test_two_decisions_for_a_posts_last_place_cannot_both_win(world, scenario, clock):
    post = world.post("Chủ tịch UBND tỉnh", 95)
    for name in ("Lê Văn An", "Phạm Văn Bình"):
        world.plan(post, world.cadre(name, gender="male"))
    first, second = world.cadre("Đỗ Văn Cường", gender="male"), world.cadre("Vũ Thị Dung")
    repo = Repository(scenario.store, CODEC, clock)
    rules = PERSONNEL_RULES.in_force(date(2026, 3, 1))
    record = DecisionRecord(world.province, "standing_committee", "16-QĐ/TU", date(2026, 3, 1),
                            "Nguyễn Văn Thành")
    person = PersonalData("Người", date(1980, 1, 1), Gender.MALE)
    decided_apart = []
    for cadre_id in (first, second):  # both read the post with two places taken
        post_seen, cadre = repo.load(Post, post), repo.load(CadreFile, cadre_id)
        cadre.add_to_plan(post_seen, "2030-2035", record, rules, person, 0)
        decided_apart.append([cadre, post_seen])
    context = CommandContext(new_id(), "NB", SYSTEM_ACTOR)
    repo.save(decided_apart[0], context)
    with pytest.raises(ConcurrencyConflict):
        repo.save(decided_apart[1], CommandContext(new_id(), "NB", SYSTEM_ACTOR))
    assert len(repo.load(Post, post).planned["2030-2035"]) == 3
