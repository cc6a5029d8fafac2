"""Both ways of holding a service, in this process (partyorg.embedded) or over RPC (RpcClient),
give the gateway the one shape kit.client.ServiceClient names: `.province`, `.service.execute`,
`.queries` answering the service's published queries protocol, and `.health()`."""

from __future__ import annotations

import inspect

import pytest

from gateway.clients.rpc import RpcClient
from kit.client import ApplicationService, ServiceClient
from kit.testing.ports import free_port
from partyorg.embedded import build_platform
from partyorg.services import SERVICES


@pytest.fixture
def embedded(tmp_path):
    platform = build_platform(tmp_path)
    yield platform.services
    platform.close()


@pytest.fixture
def remote():
    """Clients of a broker address where nothing listens: the shape needs no answer."""
    port = free_port()
    clients = {d.name: RpcClient.of(d, f"amqp://guest:guest@127.0.0.1:{port}/", "NB")
               for d in SERVICES}
    yield clients
    for client in clients.values():
        client.close()


def parameters(method) -> list[tuple[str, object]]:
    return [(p.name, p.default) for p in inspect.signature(method).parameters.values()]


@pytest.mark.parametrize("kind", ["embedded", "remote"])
def test_every_declared_service_is_held_as_a_service_client(kind, request):
    clients = request.getfixturevalue(kind)

    for declaration in SERVICES:
        client = clients[declaration.name]
        assert isinstance(client, ServiceClient)
        assert client.province == "NB"
        assert isinstance(client.service, ApplicationService)
        assert parameters(client.service.execute) == parameters(ApplicationService.execute)[1:]
        assert isinstance(client.queries, declaration.queries)  # every published query
        assert parameters(client.health) == []
