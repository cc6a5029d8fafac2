"""The fault tests for evaluations: membership's and evaluations' processes on the real servers,
a stream of evaluations commands through RPC (self-assessments of a period's members, each a new
event), and a kill -9 of evaluations' relay or projection worker in the middle. Afterwards every
command that reported success is in evaluations' store, and its live read models equal a
rebuild from the stores: every event applied exactly once.

The servers' own restarts are tested on membership's stream (test_faults.py): the transport
below them is the same for every service."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from gateway.clients.rpc import RpcClient
from kit.client import ServiceUnavailable
from kit.declaration import ServiceDeclaration
from kit.envelope import Actor, CommandContext
from kit.errors import DomainError
from kit.postgres.readmodel import PgReadModelDb
from kit.postgres.store import PostgresEventStore
from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.testing.leftovers import new_tag, remove_service
from kit.testing.ports import free_port as _free_port
from kit.testing.services import require_env
from partyorg.distributed import Settings, build_command_side
from services.evaluations.declaration import DECLARATION as EVALUATIONS
from services.evaluations.domain import commands as ec
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {"membership": MEMBERSHIP, "evaluations": EVALUATIONS}
KINDS = ("service", "relay", "projections")
ACTOR = Actor("fault-test", "system")


@dataclass
class Topology:
    env: dict[str, str]
    logs: Path
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start(self, service: str, kind: str) -> None:
        name = f"{service}_{kind}"
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - the child owns it
        self.procs[name] = subprocess.Popen(
            [sys.executable, "-m", f"partyorg.processes.{kind}", service],
            env={**self.env, "PARTYORG_METRICS_PORT": str(_free_port())}, stdout=log,
            stderr=subprocess.STDOUT, cwd=ROOT)

    def kill9(self, name: str) -> None:
        self.procs[name].send_signal(signal.SIGKILL)
        self.procs[name].wait(timeout=10)

    def settings(self, service: str) -> Settings:
        return Settings.for_service(SERVICES[service], self.env)

    def client(self, service: str) -> RpcClient:
        s = self.settings(service)
        return RpcClient.of(SERVICES[service], s.amqp_uri, "NB", timeout=10,
                            service_name=s.rpc_name)

    def log_tail(self) -> str:
        return "\n".join(f"--- {p.name}\n" + p.read_text(errors="replace")[-3000:]
                         for p in sorted(self.logs.glob("*.log")))


@pytest.fixture
def topology(tmp_path):
    servers = {name: require_env(name, "deploy/local/up.sh")
               for name in ("PARTYORG_PG_DSN", "PARTYORG_AMQP_URI", "PARTYORG_KAFKA_BOOTSTRAP")}
    tag = new_tag()
    env = {**os.environ, **servers, "PARTYORG_METRICS_ADDR": "127.0.0.1",
           "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    for service in SERVICES:
        prefix = f"PARTYORG_{service.upper()}"
        env |= {f"{prefix}_STORE_SCHEMA": f"f_{tag}_{service[:2]}_es",
                f"{prefix}_READ_SCHEMA": f"f_{tag}_{service[:2]}_rm",
                f"{prefix}_TOPIC": f"f{tag}.{service}.events",
                f"{prefix}_RPC_NAME": f"{service}_{tag}",
                f"{prefix}_PROJECTION_GROUP": f"f{tag}-{service}-projections"}
    topo = Topology(env, tmp_path)
    try:
        for service in SERVICES:
            for kind in KINDS:
                topo.start(service, kind)
        yield topo
    finally:
        for proc in topo.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in topo.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        for service in SERVICES:
            remove_service(env, service)


def send(client: RpcClient, command: object, topo: Topology, command_id: str | None = None,
         deadline_s: float = 120) -> object:
    """The command, retried with its own id over a failing transport until it answers."""
    command_id = command_id or str(uuid.uuid4())
    deadline = time.monotonic() + deadline_s
    while True:
        try:
            return client.service.execute(command, CommandContext(command_id, "NB", ACTOR))
        except DomainError:
            raise
        except Exception:
            assert time.monotonic() < deadline, topo.log_tail()
            time.sleep(0.5)


@dataclass
class Stream:
    topology: Topology
    period: str
    members: list[str]
    succeeded: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        client = self.topology.client("evaluations")
        n = 0
        while not self.stop.is_set():
            n += 1
            command_id = str(uuid.uuid4())
            points = float(20 + n % 10)  # each submission replaces the one before
            send(client, ec.SubmitSelfAssessment(
                self.period, self.members[n % len(self.members)], "2C", points, 60.0,
                ec.TasksInput(4, 4, 1, 0, 0), "htt", date(2025, 12, 10)), self.topology,
                command_id)
            self.succeeded.append(command_id)
            time.sleep(0.02)
        with contextlib.suppress(Exception):
            client.close()


def profile(n: int) -> c.ProfileInput:
    return c.ProfileInput(full_name=f"Nguyễn Văn {('An', 'Bình', 'Cường', 'Dũng')[n]}",
                          date_of_birth=date(1970 + n, 2, 1), gender="male", ethnicity="Kinh",
                          hometown="Yên Mô", citizen_id=f"0370{70 + n}{900000 + n:06d}",
                          education="upper_secondary", political_theory="elementary",
                          occupation="Nông dân")


def _within(evaluations, organisation: str, scope: str) -> bool:
    """Whether evaluations' view has the organisation under scope; False also while its RPC
    service is not listening yet (the topology starts every process at once and waits for
    none: membership's first commands can be answered before evaluations' queue exists)."""
    try:
        return evaluations.queries.is_within(organisation, scope)
    except ServiceUnavailable:
        return False


@pytest.fixture
def stream(topology):
    membership = topology.client("membership")
    evaluations = topology.client("evaluations")
    province = send(membership, c.CreateOrganisation(
        "Đảng bộ tỉnh Ninh Bình", "provincial_committee", None, date(1960, 1, 1)),
        topology).ids["organisation_id"]
    grassroots = send(membership, c.CreateOrganisation(
        "Đảng bộ cơ sở Nhà máy Xi măng", "grassroots_committee", province, date(1990, 1, 1)),
        topology).ids["organisation_id"]
    branch = send(membership, c.CreateOrganisation(
        "Chi bộ Phân xưởng 1", "sub_branch", grassroots, date(1990, 1, 2)),
        topology).ids["organisation_id"]
    members = [send(membership, c.RecordExistingMember(
        branch, profile(n), "official", date(2000, 1, 1), date(2000, 1, 20), date(2001, 1, 20)),
        topology).ids["member_id"] for n in range(4)]
    deadline = time.monotonic() + 60
    while not _within(evaluations, branch, province):  # evaluations' view followed
        assert time.monotonic() < deadline, topology.log_tail()
        time.sleep(0.2)
    period = send(evaluations, ec.OpenEvaluationPeriod(
        province, "annual", 2025, date(2025, 12, 1), date(2026, 1, 31)),
        topology).ids["period_id"]
    membership.close()
    evaluations.close()
    s = Stream(topology, period, members)
    thread = threading.Thread(target=s.run, daemon=True)
    thread.start()
    yield s
    s.stop.set()
    thread.join(timeout=150)


def let_it_run(stream: Stream, seconds: float, at_least: int) -> None:
    deadline = time.monotonic() + seconds + 60
    time.sleep(seconds)
    while len(stream.succeeded) < at_least:
        assert time.monotonic() < deadline, (
            f"only {len(stream.succeeded)} of {at_least} commands\n{stream.topology.log_tail()}")
        time.sleep(0.2)


def stop_and_settle(topology: Topology, stream: Stream, declaration: ServiceDeclaration
                    ) -> Settings:
    """Stop the stream, wait until the service's read models have applied its whole store, and
    check nothing was parked; the service's settings, for the checks that follow."""
    stream.stop.set()
    time.sleep(1.0)
    s = topology.settings(declaration.name)
    side = build_command_side(declaration, s)
    try:
        deadline = time.monotonic() + 120
        while True:
            head = side.store.head_position()
            if head and side.queries.applied_position(s.topic) >= head:
                break
            assert time.monotonic() < deadline, "read models did not catch up\n" + \
                topology.log_tail()
            time.sleep(0.5)
        assert side.read_db.query("SELECT * FROM dead_letters") == []
    finally:
        side.close()
    return s


def assert_nothing_lost(topology: Topology, stream: Stream, tmp_path: Path) -> None:
    s = stop_and_settle(topology, stream, EVALUATIONS)
    store = PostgresEventStore(s.pg_dsn, s.store_schema)
    membership_store = PostgresEventStore(s.pg_dsn, topology.settings("membership").store_schema)
    try:
        for command_id in stream.succeeded:  # no command that reported success is missing
            assert store.find_command(command_id) is not None, command_id
        sources = {"membership": s.followed_topics["membership"]}
        fresh = ProjectionRunner(store, ReadModelDb(tmp_path / "rebuilt.db"),
                                 EVALUATIONS.projections(sources, "sqlite"),
                                 other_sources={sources["membership"]: membership_store})
        fresh.catch_up()
        live = ProjectionRunner(None, PgReadModelDb(s.pg_dsn, s.read_schema),
                                EVALUATIONS.projections(sources, "postgres"), own_source=s.topic)
        with live.db.transaction() as a, fresh.db.transaction() as b:
            for p_live, p_fresh in zip(live.projections, fresh.projections, strict=True):
                mine = {t: [tuple(r) for r in rows] for t, rows in p_live.dump(a).items()}
                theirs = {t: [tuple(r) for r in rows] for t, rows in p_fresh.dump(b).items()}
                assert mine == theirs, f"{p_live.name} differs from a rebuild"
    finally:
        store.close()
        membership_store.close()


@pytest.mark.parametrize("process", ["evaluations_relay", "evaluations_projections"])
def test_kill_9_of_an_evaluations_process_mid_stream_loses_nothing_and_applies_nothing_twice(
        topology, stream, tmp_path, process):
    let_it_run(stream, 2, at_least=20)
    topology.kill9(process)
    let_it_run(stream, 2, at_least=0)  # commands still append
    service, kind = process.split("_")
    topology.start(service, kind)
    let_it_run(stream, 1, at_least=len(stream.succeeded) + 10)
    assert_nothing_lost(topology, stream, tmp_path)
