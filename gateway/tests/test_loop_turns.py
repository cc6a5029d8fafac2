"""Queries run on the event loop take turns with it: one at a time, in arrival order, and the
loop's own work (accepting, reading, answering) goes on between any two of them."""

from __future__ import annotations

import asyncio
import contextvars

import pytest

from gateway.loop_turns import LoopTurns

CALLER = contextvars.ContextVar("caller", default="nobody")


def test_pieces_run_in_arrival_order_in_their_callers_context_and_hand_back_what_they_raise():
    turns = LoopTurns()
    ran: list[str] = []

    async def ask(name: str, fail: bool = False) -> str:
        CALLER.set(name)

        def piece() -> str:
            ran.append(CALLER.get())
            if fail:
                raise ValueError(f"{name} refused")
            return name.upper()

        return await turns.run(piece)

    async def scenario() -> list:
        return await asyncio.gather(ask("a"), ask("b", fail=True), ask("c"),
                                    return_exceptions=True)

    a, b, c = asyncio.run(scenario())
    assert ran == ["a", "b", "c"]
    assert (a, c) == ("A", "C")
    assert isinstance(b, ValueError) and str(b) == "b refused"


def test_the_loop_runs_its_own_callbacks_between_two_pieces():
    turns = LoopTurns()
    seen: list[str] = []

    async def scenario() -> None:
        loop = asyncio.get_running_loop()

        def first() -> None:
            seen.append("first")
            loop.call_soon(seen.append, "a socket's callback")  # e.g. a connection accepted

        await asyncio.gather(turns.run(first), turns.run(lambda: seen.append("second")))

    asyncio.run(scenario())
    assert seen == ["first", "a socket's callback", "second"]


def test_a_piece_whose_caller_went_away_is_not_run():
    turns = LoopTurns()
    ran: list[str] = []

    async def scenario() -> None:
        first = asyncio.ensure_future(turns.run(lambda: ran.append("first")))
        gone = asyncio.ensure_future(turns.run(lambda: ran.append("gone")))
        await asyncio.sleep(0)  # both queued
        gone.cancel()
        await first
        with pytest.raises(asyncio.CancelledError):
            await gone
        assert await turns.run(lambda: "later") == "later"

    asyncio.run(scenario())
    assert ran == ["first"]


def test_each_event_loop_keeps_its_own_turns():
    turns = LoopTurns()
    for n in range(3):  # a loop per asyncio.run, as each test client makes its own
        assert asyncio.run(turns.run(lambda n=n: n * 2)) == n * 2
