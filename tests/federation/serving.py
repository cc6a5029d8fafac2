"""A real HTTP server for an ASGI app on a thread of its own, stoppable mid-test."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import uvicorn

from kit.testing.ports import free_port


class Served:
    def __init__(self, app: Any, port: int | None = None) -> None:
        self.app, self.port = app, port or free_port()
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Served:
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_config=None,
                                lifespan="off", access_log=False)
        self.server = server = uvicorn.Server(config)
        self.thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"no server on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self, *, kill: bool = False) -> None:
        """Shut the server down; `kill`: without waiting for the requests in flight."""
        if self.server is not None:
            self.server.should_exit = True
            self.server.force_exit = kill
        if self.thread is not None:
            self.thread.join(10)


class Slow:
    """A province gateway that answers GraphQL `delay` seconds late (its health at once)."""

    def __init__(self, app: Any, delay: float) -> None:
        self.app, self.delay = app, delay

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/graphql":
            await asyncio.sleep(self.delay)
        await self.app(scope, receive, send)
