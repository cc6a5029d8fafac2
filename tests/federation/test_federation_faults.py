"""Province gateways over real HTTP: one stopped mid-test, one too slow, a breaker that opens
and half-opens. The healthy province's data always comes back, beside an error naming the
other (extensions.province) and the path it left empty."""

from __future__ import annotations

import asyncio
import time

import httpx
from prometheus_client import REGISTRY

from federation.server import create_app
from partyorg.federated import http_federation

from .conftest import ask
from .serving import Served, Slow

QUERY = """{ organisationTree { organisation { id name } subtreeCounts { onRolls } }
  federatedCounts { total { onRolls } byProvince { province counts { onRolls } } } }"""


def state(province: str) -> float | None:
    return REGISTRY.get_sample_value("partyorg_federation_breaker_state", {"province": province})


def nb_only(answer: dict, world) -> None:
    data = answer["data"]
    assert data["organisationTree"]["organisation"]["id"] == f"NB:{world.nb_root}"
    assert [p["province"] for p in data["federatedCounts"]["byProvince"]] == ["NB"]
    assert data["federatedCounts"]["total"]["onRolls"] == \
        data["organisationTree"]["subtreeCounts"]["onRolls"] > 0


def test_a_province_stopped_mid_test_leaves_the_others_data_and_an_error_naming_it(world):
    nb, hue = Served(world.nb.app).start(), Served(world.hue.app).start()
    federation = http_federation([("NB", "Ninh Bình", nb.url), ("HUE", "Huế", hue.url)])
    token = world.tokens(world.nb, world.hue)
    try:
        both = ask(federation, QUERY, token)
        assert "errors" not in both
        assert len(both["data"]["federatedCounts"]["byProvince"]) == 2
        hue.stop()
        answer = ask(federation, QUERY, token)
        nb_only(answer, world)
        errors = {tuple(e["path"]): e["extensions"] for e in answer["errors"]}
        assert errors == {
            ("organisationTree",): {"code": "PROVINCE_UNAVAILABLE", "province": "HUE"},
            ("federatedCounts",): {"code": "PROVINCE_UNAVAILABLE", "province": "HUE"}}
    finally:
        nb.stop()
        hue.stop()


def test_a_province_killed_while_it_answers_leaves_the_others_data(world):
    nb, hue = Served(world.nb.app).start(), Served(Slow(world.hue.app, 1.5)).start()
    federation = http_federation([("NB", "Ninh Bình", nb.url), ("HUE", "Huế", hue.url)],
                                 timeout=5.0)
    token = world.tokens(world.nb, world.hue)

    async def kill_while_asking() -> dict:
        asking = asyncio.ensure_future(federation.execute(
            {"query": QUERY}, federation.credentials(f"Bearer {token}")))
        await asyncio.sleep(0.5)  # HUE holds the request now
        await asyncio.to_thread(hue.stop, kill=True)
        return await asking

    try:
        started = time.perf_counter()
        answer = asyncio.run(kill_while_asking())
        assert time.perf_counter() - started < 4  # not the 5 s timeout: the connection dropped
        nb_only(answer, world)
        assert {(e["extensions"]["province"], e["extensions"]["code"])
                for e in answer["errors"]} == {("HUE", "PROVINCE_UNAVAILABLE")}
    finally:
        nb.stop()
        hue.stop()


def test_a_slow_province_is_cut_off_at_its_timeout(world):
    nb, hue = Served(world.nb.app).start(), Served(Slow(world.hue.app, 2.0)).start()
    federation = http_federation([("NB", "Ninh Bình", nb.url), ("HUE", "Huế", hue.url)],
                                 timeout=0.5)
    try:
        started = time.perf_counter()
        answer = ask(federation, QUERY, world.tokens(world.nb, world.hue))
        took = time.perf_counter() - started
        nb_only(answer, world)
        assert {e["extensions"]["code"] for e in answer["errors"]} == {"PROVINCE_TIMEOUT"}
        assert {e["extensions"]["province"] for e in answer["errors"]} == {"HUE"}
        assert took < 1.5  # the slow province's 2 s are not waited for
    finally:
        nb.stop()
        hue.stop()


def test_the_breaker_opens_after_failures_and_half_opens_after_its_cooldown(world):
    nb, hue = Served(world.nb.app).start(), Served(world.hue.app).start()
    federation = http_federation([("NB", "Ninh Bình", nb.url), ("HUE", "Huế", hue.url)],
                                 breaker_threshold=2, breaker_cooldown=1.0)
    token = world.tokens(world.nb, world.hue)
    breaker = federation.provinces["HUE"].breaker
    try:
        assert "errors" not in ask(federation, QUERY, token)  # HUE's keys fetched while it is up
        hue.stop()
        for _ in range(2):
            codes = {e["extensions"]["code"] for e in ask(federation, QUERY, token)["errors"]}
            assert codes == {"PROVINCE_UNAVAILABLE"}
        assert breaker.state == "open" and state("HUE") == 1
        answer = ask(federation, QUERY, token)  # refused at once, nothing sent
        nb_only(answer, world)
        assert {e["extensions"]["code"] for e in answer["errors"]} == {"PROVINCE_CIRCUIT_OPEN"}
        rejected = REGISTRY.get_sample_value("partyorg_federation_province_requests_total",
                                             {"province": "HUE", "outcome": "rejected"})
        assert rejected and rejected >= 1
        hue = Served(world.hue.app, hue.port).start()  # back, on the same address
        time.sleep(1.1)
        assert breaker.allow() and breaker.state == "half_open" and state("HUE") == 2
        breaker._trial = False  # that look was the trial slot: give it back to the query
        answer = ask(federation, QUERY, token)
        assert "errors" not in answer
        assert breaker.state == "closed" and state("HUE") == 0
    finally:
        nb.stop()
        hue.stop()


def test_the_federation_serves_over_http(world):
    nb, hue = Served(world.nb.app).start(), Served(world.hue.app).start()
    federation = http_federation([("NB", "Ninh Bình", nb.url), ("HUE", "Huế", hue.url)])
    front = Served(create_app(federation)).start()
    try:
        with httpx.Client(base_url=front.url) as client:
            refused = client.post("/graphql", json={"query": "{ provinces { code } }"})
            assert refused.status_code == 401
            answer = client.post("/graphql", json={"query": QUERY}, headers={
                "Authorization": f"Bearer {world.tokens(world.nb, world.hue)}"}).json()
            assert "errors" not in answer
            by = answer["data"]["federatedCounts"]["byProvince"]
            assert [p["province"] for p in by] == ["NB", "HUE"]
            assert client.get("/healthz").json()["status"] == "ok"
            assert "partyorg_federation_breaker_state" in client.get("/metrics").text
    finally:
        front.stop()
        nb.stop()
        hue.stop()
        asyncio.run(federation.close())
