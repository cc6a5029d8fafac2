"""A command its service does not answer (down, restarting, RabbitMQ unreachable) is answered
CommandNotConfirmed, never an internal error, for every mutation of the schema; an answer given
before the read models applied the command says `visible: false`.

Here the services raise what their RpcClient raises when no answer comes; over the real
RabbitMQ and processes, see tests/distributed/test_unanswered_commands.py.
"""

from __future__ import annotations

import json
import uuid
import warnings
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
    from nameko.testing.services import worker_factory
    from starlette.testclient import TestClient

    from kit.nameko.rpc import Backend, service_class

from gateway.auth import ORGANISATION_COMMISSION, issue_token
from gateway.clients.rpc import RemoteQueries, RemoteService, unavailable_error
from gateway.server import create_app
from kit.envelope import CommandContext
from kit.nameko.wire import wire_of
from kit.projections.ports import STORE
from partyorg.embedded import build_service
from partyorg.services import SERVICES
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c

from .conftest import KEY
from .every_mutation import Mutation, every_mutation

NOT_CONFIRMED = """__typename
  ... on CommandNotConfirmed { code message commandId service }"""


class Silent:
    """A declared service that never answers: each call raises what its RpcClient raises after
    the timeout."""

    province = "NB"

    def __init__(self, name: str) -> None:
        self.name = name
        self.service = self
        self.queries = SilentQueries(self)

    def fail(self, method: str) -> Any:
        raise unavailable_error(self.name)(f"{self.name}.{method} did not answer within 0.1 s")

    def execute(self, command: object, context: object, acting_for: str | None = None) -> Any:
        self.fail("execute")

    def health(self) -> Any:
        self.fail("health")


class SilentQueries:
    def __init__(self, service: Silent) -> None:
        self._service = service

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self._service.fail("query")


def ask(client: TestClient, mutation: Mutation, selection: str = NOT_CONFIRMED) -> Any:
    token = issue_token(KEY, user="tester", roles=[ORGANISATION_COMMISSION],
                        org=str(uuid.uuid4()), province="NB")
    return client.post("/graphql", json={"query": mutation.document(selection),
                                         "variables": mutation.variables},
                       headers={"Authorization": f"Bearer {token}"})


@pytest.fixture(scope="module")
def silent_gateway():
    with TestClient(create_app({d.name: Silent(d.name) for d in SERVICES}, KEY)) as client:
        yield client


@pytest.mark.parametrize("mutation", every_mutation(), ids=lambda m: m.field)
def test_a_command_nobody_answers_is_answered_not_confirmed(silent_gateway, mutation):
    response = ask(silent_gateway, mutation)

    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body
    answer = body["data"][mutation.field]
    assert answer["__typename"] == "CommandNotConfirmed", answer
    assert (answer["code"], answer["commandId"]) == ("NOT_CONFIRMED", mutation.command_id)
    assert answer["service"] == mutation.service
    assert "same commandId" in answer["message"]



# -- an answer given before the read models applied the command --------------------------------

CREATE = """mutation Create($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    __typename ... on CreateOrganisationSucceeded { commandId duplicate visible } } }"""


class Loopback:
    """The RpcClient's pool without a broker: each call goes to a worker of the real nameko
    service class, its reply through JSON as on the wire."""

    def __init__(self, worker: Any) -> None:
        self.worker = worker

    def call(self, service: str, method: str, *args: Any) -> Any:
        reply = getattr(self.worker, method)(*json.loads(json.dumps(args)))
        return json.loads(json.dumps(reply))


def test_an_answer_given_before_the_read_models_applied_the_command_says_not_visible(
        tmp_path, clock):
    # read models that catch up only when told to, and a service that waits 0.2 s for them
    app = build_service(MEMBERSHIP, tmp_path, clock=clock, catch_up_after_commands=False)
    root = app.service.execute(c.CreateOrganisation("Đảng bộ tỉnh Ninh Bình",
                                                    "provincial_committee", None,
                                                    date(2025, 7, 1)),
                               CommandContext(str(uuid.uuid4()), "NB")).ids["organisation_id"]
    app.runner.catch_up()
    worker = worker_factory(service_class(MEMBERSHIP, lambda: None),
                            backend=Backend(lambda: app, province="NB", source=STORE,
                                            visibility_timeout=0.2))
    wire = wire_of(MEMBERSHIP)
    over_rpc = SimpleNamespace(province="NB",
                               service=RemoteService(Loopback(worker), "membership", wire),
                               queries=RemoteQueries(Loopback(worker), "membership", wire))
    command = {"input": {"commandId": str(uuid.uuid4()), "name": "Đảng bộ xã Yên Mô",
                         "type": "COMMUNE_COMMITTEE", "parentId": root,
                         "establishedOn": "2025-07-01"}}
    token = issue_token(KEY, user="tester", roles=[ORGANISATION_COMMISSION], org=root,
                        province="NB")

    def create() -> dict:
        response = client.post("/graphql", json={"query": CREATE, "variables": command},
                               headers={"Authorization": f"Bearer {token}"})
        return response.json()["data"]["createOrganisation"]

    try:
        with TestClient(create_app({"membership": over_rpc}, KEY)) as client:
            lagging = create()
            app.runner.catch_up()
            again = create()
    finally:
        app.close()

    assert lagging == {"__typename": "CreateOrganisationSucceeded", "duplicate": False,
                       "visible": False, "commandId": command["input"]["commandId"]}
    assert (again["duplicate"], again["visible"]) == (True, True)
