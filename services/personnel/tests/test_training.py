"""Training (QĐ 350-QĐ/TW) on the real embedded path: evaluations' published good standing
reaches personnel's own view from evaluations' log; eligibility for trung cấp and the
political-theory gaps per post and per subtree answer from personnel's read models, through the
service and through GraphQL, for whom may ask only."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from gateway.auth import ORGANISATION_COMMISSION
from kit.envelope import NewEvent
from kit.store import NO_STREAM, StreamAppend
from services.membership.domain import commands as m
from services.personnel import api as c

from .conftest import _serials, decided

CONTRACT = (Path(__file__).resolve().parents[3] / "contracts/events/evaluations"
            / "GoodStandingTwoYearsRunning.v1.json")


def good_standing(world, member_id: str, years: tuple[int, int], decided_on: date) -> None:
    """What evaluations publishes once a member is HTT or better two years running: appended to
    evaluations' own log, checked against its published contract first."""
    data = {"evaluation_id": str(uuid.uuid4()), "member_id": member_id,
            "organisation_id": world.branch, "years": list(years), "levels": ["htt", "htxs"],
            "decided_on": decided_on.isoformat(), "rule_version": "QD366-2025"}
    schema = json.loads(CONTRACT.read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=FormatChecker()).validate(data)
    world.platform.evaluations.store.append([StreamAppend(
        f"evaluation-{data['evaluation_id']}", NO_STREAM,
        [NewEvent("evaluations.GoodStandingTwoYearsRunning", 1, data,
                  occurred_at=datetime(2026, 1, 20, tzinfo=UTC))])], world.context())
    world.personnel.runner.catch_up()


def young_member(world, name: str, born: date, gender: str = "male") -> str:
    """A member admitted at 20 (the conftest's members were admitted in 2005)."""
    joined = born.replace(year=born.year + 20)
    profile = m.ProfileInput(
        full_name=name, date_of_birth=born, gender=gender, ethnicity="Kinh",
        hometown="Yên Mô, Ninh Bình",
        citizen_id=f"037{gender == 'female':d}{born.year % 100:02d}{next(_serials):06d}",
        education="upper_secondary", political_theory="elementary", occupation="Cán bộ")
    return world.member_command(m.RecordExistingMember(
        world.branch, profile, "official", joined, ceremony_on=joined,
        official_from=joined.replace(year=joined.year + 1)))["member_id"]


def file(world, theory: str, education: str, member: str | None = None,
         person: tuple[str, date, str] | None = None) -> str:
    return world.run(c.OpenCadreFile(world.province, theory, education, date(2026, 1, 5),
                                     member_id=member,
                                     person=c.PersonInput(*person) if person else None)
                     )["cadre_id"]


def test_trung_cap_needs_a_degree_two_good_years_and_for_part_time_the_age(world):
    an = young_member(world, "Lê Văn An", date(1997, 6, 1))  # 28 in 2026: under 30 for a man
    lan = young_member(world, "Phạm Thị Lan", date(1997, 6, 1), "female")
    cadre_an = file(world, "elementary", "bachelor", member=an)
    cadre_lan = file(world, "none", "vocational", member=lan)
    world.personnel.settle()
    short = world.queries.intermediate_eligibility(cadre_an, date(2026, 3, 2))
    assert (short.eligible, short.shortfalls) == (
        False, ["training.intermediate.good_standing_years"])

    good_standing(world, an, (2024, 2025), date(2026, 1, 15))
    good_standing(world, lan, (2024, 2025), date(2026, 1, 15))
    full_time = world.queries.intermediate_eligibility(cadre_an, date(2026, 3, 2))
    assert (full_time.eligible, full_time.good_standing_years, full_time.rule_version) == (
        True, [2024, 2025], "QD377-2025")
    part_time = world.queries.intermediate_eligibility(cadre_an, date(2026, 3, 2), True)
    assert part_time.shortfalls == ["training.part_time_min_age"]
    lan_part_time = world.queries.intermediate_eligibility(cadre_lan, date(2026, 3, 2), True)
    assert lan_part_time.shortfalls == ["training.intermediate.min_education"]  # 28: old enough
    # before evaluations decided it, and two years later, the good standing does not count
    assert not world.queries.intermediate_eligibility(cadre_an, date(2026, 1, 10)).eligible
    assert world.queries.intermediate_eligibility(cadre_an, date(2027, 3, 2)).shortfalls == [
        "training.intermediate.good_standing_years"]
    world.personnel.runner.rebuild()  # the view of evaluations rebuilds from their log
    assert world.queries.intermediate_eligibility(cadre_an, date(2026, 3, 2)).eligible


def test_gaps_per_post_name_the_holders_and_planned_below_and_the_subtree_counts_them(world):
    head = world.post("Trưởng Ban Tổ chức Tỉnh ủy", 90)  # a province post: cao cấp
    commune_post = world.run(c.RegisterPost("Chủ tịch UBND xã", "government", "commune",
                                            world.commune, world.province, 40))["post_id"]
    holder = file(world, "intermediate", "bachelor", person=("Đỗ Văn Hải", date(1975, 1, 1),
                                                             "male"))
    planned = file(world, "elementary", "bachelor", person=("Vũ Thị Hà", date(1988, 1, 1),
                                                            "female"))
    ready = file(world, "bachelor", "master", person=("Ngô Văn Tú", date(1984, 1, 1), "male"))
    world.run(c.AppointCadre(holder, head, date(2025, 1, 1), external=True,
                             decision=decided(date(2024, 12, 1))))
    world.plan(head, planned)
    world.plan(head, ready)
    world.plan(commune_post, planned)
    world.personnel.settle()

    gaps = {g.post.id: g for g in world.queries.theory_gaps(world.province, date(2026, 3, 2))}
    province = gaps[head]
    assert (province.required, province.holders, province.planned) == ("advanced", 1, 2)
    assert [(g.cadre.full_name, g.political_theory, g.holds, g.cycles)
            for g in province.gaps] == [("Đỗ Văn Hải", "intermediate", True, []),
                                        ("Vũ Thị Hà", "elementary", False, ["2030-2035"])]
    assert gaps[commune_post].required == "intermediate"
    assert [g.cadre.id for g in gaps[commune_post].gaps] == [planned]

    subtree = world.queries.theory_gaps_in_subtree(world.commune, date(2026, 3, 2))
    assert [(s.post.id, s.holders, s.holders_below, s.planned, s.planned_below)
            for s in subtree] == [(commune_post, 0, 0, 1, 1)]
    whole = {s.post.id: s for s in world.queries.theory_gaps_in_subtree(world.province,
                                                                        date(2026, 3, 2))}
    assert (whole[head].holders_below, whole[head].planned_below) == (1, 1)
    # after the term ends the holder no longer counts
    later = world.queries.theory_gaps(world.province, date(2030, 6, 1))
    assert [g.holders for g in later if g.post.id == head] == [0]


def test_through_graphql_only_the_managing_commission_sees_gaps_and_the_eligibility_is_a_read(
        world, gateway):
    an = young_member(world, "Lê Văn An", date(1990, 6, 1))
    cadre = file(world, "elementary", "college", member=an)
    good_standing(world, an, (2024, 2025), date(2026, 1, 15))
    world.post("Phó Chủ tịch UBND tỉnh", 80)
    eligibility = """query($id: ID!) { intermediateTheoryEligibility(cadreId: $id,
      purpose: "Cử đi học trung cấp", partTime: true) { eligible shortfalls goodStandingYears
      cadre { fullName } } }"""
    answer = gateway(eligibility, {"id": cadre}, world.province)
    assert answer["data"]["intermediateTheoryEligibility"] == {
        "eligible": True, "shortfalls": [], "goodStandingYears": [2024, 2025],
        "cadre": {"fullName": "Lê Văn An"}}
    reads = world.queries.file_reads(world.province, date(2026, 1, 1), date(2026, 12, 31))
    assert [(r.cadre_id, r.purpose) for r in reads] == [(cadre, "Cử đi học trung cấp")]

    gaps = """query($c: ID!) { theoryGaps(committeeId: $c) { required post { title }
      gaps { cadre { fullName } } } }"""
    assert gateway(gaps, {"c": world.province}, world.province)["data"]["theoryGaps"] == [
        {"required": "advanced", "post": {"title": "Phó Chủ tịch UBND tỉnh"}, "gaps": []}]
    subtree = """query($o: ID!) { theoryGapsInSubtree(organisationId: $o) { holdersBelow } }"""
    assert gateway(subtree, {"o": world.province}, world.province)["data"][
        "theoryGapsInSubtree"] == [{"holdersBelow": 0}]

    for org, roles, organ in ((world.commune, (ORGANISATION_COMMISSION,), None),
                              (world.province, ("viewer",), None),
                              (world.branch, (ORGANISATION_COMMISSION,), None),
                              (world.province, (ORGANISATION_COMMISSION,),
                               "inspection_committee")):
        for query, variables in ((eligibility, {"id": cadre}), (gaps, {"c": world.province}),
                                 (subtree, {"o": world.province})):
            body = gateway(query, variables, org, roles=roles, organ=organ)
            assert body["data"] is None or not any(body["data"].values()), (org, roles, body)
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
    assert len(world.queries.file_reads(world.province, date(2026, 1, 1),
                                        date(2026, 12, 31))) == 1  # refusals read nothing
