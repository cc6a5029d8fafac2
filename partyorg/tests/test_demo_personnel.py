"""The seeded province's cadre work (demo/personnel_seeder.py), read back through the personnel
service's published queries: every 2030–2035 plan within QĐ 377's three a post and each cadre
in at most three, the province's structure on target and one commune's short of it, the
Trưởng Ban Tổ chức's term in the work queue on the demo's today, the chair of a commune merged
away without a post, two deputy secretaries rotated, and the commune congress approved."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from starlette.testclient import TestClient

from demo import DEMO_TODAY
from gateway.auth import load_or_create_key
from gateway.server import create_app
from kit.clock import FixedClock
from partyorg import demo_banner, demo_data
from partyorg.embedded import build_platform


@pytest.fixture(scope="module")
def platform(demo):
    opened = build_platform(demo.data, demo_data.PROVINCE)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def personnel(platform):
    return platform.personnel.queries


@pytest.fixture(scope="module")
def facts(demo):
    return demo.marker["personnel"]


def committees(facts) -> list[str]:
    return [facts["province_id"], facts["short_commune_id"]]


def test_the_posts_of_the_province_and_of_the_merged_communes_are_catalogued(
        personnel, facts):
    titles = {p.title for p in personnel.posts(facts["province_id"])}
    assert {"Bí thư Tỉnh ủy Ninh Bình", "Trưởng Ban Tổ chức Tỉnh ủy Ninh Bình",
            "Bí thư Đảng ủy xã Yên Mô", "Chủ tịch UBND phường Yên Thắng"} <= titles
    own = {p.title for p in personnel.posts(facts["short_commune_id"])}
    assert own and all("UBKT" in t or "Xây dựng Đảng" in t or "UBMTTQ" in t for t in own)


def test_every_2030_plan_is_within_three_a_post_and_three_posts_a_cadre(personnel, facts):
    posts_of: Counter = Counter()
    for committee in committees(facts):
        plans = personnel.plan_fullness(committee, "2030-2035", DEMO_TODAY)
        assert all(p.places == 3 and len(p.cadres) <= 3 for p in plans)
        assert sum(len(p.cadres) >= 2 for p in plans) >= 3
        assert {p.rule_version for p in plans} == {"QD377-2025"}
        posts_of.update(c.id for p in plans for c in p.cadres)
    assert max(posts_of.values()) <= 3


def test_the_province_meets_the_structure_targets_and_one_commune_falls_short(personnel, facts):
    province = personnel.plan_structure(facts["province_id"], "2030-2035", DEMO_TODAY)
    assert province.cadres > 0 and province.warnings == []
    assert province.young * 100 >= 15 * province.cadres
    assert province.women * 100 >= 25 * province.cadres
    short = personnel.plan_structure(facts["short_commune_id"], "2030-2035", DEMO_TODAY)
    assert short.cadres > 0 and short.warnings


def test_the_term_expiring_within_90_working_days_is_in_the_work_queue(personnel, facts):
    queue = personnel.work_queue(facts["province_id"], DEMO_TODAY)
    [notice] = [w for w in queue if w.kind == "term_expiry_notice"]
    assert notice.cadre.id == facts["expiring_cadre_id"]
    assert notice.post.id == facts["expiring_post_id"]
    assert notice.due_on <= DEMO_TODAY
    # a non-member's file: the identity is the file's own, sealed, and reads back
    assert notice.cadre.member_id is None and notice.cadre.full_name


def test_the_chair_of_a_commune_merged_away_has_no_post(personnel, facts):
    stranded = personnel.cadres_without_post(facts["province_id"], DEMO_TODAY)
    assert [s.cadre.id for s in stranded] == [facts["stranded_cadre_id"]]


def test_two_deputy_secretaries_were_rotated_into_each_others_post(personnel, facts):
    a, b = facts["rotated_cadre_ids"]
    title = {p.id: p.title for p in personnel.posts(facts["province_id"])}
    held = {cadre: [title[t.post_id] for t in personnel.cadre_file(cadre).terms
                    if t.starts_on <= DEMO_TODAY < t.ends_on] for cadre in (a, b)}
    assert all(len(titles) == 1 and titles[0].startswith("Phó Bí thư")
               for titles in held.values())
    assert held[a] != held[b]


def test_the_commune_congress_elected_its_committee_approved_by_the_province(personnel, facts):
    congress = personnel.congress(facts["congress_id"])
    [election] = congress.elections
    assert election.body == "committee" and election.approval is not None
    assert election.seats < len(election.candidates) <= election.seats * 1.3
    assert len(election.elected) == election.seats and not election.further_round_needed
    assert (congress.opens_on - congress.notice_on).days >= 42  # 30 working days and more


def test_the_banners_province_token_reads_the_personnel_query_it_shows(demo, tmp_path):
    """The Tỉnh ủy's organisation commission manages the posts the queue names: the banner's
    province token is the one to ask with."""
    clock = FixedClock()
    clock.set_today(DEMO_TODAY)
    platform = build_platform(demo.data, demo_data.PROVINCE, clock=clock)
    try:
        key = load_or_create_key(tmp_path / "signing.key")
        access = demo_banner.demo_access(platform.membership, key)
        query = demo_banner.personnel_query(access.root_id)
        assert query in demo_banner.banner(access, "127.0.0.1", 8000)
        client = TestClient(create_app(platform.services, key))
        response = client.post("/graphql", json={"query": query},
                               headers={"Authorization": f"Bearer {access.province_token}"})
        data = json.loads(response.content)["data"]
    finally:
        platform.close()
    [notice] = [w for w in data["personnelWorkQueue"] if "expiry" in w["kind"].lower()]
    assert notice["post"]["title"] == "Trưởng Ban Tổ chức Tỉnh ủy Ninh Bình"
    assert data["planStructure"]["cadres"] > 0 and data["planStructure"]["warnings"] == []
