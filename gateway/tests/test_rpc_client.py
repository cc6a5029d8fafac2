"""RpcClient without a broker: it fails fast and says so; the gateway reports itself unhealthy.

Calls against the real RabbitMQ and the membership service process are in tests/distributed/.
"""

from __future__ import annotations

import time
import warnings
from datetime import date

import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

from gateway.clients.rpc import RpcClient, ServiceUnavailable
from gateway.server import create_app
from kit.envelope import CommandContext
from kit.testing.ports import free_port
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c

from .conftest import KEY


@pytest.fixture
def nowhere() -> RpcClient:
    """A client of a broker address where nothing listens."""
    port = free_port()
    membership = RpcClient.of(MEMBERSHIP, f"amqp://guest:guest@127.0.0.1:{port}/", "NB", timeout=30)
    yield membership
    membership.close()


def test_a_call_without_a_broker_fails_fast_as_unavailable(nowhere):
    started = time.monotonic()

    with pytest.raises(ServiceUnavailable, match="RabbitMQ"):
        nowhere.service.execute(c.CreateOrganisation("Đảng bộ tỉnh", "provincial_committee", None,
                                                     date(2025, 7, 1)),
                                CommandContext("4b0e0e55-3f39-4d55-9c43-3a8c0b4f6f1e", "NB"))

    assert time.monotonic() - started < 5  # refused at once, not waited out for 30 s


def test_only_the_queries_served_over_rpc_exist_on_the_client(nowhere):
    with pytest.raises(AttributeError, match="members_on_rolls"):
        nowhere.queries.members_on_rolls("x")


def test_the_gateway_says_unavailable_when_membership_cannot_be_reached(nowhere):
    with TestClient(create_app({"membership": nowhere}, KEY)) as client:
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "province": "NB"}
