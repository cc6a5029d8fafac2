"""The gateway's POST query path: a kept answer, else a query process, else strawberry's view.

A POST whose body is one GraphQL query is answered from the answer cache (answers.py) while the
read models have not moved since it was kept; otherwise, when another query is running and
every write before the request is applied, by a query process (query_processes.py), which
gets the body before the view here reads it; otherwise by the view, as every other request is.
`QueryRouting` sits before strawberry's view in the server's class (server.py), so `super()`
here is that view.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send
from strawberry.http.parse_content_type import parse_content_type

from kit.metrics import GRAPHQL_DURATION, GRAPHQL_EXECUTED

from .query_processes import Answered
from .telemetry import operation_label


class QueryRouting:
    """Needs, from the view it is mixed into: `answers`, `processes`, `executor`,
    `in_process`, `query_names` and `running` (server.AuthenticatedGraphQL sets them)."""

    answers: Any
    processes: Any
    executor: Any
    in_process: Any
    query_names: Any
    running: int

    async def _query(self, scope: Scope, receive: Receive, send: Send, request: Request,
                     claims: Any) -> None:
        """A query answered from the kept answers when the read models have not moved since;
        otherwise executed, by a query process when it may be, and its answer kept."""
        answers = self.answers
        start = time.perf_counter()
        body = await request.body()
        name = self.query_names(body)
        if name is None:  # a mutation, or not a query we can tell: executed, never kept
            await super().__call__(scope, _replay(body, receive), send)
            return
        key = (body, claims)
        version = None
        if answers is not None:
            try:
                version = answers.versions(False)
                if version is None:  # writes still being applied: wait for them off the loop
                    version = await asyncio.get_running_loop().run_in_executor(
                        self.executor, answers.versions, True)
            except Exception:  # e.g. the read models not caught up in time: the executed
                # query answers that as a GraphQL error, the way it would without the cache
                await super().__call__(scope, _replay(body, receive), send)
                return
            kept = answers.lookup(key, version)
            if kept is not None:
                await Response(kept.body, media_type="application/json")(scope, receive, send)
                GRAPHQL_DURATION.labels(operation_label(name)).observe(
                    time.perf_counter() - start)
                return
        answered = await self._elsewhere(request, body, claims, scope["state"])
        if answered is not None:
            await Response(answered.body, media_type="application/json")(scope, receive, send)
            if answers is not None and answered.without_errors:
                answers.keep(key, version, answered.body)
            return
        if answers is None:
            await super().__call__(scope, _replay(body, receive), send)
            return
        status, chunks = 0, []

        async def keep_a_copy(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await super().__call__(scope, _replay(body, receive), keep_a_copy)
        if status == 200 and scope["state"].get("answered_without_errors"):
            answers.keep(key, version, b"".join(chunks))

    async def _elsewhere(self, request: Request, body: bytes, claims: Any,
                         state: dict[str, Any]) -> Answered | None:
        """The query's answer from a query process, or None: it is executed here. It goes
        there as the request's body, before strawberry's view reads it here, so this process
        spends on it little more than on a kept answer. Only a plain JSON query whose earlier
        writes are all applied goes (the view here answers anything else as it always has)."""
        processes = self.processes
        if processes is None or self.in_process is None or self.in_process(False) is None:
            return None
        content_type, _ = parse_content_type(request.headers.get("content-type", ""))
        if "application/json" not in content_type or \
                self._get_stream_transport_from_headers(request.headers) is not None:
            return None
        self.running += 1
        try:
            if self.running == 1 and processes.side.alone_here:
                return None  # alone, it runs here: the handoff would only add its latency
            answered = await processes.execute((body, claims, state.get("correlation_id", "")))
        finally:
            self.running -= 1
        if answered is not None:
            GRAPHQL_EXECUTED.labels("query_process").inc()
        return answered


def _replay(body: bytes, receive: Receive) -> Receive:
    """The request's body again, for a view that reads it after we did; then the connection."""
    replayed = False

    async def again() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again
