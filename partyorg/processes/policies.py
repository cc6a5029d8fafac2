"""A service's policies (ServiceDeclaration.policies) in the distributed topology: run by its
projection worker after each batch it applied, on a command side of its own (the service's
store, sealed, and its read models), so the commands they issue are appended like any other and
reach the read models through the relay. Each is idempotent by the command id it derives from
its fact: a redelivered batch, a restarted worker or a second run proposes nothing twice."""

from __future__ import annotations

import logging
from typing import Any

from kit.clock import SystemClock
from kit.declaration import ServiceDeclaration
from partyorg.distributed import Settings, build_command_side

log = logging.getLogger("partyorg.processes.policies")


class Policies:
    """The declaration's policies, on a command side built the first time they run."""

    def __init__(self, declaration: ServiceDeclaration, settings: Settings) -> None:
        self.declaration, self.settings = declaration, settings
        self.clock = SystemClock()
        self.side: Any = None

    def __call__(self) -> None:
        if self.side is None:
            self.side = build_command_side(self.declaration, self.settings, self.clock)
        for policy in self.declaration.policies:
            try:
                policy(self.side.service, self.side.queries, self.settings.province, self.clock)
            except Exception:  # the next batch runs it again: its commands are idempotent
                log.exception("policy failed", extra={"policy": policy.__name__})

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


def with_policies(declaration: ServiceDeclaration, settings: Settings, worker: Any) -> Any:
    """The worker, given the declaration's policies to run after its batches (none: as is)."""
    worker.after_batch = Policies(declaration, settings) if declaration.policies else None
    return worker
