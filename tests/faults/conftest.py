"""Fault tests: the distributed topology as real processes on the real servers, a stream of
commands through RPC, and a fault in the middle. Afterwards every appended event is in every read
model exactly once, and every command that reported success is in the store.

Each test gets its own PostgreSQL schemas, Kafka topic, consumer group and RPC service name
(named with the run's prefix, kit.testing.leftovers), so the processes of `make up` (if running)
are not disturbed; all are removed afterwards.
"""

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
from kit.envelope import Actor, CommandContext
from kit.errors import DomainError
from kit.postgres.store import PostgresEventStore
from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.testing.leftovers import new_tag, remove
from kit.testing.ports import free_port as _free_port
from kit.testing.services import require_env
from partyorg.distributed import Settings, build_command_side
from services.membership.adapters.read_model_sql import SQL
from services.membership.adapters.wire import CODEC
from services.membership.application.projections import all_projections
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c

ROOT = Path(__file__).resolve().parents[2]
# process -> its entry point and argument
PROCESSES = {"membership_service": ("partyorg.processes.service", "membership"),
             "relay": ("partyorg.processes.relay", "membership"),
             "projections": ("partyorg.processes.projections", "membership")}


def server_script(name: str, action: str) -> None:
    subprocess.run([str(ROOT / "deploy/local" / f"{name}.sh"), action], check=True,
                   stdout=subprocess.DEVNULL, timeout=180)


@dataclass
class Topology:
    settings: Settings
    env: dict[str, str]
    logs: Path
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    metrics_ports: dict[str, int] = field(default_factory=dict)  # kept across restarts

    def start(self, name: str) -> None:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - the child owns it
        port = self.metrics_ports.setdefault(name, _free_port())
        self.procs[name] = subprocess.Popen(
            [sys.executable, "-m", *PROCESSES[name]],
            env={**self.env, "PARTYORG_METRICS_PORT": str(port)}, stdout=log,
            stderr=subprocess.STDOUT, cwd=ROOT)

    def metrics_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.metrics_ports[name]}/metrics"

    def kill9(self, name: str) -> None:
        proc = self.procs[name]
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()

    def client(self) -> RpcClient:
        return RpcClient.of(MEMBERSHIP, self.settings.amqp_uri, self.settings.province, timeout=10,
                             service_name=self.env["PARTYORG_MEMBERSHIP_RPC_NAME"])

    def log_tail(self) -> str:
        return "\n".join(f"--- {p.name}\n" + p.read_text(errors="replace")[-3000:]
                         for p in sorted(self.logs.glob("*.log")))


@pytest.fixture
def extra_env() -> dict[str, str]:
    """Settings a test module adds to every process's environment (override the fixture)."""
    return {}


@pytest.fixture
def topology(tmp_path, extra_env):
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    amqp = require_env("PARTYORG_AMQP_URI", "deploy/local/up.sh rabbitmq")
    kafka = require_env("PARTYORG_KAFKA_BOOTSTRAP", "deploy/local/up.sh kafka")
    tag = new_tag()
    settings = Settings(service="membership", province="NB", pg_dsn=dsn, amqp_uri=amqp, kafka_bootstrap=kafka,
                        store_schema=f"f_{tag}_es", read_schema=f"f_{tag}_rm",
                        topic=f"f{tag}.membership.events",
                        # its work queue follows evaluations' topic (the session's own)
                        followed_topics={"evaluations": f"f{tag}.evaluations.events"})
    env = {**os.environ,
           "PARTYORG_MEMBERSHIP_STORE_SCHEMA": settings.store_schema,
           "PARTYORG_MEMBERSHIP_READ_SCHEMA": settings.read_schema,
           "PARTYORG_MEMBERSHIP_TOPIC": settings.topic,
           "PARTYORG_MEMBERSHIP_RPC_NAME": f"membership_{tag}",
           "PARTYORG_MEMBERSHIP_PROJECTION_GROUP": f"f{tag}-projections",
           "PARTYORG_EVALUATIONS_TOPIC": settings.followed_topics["evaluations"],
           "PARTYORG_METRICS_ADDR": "127.0.0.1", **extra_env}
    topo = Topology(settings, env, tmp_path)
    for name in PROCESSES:
        topo.start(name)
    yield topo
    topo.stop_all()
    remove(pg_dsn=dsn, schemas=[settings.store_schema, settings.read_schema], amqp_uri=amqp,
           queues=[f"rpc-{env['PARTYORG_MEMBERSHIP_RPC_NAME']}"], kafka=kafka,
           topics=[settings.topic, f"{settings.topic}.dlq",
                   env["PARTYORG_EVALUATIONS_TOPIC"], f"{env['PARTYORG_EVALUATIONS_TOPIC']}.dlq"],
           groups=[env["PARTYORG_MEMBERSHIP_PROJECTION_GROUP"]])


FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đinh", "Bùi", "Đỗ", "Ngô")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hạnh", "Khánh", "Lâm", "Mai", "Ngọc",
         "Phúc", "Quý", "Sơn", "Tâm", "Thảo", "Uyên", "Vinh", "Xuân", "Yến")


def _name(n: int, gender: str) -> str:
    middle = "Thị" if gender == "female" else "Văn"
    return f"{FAMILY[n % 10]} {middle} {GIVEN[(n // 10) % 20]}"


@dataclass
class Stream:
    """Commands sent one after another, each retried with its own id until it answers."""

    topology: Topology
    succeeded: list[str] = field(default_factory=list)  # command ids that reported success
    refused: list[str] = field(default_factory=list)
    transport_errors: int = 0
    stop: threading.Event = field(default_factory=threading.Event)

    def run_setup(self) -> dict[str, str]:
        client = self._client()
        ids = {}
        for name, typ, parent in [("Đảng bộ tỉnh Ninh Bình", "provincial_committee", None),
                                  ("Đảng bộ xã Yên Mô", "commune_committee", "root")]:
            cmd = c.CreateOrganisation(name, typ, ids.get(parent), date(1960, 1, 1))
            ids["root" if parent is None else "commune"] = self._send(client, cmd)[
                "organisation_id"]
        for i in range(3):
            cmd = c.CreateOrganisation(f"Chi bộ thôn {i + 1}", "sub_branch", ids["commune"],
                                       date(1970, 1, 1))
            ids[f"branch{i}"] = self._send(client, cmd)["organisation_id"]
        client.close()
        return ids

    def _client(self) -> RpcClient:
        return self.topology.client()

    def _send(self, client: RpcClient, command, command_id: str | None = None):
        command_id = command_id or str(uuid.uuid4())
        deadline = time.monotonic() + 120
        while True:
            try:
                result = client.service.execute(
                    command, CommandContext(command_id, "NB", Actor("fault-test", "system")))
                self.succeeded.append(command_id)
                return result.ids
            except DomainError:
                self.refused.append(command_id)
                raise
            except Exception:  # the transport failed: retry the same command id
                self.transport_errors += 1
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
                with contextlib.suppress(Exception):  # the old connection is gone anyway
                    client.close()
                client = self._client()

    def run(self, branches: list[str]) -> None:
        client = self._client()
        n = 0
        while not self.stop.is_set():
            n += 1
            born = date(1950 + n % 30, 1 + n % 12, 1 + n % 27)
            gender = "female" if n % 3 == 0 else "male"
            digit = (0 if born.year < 2000 else 2) + (gender == "female")
            profile = c.ProfileInput(
                full_name=_name(n, gender),
                date_of_birth=born, gender=gender, ethnicity="Kinh", hometown="Yên Mô",
                citizen_id=f"037{digit}{born.year % 100:02d}{n:06d}",
                education="upper_secondary", political_theory="elementary", occupation="Nông dân")
            cmd = c.RecordExistingMember(branches[n % len(branches)], profile, "official",
                                         date(2000, 1, 1), date(2000, 1, 20), date(2001, 1, 20))
            try:
                self._send(client, cmd)
            except DomainError as exc:
                raise AssertionError(f"the stream's command was refused: {exc}") from exc
            time.sleep(0.02)
        client.close()


@pytest.fixture
def stream(topology):
    s = Stream(topology)
    ids = s.run_setup()
    branches = [ids[f"branch{i}"] for i in range(3)]
    thread = threading.Thread(target=s.run, args=(branches,), daemon=True)
    thread.start()
    yield s
    s.stop.set()
    thread.join(timeout=150)


def wait_until_settled(topology: Topology, timeout: float = 120) -> tuple[int, list]:
    side = build_command_side(MEMBERSHIP, topology.settings)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            head = side.store.head_position()
            if head and side.queries.applied_position(topology.settings.topic) >= head:
                return head, side.read_db.query("SELECT * FROM dead_letters")
            time.sleep(0.5)
        raise AssertionError("read models did not catch up\n" + topology.log_tail())
    finally:
        side.close()


def assert_nothing_lost(topology: Topology, stream: Stream, tmp_path: Path) -> None:
    print(f"[{time.monotonic():.1f}] stopping stream have={len(stream.succeeded)}", flush=True)
    stream.stop.set()
    time.sleep(1.0)
    head, dead = wait_until_settled(topology)
    print(f"[{time.monotonic():.1f}] settled head={head}", flush=True)
    assert dead == [], dead
    s = topology.settings
    store = PostgresEventStore(s.pg_dsn, s.store_schema)
    try:
        for command_id in stream.succeeded:  # no command that reported success is missing
            assert store.find_command(command_id) is not None, command_id
        # the live read models equal a rebuild from the store: every event applied exactly once
        fresh = ProjectionRunner(store, ReadModelDb(tmp_path / "rebuilt.db"),
                                 all_projections(CODEC, SQL["sqlite"]))
        fresh.catch_up()
        from kit.postgres.readmodel import PgReadModelDb

        live = ProjectionRunner(None, PgReadModelDb(s.pg_dsn, s.read_schema),
                                all_projections(CODEC, SQL["postgres"]), own_source=s.topic)
        with live.db.transaction() as a, fresh.db.transaction() as b:
            for p_live, p_fresh in zip(live.projections, fresh.projections, strict=True):
                mine = {t: [tuple(r) for r in rows] for t, rows in p_live.dump(a).items()}
                theirs = {t: [tuple(r) for r in rows] for t, rows in p_fresh.dump(b).items()}
                assert mine == theirs, f"{p_live.name} differs from a rebuild"
        assert head >= len(stream.succeeded)
    finally:
        store.close()
