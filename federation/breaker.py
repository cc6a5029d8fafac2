"""A circuit breaker per province: closed (requests go), open (refused at once for `cooldown`
seconds after `threshold` failures in a row), half-open (one trial request; its success closes
the breaker, its failure opens it again). State and counts are Prometheus metrics."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from prometheus_client import Counter, Gauge

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"
STATE_VALUE = {CLOSED: 0, OPEN: 1, HALF_OPEN: 2}

BREAKER_STATE = Gauge("partyorg_federation_breaker_state",
                      "A province's circuit breaker: 0 closed, 1 open, 2 half-open", ["province"])
BREAKER_TRANSITIONS = Counter("partyorg_federation_breaker_transitions_total",
                              "Breaker state changes, by the state entered", ["province", "state"])
PROVINCE_REQUESTS = Counter(
    "partyorg_federation_province_requests_total",
    "Requests to a province: ok, error (it failed or timed out), rejected (breaker open)",
    ["province", "outcome"])


class CircuitBreaker:
    def __init__(self, province: str, *, threshold: int = 3, cooldown: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.province = province
        self.threshold, self.cooldown, self.clock = threshold, cooldown, clock
        self.state = CLOSED
        self.failures = 0  # in a row
        self.opened_at = 0.0
        self._trial = False  # a half-open trial is under way
        self._lock = threading.Lock()
        BREAKER_STATE.labels(province).set(0)

    def allow(self) -> bool:
        """May a request go now? Counted as rejected when not."""
        with self._lock:
            if self.state == OPEN and self.clock() - self.opened_at >= self.cooldown:
                self._enter(HALF_OPEN)
            if self.state == CLOSED or (self.state == HALF_OPEN and not self._trial):
                self._trial = self.state == HALF_OPEN
                return True
        PROVINCE_REQUESTS.labels(self.province, "rejected").inc()
        return False

    def succeeded(self) -> None:
        PROVINCE_REQUESTS.labels(self.province, "ok").inc()
        with self._lock:
            self.failures, self._trial = 0, False
            if self.state != CLOSED:
                self._enter(CLOSED)

    def failed(self) -> None:
        PROVINCE_REQUESTS.labels(self.province, "error").inc()
        with self._lock:
            self.failures += 1
            self._trial = False
            if self.state == HALF_OPEN or self.failures >= self.threshold:
                self.opened_at = self.clock()
                if self.state != OPEN:
                    self._enter(OPEN)

    def retry_in(self) -> float:
        return max(0.0, self.cooldown - (self.clock() - self.opened_at))

    def _enter(self, state: str) -> None:
        self.state = state
        BREAKER_STATE.labels(self.province).set(STATE_VALUE[state])
        BREAKER_TRANSITIONS.labels(self.province, state).inc()
