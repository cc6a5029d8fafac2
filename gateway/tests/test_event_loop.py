"""A slow backend call holds up only its own request: operations that may block run off the
event loop (a query over read models in this process runs on it only when it has nothing to
wait for: gateway/loop_turns.py).

The backend is the real embedded membership with one query held until the test releases it, as
a slow RPC would hold it, or with its read models behind. Requests go through the ASGI app on one
event loop, as under uvicorn.
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import date

import httpx

from gateway.auth import ORGANISATION_COMMISSION, issue_token
from gateway.server import create_app
from services.membership.domain import commands as c

from .conftest import KEY

SLOW_TREE = "query Slow { organisationTree { organisation { name } } }"
TRIVIAL = "query Who { viewer { userId } }"


class HeldQueries:
    """The embedded queries; organisation_tree waits for `release` (at most 5 s)."""

    def __init__(self, queries) -> None:
        self._queries = queries
        self.entered = threading.Event()
        self.release = threading.Event()

    def organisation_tree(self, *args, **kwargs):
        self.entered.set()
        self.release.wait(5)
        return self._queries.organisation_tree(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._queries, name)


class SlowMembership:
    def __init__(self, embedded) -> None:
        self.province = embedded.province
        self.service = embedded.service
        self.store = embedded.store
        self.runner = embedded.runner
        self.queries = HeldQueries(embedded.queries)
        self.health = embedded.health


def test_healthz_and_other_queries_answer_while_a_slow_backend_call_is_pending(province):
    membership = SlowMembership(province.membership)
    app = create_app({"membership": membership}, KEY)
    token = issue_token(KEY, user="tester", roles=[ORGANISATION_COMMISSION],
                        org=province.commune_a, province="NB")
    headers = {"Authorization": f"Bearer {token}"}

    async def scenario() -> tuple[float, float, dict]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            slow = asyncio.create_task(client.post("/graphql", json={"query": SLOW_TREE},
                                                   headers=headers))
            while not membership.queries.entered.is_set():  # the slow call is now in progress
                await asyncio.sleep(0.005)
            started = time.monotonic()
            health = await client.get("/healthz")
            trivial = await client.post("/graphql", json={"query": TRIVIAL}, headers=headers)
            answered_in = time.monotonic() - started
            assert not slow.done(), "the slow request finished before the others were served"
            assert health.status_code == 200 and health.json()["status"] == "ok"
            assert trivial.json()["data"]["viewer"]["userId"] == "tester"
            membership.queries.release.set()
            body = (await slow).json()
            return answered_in, time.monotonic() - started, body

    answered_in, slow_done_in, body = asyncio.run(scenario())

    assert answered_in < 1.0
    assert body["data"]["organisationTree"]["organisation"]["name"] == "Đảng bộ xã Yên Mô"
    assert slow_done_in >= answered_in


def test_a_query_waiting_for_its_read_models_to_catch_up_waits_off_the_event_loop(province):
    app = create_app({"membership": province.membership}, KEY)
    token = issue_token(KEY, user="tester", roles=[ORGANISATION_COMMISSION],
                        org=province.commune_a, province="NB")
    held = threading.Event()
    release = threading.Event()

    def hold_the_read_models() -> None:  # the catch-up cannot write until released
        with province.membership.read_db.transaction():
            held.set()
            release.wait(5)

    async def scenario() -> tuple[float, float, dict]:
        holder = threading.Thread(target=hold_the_read_models)
        holder.start()
        held.wait(5)
        province.system(c.RenameOrganisation(  # a write the read models now owe
            province.commune_a, "Đảng bộ xã Yên Mô mới", date(2025, 8, 1)))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            started = time.monotonic()
            waiting = asyncio.create_task(client.post(
                "/graphql", json={"query": SLOW_TREE},
                headers={"Authorization": f"Bearer {token}"}))
            await asyncio.sleep(0.2)  # it is waiting for the catch-up by now
            health = await client.get("/healthz")
            answered_in = time.monotonic() - started
            assert health.status_code == 200 and not waiting.done()
            release.set()
            body = (await waiting).json()
            holder.join()
            return answered_in, time.monotonic() - started, body

    answered_in, waited, body = asyncio.run(scenario())
    assert answered_in < 1.0
    assert waited >= answered_in
    assert body["data"]["organisationTree"]["organisation"]["name"] == "Đảng bộ xã Yên Mô mới"
