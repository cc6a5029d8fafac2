"""The province deployments a federation serves, and how it talks to each: one HTTP client per
province (its gateway's URL, or in-process: the province gateway's ASGI app, the embedded mode),
a timeout per request and a circuit breaker.

    ProvinceDeployment("NB", "Ninh Bình", url="http://127.0.0.1:8000")
    ProvinceDeployment("HN", "Hà Nội", app=create_app(...))   # in-process, same code path
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import httpx
from prometheus_client import Histogram

from .breaker import CircuitBreaker

DEFAULT_TIMEOUT = 3.0  # seconds; the gateways the notes cite ship 2–4 s
PROVINCE_DURATION = Histogram("partyorg_federation_province_request_duration_seconds",
                              "One province's answer to the federation", ["province"])


@dataclass(frozen=True)
class ProvinceDeployment:
    code: str  # the prefix of its global ids: "NB:<id>"
    name: str
    url: str | None = None  # its gateway's base URL (…/graphql and …/healthz below it)
    app: Any = None  # or its gateway's ASGI app, served in this process

    def __post_init__(self) -> None:
        if (self.url is None) == (self.app is None):
            raise ValueError(f"province {self.code}: give either url or app")
        if not self.code.isalnum() or ":" in self.code:
            raise ValueError(f"province code {self.code!r}: letters and digits only")


class ProvinceUnavailable(Exception):
    """The province did not answer usably: down, too slow, broken, or its breaker is open."""

    def __init__(self, province: str, reason: str, code: str = "PROVINCE_UNAVAILABLE") -> None:
        super().__init__(f"province {province}: {reason}")
        self.province, self.reason, self.code = province, reason, code


class Province:
    def __init__(self, deployment: ProvinceDeployment, *, timeout: float = DEFAULT_TIMEOUT,
                 breaker: CircuitBreaker | None = None) -> None:
        self.deployment = deployment
        self.code, self.name = deployment.code, deployment.name
        self.timeout = timeout
        self.breaker = breaker or CircuitBreaker(deployment.code)
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        """One client (its connection pool) per event loop: made on first use in a loop."""
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            d = self.deployment
            transport = (httpx.ASGITransport(app=d.app) if d.app is not None
                         else httpx.AsyncHTTPTransport(retries=0))
            self._client = httpx.AsyncClient(
                transport=transport, base_url=(d.url or f"http://{d.code.lower()}.province"),
                limits=httpx.Limits(max_connections=64, max_keepalive_connections=64),
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 1.0)))
            self._loop = loop
        return self._client

    async def graphql(self, body: dict[str, Any], token: str) -> dict[str, Any]:
        """The province's GraphQL answer to `body` ({"data", "errors"}); ProvinceUnavailable
        when it cannot be had. A refusal of the token is an answer, not a failure."""
        if not self.breaker.allow():
            raise ProvinceUnavailable(
                self.code, f"circuit open after repeated failures; retried in "
                f"{self.breaker.retry_in():.0f} s", "PROVINCE_CIRCUIT_OPEN")
        started = time.perf_counter()
        try:
            response = await asyncio.wait_for(self.client.post(
                "/graphql", json=body, headers={"Authorization": f"Bearer {token}"}),
                self.timeout)
        except (TimeoutError, httpx.TimeoutException):
            self.breaker.failed()
            raise ProvinceUnavailable(self.code, f"no answer within {self.timeout:g} s",
                                      "PROVINCE_TIMEOUT") from None
        except (httpx.HTTPError, OSError) as exc:
            self.breaker.failed()
            raise ProvinceUnavailable(self.code, f"unreachable ({type(exc).__name__})") from None
        finally:
            PROVINCE_DURATION.labels(self.code).observe(time.perf_counter() - started)
        if response.status_code >= 500:
            self.breaker.failed()
            raise ProvinceUnavailable(self.code, f"answered HTTP {response.status_code}")
        self.breaker.succeeded()
        try:
            answer = response.json()
        except ValueError:
            raise ProvinceUnavailable(self.code, "answered something that is not JSON") from None
        if response.status_code == 401:
            raise ProvinceUnavailable(self.code, "refused the token", "UNAUTHENTICATED")
        return answer

    async def health(self) -> dict[str, Any]:
        """Its /healthz (status, read-model lag, schema version); ProvinceUnavailable when none."""
        try:
            response = await asyncio.wait_for(self.client.get("/healthz"), self.timeout)
        except (TimeoutError, httpx.HTTPError, OSError) as exc:
            raise ProvinceUnavailable(self.code, f"no health ({type(exc).__name__})") from None
        body = response.json() if response.headers.get("content-type", "").startswith(
            "application/json") else {}
        return {"httpStatus": response.status_code, **body}

    async def close(self) -> None:
        if self._client is not None and self._loop is asyncio.get_running_loop():
            await self._client.aclose()
        self._client = None
