"""The nameko RPC service's methods, on the real embedded path (SQLite, fixed clock): commands and
queries arrive as JSON, are rebuilt to their types, and refusals leave as typed error dicts.

The service over real RabbitMQ, PostgreSQL and Kafka is tested in tests/distributed/.
"""

from __future__ import annotations

import threading
import time
import uuid
import warnings
from datetime import date

import pytest

from kit.envelope import CommandContext
from kit.errors import CommandIdReused, Forbidden, InvalidInput, RuleViolated, error_from_dict
from kit.json_encode import to_jsonable
from kit.nameko.wire import wire_of
from kit.paging import Page
from kit.projections.ports import STORE
from services.membership.application.views import MemberView
from services.membership.domain import commands as c

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
    from nameko.testing.services import worker_factory

    from kit.nameko.rpc import Backend, service_class

from partyorg.embedded import build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP

from .conftest import OFFICER

MembershipRpc = service_class(MEMBERSHIP, lambda: None)
wire = wire_of(MEMBERSHIP)


def rpc_over(app, visibility_timeout: float = 5.0) -> MembershipRpc:
    backend = Backend(lambda: app, province=app.province, source=STORE,
                      visibility_timeout=visibility_timeout)
    return worker_factory(MembershipRpc, backend=backend)


def context(command_id: str | None = None, province: str = "NB") -> dict:
    return to_jsonable(CommandContext(command_id or str(uuid.uuid4()), province, OFFICER))


def send(rpc: MembershipRpc, command: object, command_id: str | None = None,
         acting_for: str | None = None) -> dict:
    return rpc.execute(*wire.command_to_wire(command), context(command_id), acting_for)


def refusal(reply: dict):
    assert set(reply) == {"error"}, reply
    return error_from_dict(reply["error"])


@pytest.fixture
def rpc(app) -> MembershipRpc:
    return rpc_over(app)


def test_a_command_sent_by_name_is_executed_and_answered_as_json(rpc, membership, tree):
    reply = send(rpc, c.RecordExistingMember(tree["branch"], membership.profile("Vũ Thị Hoà",
                                             gender="female"), "official", date(2011, 5, 19),
                                             official_from=date(2012, 5, 19)))

    result = wire.command_result_from_wire(reply["result"])
    assert reply["visible"] is True
    assert result.events == ("ExistingMemberRecorded", "CitizenIdClaimed")
    member = membership.queries.member(result.ids["member_id"])
    assert member.full_name == "Vũ Thị Hoà" and member.date_of_birth == date(1985, 4, 12)


def test_an_unknown_command_type_is_refused_as_invalid_input(rpc, membership):
    head = membership.head()

    error = refusal(rpc.execute("DropAllTables", {}, context(), None))

    assert isinstance(error, InvalidInput) and error.details["field"] == "command_type"
    assert membership.head() == head


@pytest.mark.parametrize(("payload_change", "field"), [
    (lambda p: p.pop("established_on"), "established_on"),
    (lambda p: p.update(established_on="1st of July"), "established_on"),
    (lambda p: p.update(established_on=20250701), "established_on"),
    (lambda p: p.update(colour="red"), "colour"),
])
def test_a_payload_that_does_not_make_the_command_is_refused_naming_the_field(
        rpc, membership, tree, payload_change, field):
    payload = to_jsonable(c.CreateOrganisation("Chi bộ mới", "grassroots_branch", tree["commune"],
                                               date(2025, 7, 1)))
    payload_change(payload)
    head = membership.head()

    error = refusal(rpc.execute("CreateOrganisation", payload, context(), None))

    assert isinstance(error, InvalidInput)
    assert error.details["field"] == field
    assert membership.head() == head


def test_a_context_that_is_not_a_context_is_refused(rpc, tree):
    command = c.CreateOrganisation("Chi bộ mới", "grassroots_branch", tree["commune"],
                                   date(2025, 7, 1))
    bad = {**context(), "actor": "nobody"}

    error = refusal(rpc.execute("CreateOrganisation", to_jsonable(command), bad, None))

    assert isinstance(error, InvalidInput) and error.details["field"] == "context.actor"


def test_a_command_for_another_province_is_refused(rpc, membership, tree):
    command = c.CreateOrganisation("Chi bộ mới", "grassroots_branch", tree["commune"],
                                   date(2025, 7, 1))
    head = membership.head()

    error = refusal(rpc.execute("CreateOrganisation", to_jsonable(command),
                                context(province="HN"), None))

    assert isinstance(error, InvalidInput) and error.details["field"] == "context.province"
    assert membership.head() == head


def test_a_rule_violation_crosses_as_a_typed_error_with_rule_and_version(rpc, membership, tree):
    official = membership.official(tree["branch"])
    probationary = membership.probationary(tree["branch"])
    command = c.SubmitApplication(tree["branch"], membership.profile(),
                                  (membership.sponsor(official), membership.sponsor(probationary)),
                                  date(2026, 6, 1))

    error = refusal(send(rpc, command))

    assert isinstance(error, RuleViolated)
    assert error.rule == "admission.sponsor_official"
    assert error.rule_version and error.rule_version == error.details["rule_version"]


def test_the_body_a_caller_acts_for_travels_with_the_context(rpc, membership, tree):
    member = membership.official(tree["branch"])
    exempt = c.ExemptMember(member, date(2026, 6, 1), "weak_health", decision=c.DecisionInput(
        "04-NQ/CB", "Lê Văn Ba", c.DecidingBodyInput(tree["branch"], "assembly")))

    def acting_as(organ: str) -> dict:
        ctx = to_jsonable(CommandContext(str(uuid.uuid4()), "NB", OFFICER, acting_organ=organ))
        return rpc.execute(*wire.command_to_wire(exempt), ctx, tree["branch"])

    assert isinstance(refusal(acting_as("committee")), Forbidden)
    assert wire.command_result_from_wire(acting_as("assembly")["result"]).events == (
        "MemberExempted",)


def test_a_retried_command_id_answers_the_first_result_as_a_duplicate(rpc, membership, tree):
    command = c.CreateOrganisation("Chi bộ thôn Khánh Thượng", "grassroots_branch",
                                   tree["commune"], date(2025, 7, 1))
    command_id = str(uuid.uuid4())
    first = wire.command_result_from_wire(send(rpc, command, command_id)["result"])
    head = membership.head()

    again = wire.command_result_from_wire(send(rpc, command, command_id)["result"])
    other = refusal(send(rpc, c.CreateOrganisation("Khác", "grassroots_branch", tree["commune"],
                                                   date(2025, 7, 1)), command_id))

    assert again.duplicate and again.ids == first.ids and again.positions == first.positions
    assert isinstance(other, CommandIdReused)
    assert membership.head() == head


def test_a_query_answers_json_that_rebuilds_to_its_declared_type(rpc, membership, tree):
    member = membership.official(tree["branch"], "Đặng Văn Phúc")

    reply = rpc.query("members", {"scope_org_id": tree["province"], "first": 10})
    page = wire.query_result_from_wire("members", reply["result"])

    assert isinstance(page, Page) and isinstance(page.items[0], MemberView)
    assert page == membership.queries.members(tree["province"], first=10)
    assert [m.id for m in page.items] == [member]


def test_query_arguments_are_rebuilt_from_json_to_their_types(rpc, membership, tree):
    membership.official(tree["branch"], "Đặng Văn Phúc")
    arguments = wire.query_args_to_wire("members_as_of", (tree["branch"], date(2026, 1, 1)),
                                        {"first": 5})

    reply = rpc.query("members_as_of", arguments)
    page = wire.query_result_from_wire("members_as_of", reply["result"])

    assert arguments["as_of"] == "2026-01-01"
    assert page == membership.queries.members_as_of(tree["branch"], date(2026, 1, 1), 5)
    assert isinstance(page.items[0], tuple) and page.items[0][1] == "official"


@pytest.mark.parametrize(("name", "kwargs", "field"), [
    ("members_on_rolls", {"organisation_id": "x"}, "query"),
    ("applied_position", {"source": "store"}, "query"),
    ("__init__", {}, "query"),
    ("members", {"scope_org_id": "x", "first": "ten"}, "first"),
    ("members", {"scope_org_id": "x", "colour": "red"}, "colour"),
    ("members_as_of", {"organisation_id": "x", "as_of": "yesterday"}, "as_of"),
    ("members_as_of", {"organisation_id": "x"}, "kwargs"),
    ("badges_due", {"scope_org_id": "x", "from_": "2026-01-01", "to": "2025-01-01"}, "to"),
])
def test_a_query_outside_the_list_or_with_bad_arguments_is_refused(rpc, name, kwargs, field):
    error = refusal(rpc.query(name, kwargs))

    assert isinstance(error, InvalidInput) and error.details["field"] == field


def test_health_reports_the_store_head_and_what_the_read_models_applied(rpc, membership, tree):
    health = rpc.health()

    assert health["store_head"] == membership.head() == health["applied_position"]
    assert (health["province"], health["source"]) == ("NB", STORE)


def test_a_reply_waits_until_the_read_models_applied_the_command(tmp_path, clock):
    app = build_service(MEMBERSHIP, tmp_path, clock=clock, catch_up_after_commands=False)
    rpc = rpc_over(app)
    command = c.CreateOrganisation("Đảng bộ tỉnh Ninh Bình", "provincial_committee", None,
                                   date(2025, 7, 1))
    threading.Timer(0.3, app.runner.catch_up).start()  # the projection worker, a little late
    started = time.monotonic()

    reply = send(rpc, command)

    assert reply["visible"] is True and time.monotonic() - started >= 0.25
    assert app.queries.organisation(reply["result"]["ids"]["organisation_id"]) is not None
    app.close()


def test_a_reply_is_sent_after_the_bounded_wait_even_when_the_read_models_lag(tmp_path, clock):
    app = build_service(MEMBERSHIP, tmp_path, clock=clock, catch_up_after_commands=False)
    rpc = rpc_over(app, visibility_timeout=0.2)
    started = time.monotonic()

    reply = send(rpc, c.CreateOrganisation("Đảng bộ tỉnh Ninh Bình", "provincial_committee",
                                           None, date(2025, 7, 1)))

    assert reply["visible"] is False and 0.2 <= time.monotonic() - started < 1.0
    assert reply["result"]["positions"] == [1] and app.store.head_position() == 1
    app.close()


def test_the_domain_and_application_layers_do_not_import_nameko_or_eventlet():
    import subprocess
    import sys

    probe = ("import sys, pkgutil, importlib\n"
             "import services.membership.domain as d, services.membership.application as a\n"
             "import services.membership.declaration\n"
             "for pkg in (d, a):\n"
             "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
             "        importlib.import_module(m.name)\n"
             "print(sorted(n for n in sys.modules if n.split('.')[0] in ('nameko', 'eventlet')))")

    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60)

    assert out.stdout.strip() == "[]"
