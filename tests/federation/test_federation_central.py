"""A central token (the central organisation commission's) through the federation: the
statistics of every province summed, each province's figures beside them, the provinces
verifying it with the central keys they trust; nothing personal; a province's token still
reads its own province only. Embedded and over real HTTP."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from federation.server import create_app
from gateway.auth import issue_central_token
from gateway.keys import KeySet
from partyorg.federated import ServedProvince, embedded_federation, http_federation

from .conftest import ask
from .serving import Served

CENTRAL = KeySet.generate()  # the central commission's key set
STATISTICS = """{
  federatedCounts { total { onRolls official probationary }
    byProvince { province organisationId counts { onRolls official probationary } } }
  federatedAttendance(from: "2025-12-01", to: "2026-11-20") { total { meetings expected present }
    byProvince { province organisationId attendance { meetings expected present } } }
  federatedLevelDistribution(fromYear: 2025, toYear: 2026) {
    total { year excellent good completed failed total goodOrBetterPercent }
    byProvince { province years { year excellent good completed failed total } } } }"""


def central_token() -> str:
    return issue_central_token(CENTRAL, user="ban-to-chuc-trung-uong")


@pytest.fixture(scope="module")
def trusting(world):
    """The same two deployments, their gateways trusting the central commission's keys."""
    return [ServedProvince(p.code, p.name, p.platform, p.key, central=CENTRAL)
            for p in (world.nb, world.hue)]


@pytest.fixture
def central_federation(trusting):
    return embedded_federation(trusting, central=CENTRAL, timeout=5.0)


def _summed(data: dict) -> None:
    """Every total is the sum of the provinces' figures beside it."""
    counts = data["federatedCounts"]
    for figure in counts["total"]:
        assert counts["total"][figure] == sum(p["counts"][figure] for p in counts["byProvince"])
    attendance = data["federatedAttendance"]
    for figure in attendance["total"]:
        assert attendance["total"][figure] == sum(p["attendance"][figure]
                                                  for p in attendance["byProvince"])
    levels = data["federatedLevelDistribution"]
    assert [y["year"] for y in levels["total"]] == [2025, 2026]
    for i, year in enumerate(levels["total"]):
        for figure in ("excellent", "good", "completed", "failed", "total"):
            assert year[figure] == sum(p["years"][i][figure] for p in levels["byProvince"])


def test_a_central_token_alone_reads_every_provinces_statistics_summed(world,
                                                                       central_federation):
    answer = ask(central_federation, STATISTICS, central_token())

    assert "errors" not in answer, answer
    data = answer["data"]
    _summed(data)
    for field, inner in (("federatedCounts", "counts"), ("federatedAttendance", "attendance")):
        assert [(p["province"], p["organisationId"]) for p in data[field]["byProvince"]] == [
            ("NB", f"NB:{world.nb_root}"), ("HUE", f"HUE:{world.hue_root}")], inner
    assert [p["province"] for p in data["federatedLevelDistribution"]["byProvince"]] == [
        "NB", "HUE"]
    assert data["federatedCounts"]["total"]["onRolls"] > 0


def test_the_central_figures_are_each_provinces_as_its_root_token_reads_them(
        world, central_federation):
    central = ask(central_federation, STATISTICS, central_token())["data"]
    own = ask(central_federation, STATISTICS, world.tokens(world.nb, world.hue))

    assert "errors" not in own, own
    assert central == own["data"]


def test_a_central_token_beside_one_provinces_token_fills_in_the_others_statistics(
        world, central_federation):
    nb = world.nb.token(world.nb_root, user="auditor")
    answer = ask(central_federation, "{ federatedCounts { byProvince { province counts "
                                     "{ onRolls } } } members(organisationId: \"*\", first: 1) "
                                     "{ edges { node { id } } } }", f"{nb},{central_token()}")

    assert [p["province"] for p in answer["data"]["federatedCounts"]["byProvince"]] == [
        "NB", "HUE"]
    # the records: NB's with its own token; HUE's are not read with the central one
    assert [e["node"]["id"][:3] for e in answer["data"]["members"]["edges"]] == ["NB:"]
    assert [(e["path"], e["extensions"]["code"], e["extensions"].get("province"))
            for e in answer["errors"]] == [(["members"], "UNAUTHENTICATED", "HUE")]


@pytest.mark.parametrize("query", [
    '{ members(organisationId: "*") { edges { node { fullName } } } }',
    '{ citizenIdSearch(citizenId: "037060000001") { matchCount } }',
    '{ organisationTree { subtreeCounts { onRolls } } }',
])
def test_a_central_token_reads_no_provinces_records_through_the_federation(
        central_federation, query):
    answer = ask(central_federation, query, central_token())
    (field,) = answer["data"]
    # the search itself is answered (and audited) with no province searched
    assert answer["data"][field] in (None, {"matchCount": 0})
    assert {e["extensions"]["code"] for e in answer["errors"]} <= {"FORBIDDEN",
                                                                   "UNAUTHENTICATED"}


def test_a_provinces_token_still_reads_its_own_province_only(world, central_federation):
    answer = ask(central_federation, STATISTICS, world.tokens(world.hue))

    assert answer["data"]["federatedCounts"]["byProvince"][0]["province"] == "HUE"
    assert len(answer["data"]["federatedCounts"]["byProvince"]) == 1
    assert {(e["extensions"]["code"], e["extensions"]["province"]) for e in answer["errors"]} \
        == {("UNAUTHENTICATED", "NB")}


def test_organisations_classifications_are_summed_too(central_federation):
    query = """{ federatedLevelDistribution(fromYear: 2026, toYear: 2026, subjectKind: ORGANISATION)
        { total { year total } byProvince { province years { total } } } }"""
    answer = ask(central_federation, query, central_token())

    assert "errors" not in answer, answer
    levels = answer["data"]["federatedLevelDistribution"]
    assert levels["total"][0]["total"] == sum(p["years"][0]["total"]
                                              for p in levels["byProvince"])


def test_provinces_that_do_not_trust_the_central_keys_refuse_it_each(world):
    federation = embedded_federation([world.nb, world.hue], central=CENTRAL, timeout=5.0)
    answer = ask(federation, "{ federatedCounts { total { onRolls } } }", central_token())

    assert answer["data"]["federatedCounts"]["total"]["onRolls"] == 0
    assert {(e["extensions"]["province"], e["extensions"]["code"]) for e in answer["errors"]} \
        == {("NB", "UNAUTHENTICATED"), ("HUE", "UNAUTHENTICATED")}


def test_the_federation_sums_a_central_tokens_statistics_over_http(world, trusting):
    nb, hue = Served(trusting[0].app).start(), Served(trusting[1].app).start()
    federation = http_federation([("NB", "Ninh Bình", nb.url), ("HUE", "Huế", hue.url)],
                                 issuers={"NB": world.nb.key, "HUE": world.hue.key,
                                          "central": CENTRAL})
    front = Served(create_app(federation)).start()
    try:
        with httpx.Client(base_url=front.url, timeout=30) as client:
            answer = client.post("/graphql", json={"query": STATISTICS}, headers={
                "Authorization": f"Bearer {central_token()}"}).json()
            records = client.post("/graphql", json={"query": '{ member(id: "NB:x") { id } }'},
                                  headers={"Authorization": f"Bearer {central_token()}"}).json()
    finally:
        front.stop()
        nb.stop()
        hue.stop()
        asyncio.run(federation.close())
    assert "errors" not in answer, answer
    _summed(answer["data"])
    assert answer["data"]["federatedCounts"]["total"]["onRolls"] > 0
    assert records["data"] == {"member": None}
    assert records["errors"][0]["extensions"]["code"] == "FORBIDDEN"
