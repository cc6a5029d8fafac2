"""Rotation (QĐ 65-QĐ/TW) on the real embedded path: a planned cadre into an existing post of the
same rank (a higher one only as a flagged exception); refusals naming the rule for a cadre in no
plan, a key leader into their own locality, a third head term in one place and a second
rotation too soon; and after a merger, the cadres left without a post — through the service
and through GraphQL, for the managing committee only."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from gateway.auth import ORGANISATION_COMMISSION
from kit.errors import InvalidState, RuleViolated
from services.membership.domain import commands as m
from services.personnel import api as c
from services.personnel.domain.cadre import CadreFile

from .conftest import decided
from .test_graphql_path import RESULT

APRIL = date(2026, 4, 1)


def commune_post(world, title: str, rank: int, head: bool = False,
                 organisation: str | None = None) -> str:
    return world.run(c.RegisterPost(title, "government", "commune",
                                    organisation or world.commune, world.province, rank,
                                    head))["post_id"]


def serving(world, cadre: str, post: str, since: date = date(2025, 1, 1),
            planned_for: str | None = None) -> str:
    """The cadre holds `post` since `since`, and is in the 2025-2030 plan of a higher one."""
    world.run(c.AppointCadre(cadre, post, since, external=True,
                             decision=decided(date(2024, 12, 1) if since.year == 2025
                                              else since)))
    if planned_for:
        world.plan(planned_for, cadre, "2025-2030")
    return cadre


def rotate(world, cadre: str, post: str, on: date = APRIL, exception: bool = False) -> None:
    world.run(c.RotateCadre(cadre, post, on, exception, decision=decided(date(2026, 3, 2))))


def refused_rule(world, cadre: str, post: str, on: date = APRIL, exception: bool = False) -> str:
    with pytest.raises(RuleViolated) as refused:
        rotate(world, cadre, post, on, exception)
    assert refused.value.rule_version == "QD377-2025"
    return refused.value.rule


def test_a_planned_cadre_rotates_into_an_equivalent_post_and_leaves_the_old_one(world):
    deputy, higher = world.post("Phó Giám đốc Sở Nội vụ", 50), world.post("Giám đốc Sở", 70)
    there = commune_post(world, "Phó Chủ tịch UBND xã", 50)
    an = serving(world, world.cadre("Lê Văn An", date(1985, 1, 1), "male"), deputy,
                 planned_for=higher)
    rotate(world, an, there)
    world.personnel.settle()
    terms = {t.post_id: (t.starts_on, t.ends_on, t.kind)
             for t in world.queries.cadre_file(an).terms}
    assert terms == {deputy: (date(2025, 1, 1), APRIL, "appointed"),
                     there: (APRIL, date(2031, 4, 1), "rotated")}
    world.personnel.runner.rebuild()
    assert {t.post_id: (t.starts_on, t.ends_on, t.kind)
            for t in world.queries.cadre_file(an).terms} == terms
    (event,) = [e for e in world.personnel.store.read_stream(CadreFile.stream_id_for(an))
                if e.type == "personnel.CadreRotated"]
    assert (event.data["left_post_ids"], event.data["stays_until"],
            event.data["higher_by_exception"], event.data["rule_version"]) == (
        [deputy], "2029-04-01", False, "QD377-2025")
    # three years per rotation: not again in 2027
    assert refused_rule(world, an, commune_post(world, "Phó Bí thư", 50),
                        date(2027, 3, 1)) == "rotation.min_years"


def test_only_planned_cadres_into_a_post_of_the_same_rank_higher_by_exception(world):
    deputy, higher = world.post("Phó Giám đốc Sở Nội vụ", 50), world.post("Giám đốc Sở", 70)
    lower, up = commune_post(world, "Trưởng phòng", 40), commune_post(world, "Chủ tịch", 60)
    unplanned = serving(world, world.cadre("Đỗ Văn Hải", date(1980, 1, 1), "male"),
                        world.post("Phó Chánh Văn phòng", 50))
    assert refused_rule(world, unplanned, commune_post(world, "Phó Chủ tịch", 50)) == \
        "rotation.requires_plan"
    an = serving(world, world.cadre("Lê Văn An", date(1985, 1, 1), "male"), deputy,
                 planned_for=higher)
    assert refused_rule(world, an, lower) == "rotation.equivalent_post"
    assert refused_rule(world, an, up) == "rotation.equivalent_post"
    rotate(world, an, up, exception=True)
    rotated = world.personnel.store.read_stream(CadreFile.stream_id_for(an))[-1]
    assert (rotated.type, rotated.data["higher_by_exception"]) == ("personnel.CadreRotated",
                                                                   True)
    nobody = world.cadre("Vũ Văn Bình", date(1985, 1, 1), "male")
    world.plan(higher, nobody, "2025-2030")
    with pytest.raises(InvalidState):  # holds nothing: an appointment, not a rotation
        rotate(world, nobody, lower)


def test_a_key_leader_is_not_rotated_into_their_own_locality(world):
    member = world.member("Nguyễn Văn Hùng", date(1982, 5, 4))  # kept by a branch of the commune
    higher = world.post("Giám đốc Sở", 70)
    hung = serving(world, world.member_cadre(member), world.post("Phó Giám đốc Sở", 50),
                   planned_for=higher)
    elsewhere = world.organisation("Đảng bộ xã Yên Thắng", "commune_committee", world.province)
    assert refused_rule(world, hung, commune_post(world, "Bí thư Đảng ủy xã", 50, head=True)) \
        == "rotation.key_leaders_not_local"
    rotate(world, hung, commune_post(world, "Bí thư Đảng ủy xã Yên Thắng", 50, head=True,
                                     organisation=elsewhere))


def test_a_head_serves_at_most_two_consecutive_terms_in_one_place(world):
    world.clock.set_today(date(2027, 6, 1))
    first = commune_post(world, "Chủ tịch UBND xã", 50, head=True)
    second = commune_post(world, "Bí thư Đảng ủy xã", 50, head=True)
    higher = world.post("Giám đốc Sở", 70)
    tu = serving(world, world.cadre("Ngô Văn Tú", date(1980, 1, 1), "male"), first,
                 since=date(2022, 1, 1), planned_for=higher)
    world.run(c.ReappointCadre(tu, first, decision=decided(date(2026, 12, 1))))
    with pytest.raises(RuleViolated) as refused:
        world.run(c.RotateCadre(tu, second, date(2027, 6, 1),
                                decision=decided(date(2027, 5, 1))))
    assert refused.value.rule == "rotation.max_consecutive_head_terms_in_place"


def test_after_a_merger_the_cadres_left_without_a_post_are_listed_until_placed(world, gateway):
    merged = world.organisation("Đảng bộ xã Yên Thành", "commune_committee", world.province)
    gone = commune_post(world, "Phó Chủ tịch UBND xã Yên Thành", 50, organisation=merged)
    kept = commune_post(world, "Phó Chủ tịch UBND xã Yên Mô", 50)
    higher = world.post("Giám đốc Sở", 70)
    mai = serving(world, world.cadre("Lê Thị Mai", date(1985, 1, 1), "female"), gone,
                  planned_for=higher)
    serving(world, world.cadre("Trần Văn Nam", date(1984, 1, 1), "male"), kept)
    world.member_command(m.MergeOrganisation(merged, world.commune, date(2026, 3, 1)))
    world.personnel.settle()
    [left] = world.queries.cadres_without_post(world.province, date(2026, 3, 2))
    assert (left.cadre.id, left.former_post.id, left.merged_into_organisation_id) == (
        mai, gone, world.commune)

    query = """query($c: ID!, $on: Date) { cadresWithoutPost(committeeId: $c, on: $on)
      { cadre { fullName } formerPost { title } } }"""
    asked = {"c": world.province, "on": "2026-03-02"}
    assert gateway(query, asked, world.province)["data"]["cadresWithoutPost"] == [
        {"cadre": {"fullName": "Lê Thị Mai"}, "formerPost": {"title": "Phó Chủ tịch UBND xã "
                                                                       "Yên Thành"}}]
    for org, roles in ((world.commune, (ORGANISATION_COMMISSION,)),
                       (world.province, ("viewer",))):
        body = gateway(query, asked, org, roles=roles)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body

    mutation = (f"mutation($input: RotateCadreInput!) {{ rotateCadre(input: $input) "
                f"{{ {RESULT} ... on RotateCadreSucceeded {{ cadreId postId }} }} }}")

    def rotate_by_graphql(post: str) -> dict:
        return gateway(mutation, {"input": {
            "commandId": str(uuid.uuid4()), "cadreId": mai, "toPostId": post,
            "startsOn": "2026-04-01", "decision": {"number": "9-QĐ/TU",
                                                   "decidedOn": "2026-03-02",
                                                   "signer": "Nguyễn Văn Thành"}}},
            world.province, organ="standing_committee")["data"]["rotateCadre"]

    low = rotate_by_graphql(commune_post(world, "Phó Trưởng phòng", 30))
    assert (low["__typename"], low["rule"]) == ("RuleViolated", "rotation.equivalent_post")
    into = commune_post(world, "Phó Chủ tịch UBND xã Yên Mô (2)", 50)
    assert rotate_by_graphql(into) == {"__typename": "RotateCadreSucceeded", "cadreId": mai,
                                       "postId": into}
    assert world.queries.cadres_without_post(world.province, date(2026, 4, 2)) == []
