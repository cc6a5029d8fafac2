"""The fault tests for personnel: membership's and personnel's processes on the real servers, a
stream of personnel commands through RPC (cadre files of people who are not party members: each
a new event whose personal data is sealed with that person's key), and a kill -9 of personnel's
relay or projection worker in the middle. Afterwards every command that reported success is in
personnel's store, and its live read models equal a rebuild from the stores: every event applied
exactly once, and every sealed one opened by the worker that restarted as by the rebuild."""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from kit.postgres.readmodel import PgReadModelDb
from kit.postgres.store import PostgresEventStore
from kit.projections.runner import ProjectionRunner
from kit.shredding import SEALED
from kit.sqlite.readmodel import ReadModelDb
from kit.testing.leftovers import new_tag, remove_service
from kit.testing.services import require_env
from partyorg import personal_data
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as m
from services.personnel import api as p
from services.personnel.declaration import DECLARATION as PERSONNEL

from . import test_evaluations_faults as faults
from .test_evaluations_faults import Topology, let_it_run, send, stop_and_settle

pytestmark = pytest.mark.infra
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đinh", "Bùi", "Đỗ", "Ngô")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hạnh", "Khánh", "Lâm", "Mai")


@pytest.fixture
def topology(tmp_path, monkeypatch):
    """Membership's and personnel's processes (test_evaluations_faults' Topology, its services
    swapped), each under names of the test's own; personnel's view of evaluations follows a
    topic of the test's own too, and the key-encryption key is the test's."""
    monkeypatch.setattr(faults, "SERVICES", {"membership": MEMBERSHIP, "personnel": PERSONNEL})
    monkeypatch.setenv("PARTYORG_DATA_KEK_FILE", str(tmp_path / "keys" / "data.kek"))
    servers = {name: require_env(name, "deploy/local/up.sh")
               for name in ("PARTYORG_PG_DSN", "PARTYORG_AMQP_URI", "PARTYORG_KAFKA_BOOTSTRAP")}
    tag = new_tag()
    env = {**os.environ, **servers, "PARTYORG_METRICS_ADDR": "127.0.0.1",
           "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    for service in ("membership", "personnel", "evaluations"):
        prefix = f"PARTYORG_{service.upper()}"
        env |= {f"{prefix}_STORE_SCHEMA": f"f_{tag}_{service[:2]}_es",
                f"{prefix}_READ_SCHEMA": f"f_{tag}_{service[:2]}_rm",
                f"{prefix}_TOPIC": f"f{tag}.{service}.events",
                f"{prefix}_RPC_NAME": f"{service}_{tag}",
                f"{prefix}_PROJECTION_GROUP": f"f{tag}-{service}-projections"}
    topo = Topology(env, tmp_path)
    try:
        for service in ("membership", "personnel"):
            for kind in faults.KINDS:
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
        for service in ("membership", "personnel", "evaluations"):
            remove_service(env, service)


@dataclass
class Stream:
    topology: Topology
    committee: str
    succeeded: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        client = self.topology.client("personnel")
        n = 0
        while not self.stop.is_set():
            n += 1
            command_id = str(uuid.uuid4())
            female = n % 3 == 0
            person = p.PersonInput(f"{FAMILY[n // 10 % 10]} {'Thị' if female else 'Văn'} {GIVEN[n % 10]}",
                                   date(1970 + n % 20, 1 + n % 12, 1 + n % 27),
                                   "female" if female else "male")
            send(client, p.OpenCadreFile(self.committee, "intermediate", "bachelor",
                                         date(2025, 9, 1), person=person), self.topology,
                 command_id)
            self.succeeded.append(command_id)
            time.sleep(0.02)
        with contextlib.suppress(Exception):
            client.close()


def _known(personnel, organisation: str) -> object:
    """Personnel's view of the organisation; None also while its service is not listening yet."""
    try:
        return personnel.queries.organisation(organisation)
    except Exception:  # the RPC service is still starting
        return None


@pytest.fixture
def stream(topology):
    membership = topology.client("membership")
    personnel = topology.client("personnel")
    province = send(membership, m.CreateOrganisation(
        "Đảng bộ tỉnh Ninh Bình", "provincial_committee", None, date(1960, 1, 1)),
        topology).ids["organisation_id"]
    deadline = time.monotonic() + 60
    while _known(personnel, province) is None:  # personnel's view followed
        assert time.monotonic() < deadline, topology.log_tail()
        time.sleep(0.2)
    send(personnel, p.RegisterPost("Giám đốc Sở Nội vụ", "government", "province", province,
                                   province, 60), topology)
    membership.close()
    personnel.close()
    s = Stream(topology, province)
    thread = threading.Thread(target=s.run, daemon=True)
    thread.start()
    yield s
    s.stop.set()
    thread.join(timeout=150)


def _sealed(declaration, topology: Topology) -> PostgresEventStore:
    s = topology.settings(declaration.name)
    return personal_data.seal(declaration, PostgresEventStore(s.pg_dsn, s.store_schema),
                              personal_data.kek_path())


def assert_nothing_lost(topology: Topology, stream: Stream, tmp_path: Path) -> None:
    s = stop_and_settle(topology, stream, PERSONNEL)
    raw = PostgresEventStore(s.pg_dsn, s.store_schema)
    store, membership_store = _sealed(PERSONNEL, topology), _sealed(MEMBERSHIP, topology)
    try:
        for command_id in stream.succeeded:  # no command that reported success is missing
            assert raw.find_command(command_id) is not None, command_id
        opened = [e for e in raw.read_all(0, 100_000) if e.type == "personnel.CadreFileOpened"]
        assert len(opened) >= len(stream.succeeded)
        assert all(e.data["person"].startswith(SEALED) for e in opened)  # sealed whole
        sources = {"membership": s.followed_topics["membership"],
                   "evaluations": s.followed_topics["evaluations"]}
        fresh = ProjectionRunner(store, ReadModelDb(tmp_path / "rebuilt.db"),
                                 PERSONNEL.projections(sources, "sqlite"),
                                 other_sources={sources["membership"]: membership_store})
        fresh.catch_up()
        live = ProjectionRunner(None, PgReadModelDb(s.pg_dsn, s.read_schema),
                                PERSONNEL.projections(sources, "postgres"), own_source=s.topic)
        with live.db.transaction() as a, fresh.db.transaction() as b:
            for p_live, p_fresh in zip(live.projections, fresh.projections, strict=True):
                mine = {t: [tuple(r) for r in rows] for t, rows in p_live.dump(a).items()}
                theirs = {t: [tuple(r) for r in rows] for t, rows in p_fresh.dump(b).items()}
                assert mine == theirs, f"{p_live.name} differs from a rebuild"
    finally:
        for each in (raw, store, membership_store):
            each.close()


@pytest.mark.parametrize("process", ["personnel_relay", "personnel_projections"])
def test_kill_9_of_a_personnel_process_mid_stream_loses_nothing_and_applies_nothing_twice(
        topology, stream, tmp_path, process):
    let_it_run(stream, 2, at_least=20)
    topology.kill9(process)
    let_it_run(stream, 2, at_least=0)  # commands still append
    service, kind = process.split("_")
    topology.start(service, kind)
    let_it_run(stream, 1, at_least=len(stream.succeeded) + 10)
    assert_nothing_lost(topology, stream, tmp_path)
