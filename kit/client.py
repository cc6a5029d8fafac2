"""What a caller holds of a service, wherever the service runs.

The embedded default (`partyorg.embedded.EmbeddedService`) and the RPC client
(`gateway.clients.rpc.RpcClient`) both give this shape, so the gateway, the CLI and tests are
written once against it. `Q` is the service's published queries protocol (its `api` module).
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, runtime_checkable

from kit.commanding import CommandResult
from kit.envelope import CommandContext

Q = TypeVar("Q", covariant=True)


class ServiceUnavailable(RuntimeError):
    """No answer from a service: broker down, service not running, or too slow. A command sent
    may still be applied later (it can wait in the service's queue): retry it with the same
    command id. `service` names the one that did not answer."""

    service = ""


@runtime_checkable
class ApplicationService(Protocol):
    """Runs one command: a CommandResult, or a typed DomainError with nothing appended."""

    def execute(self, command: Any, context: CommandContext,
                acting_for: str | None = None) -> CommandResult: ...


@runtime_checkable
class ServiceClient(Protocol[Q]):
    """A service in this process or behind RPC: its commands, its queries, its province and
    how far its read models lag its log."""

    @property
    def province(self) -> str: ...

    @property
    def service(self) -> ApplicationService: ...

    @property
    def queries(self) -> Q: ...

    def health(self) -> dict[str, Any]:
        """{"storeHead": int, "projectionsBehind": {source: events behind}}."""
        ...
