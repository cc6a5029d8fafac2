"""The embedded default, built from the services' declarations: each service's handlers and
projections in one process on SQLite files (or on a store and read-model database passed in).

A service's read models catch up on a thread of their own after each of its commands, and after
the commands of every service it follows (meetings' roster view follows membership's log);
queries wait for the writes made before them. Without `catch_up_after_commands` (bulk loads) the
caller runs `catch_up()` itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit import metrics
from kit.clock import Clock, SystemClock
from kit.declaration import ServiceDeclaration, by_name
from kit.peers import Peers
from kit.projections import rebuilding
from kit.projections.catchup import CatchUpThread, ReadYourWrites
from kit.projections.lag import projection_lag
from kit.projections.opening import opening
from kit.projections.ports import ReadModelDb
from kit.projections.runner import ProjectionRunner
from kit.repository import Repository
from kit.shredding import unsealed
from kit.sqlite.readmodel import ReadModelDb as SqliteReadModelDb
from kit.sqlite.rebuild_apart import MIN_EVENTS, RebuildApart
from kit.sqlite.store import SqliteEventStore
from kit.store import AppendResult, EventStore

from . import personal_data
from .services import SERVICES


@dataclass
class EmbeddedService:
    """One declared service in this process: what the gateway, the CLI and tests talk to."""

    declaration: ServiceDeclaration
    province: str
    store: EventStore
    read_db: ReadModelDb
    runner: ProjectionRunner
    service: Any  # the application service: .execute(command, context, acting_for)
    queries: Any
    clock: Clock
    catch_up: CatchUpThread | None = None  # None: the caller catches up (bulk loads)
    unwatch_lag: Callable[[], None] | None = None  # stops exporting its projections' lag
    # called after each of its appends: its own catch-up, and that of the services following it
    announce: list[Any] = field(default_factory=list)
    opened: list[EventStore] = field(default_factory=list)  # followed logs it opened itself
    policy: CatchUpThread | None = None  # runs the declaration's policies (start_policies)

    @property
    def name(self) -> str:
        return self.declaration.name

    def appended(self, result: AppendResult) -> None:
        for announce in self.announce:
            announce(result)

    def settle(self) -> None:
        """Wait until the read models hold every write made so far."""
        if self.catch_up is not None:
            self.catch_up.wait()
        if self.policy is not None:  # its commands announce themselves to the catch-up
            self.policy.wait()
            self.catch_up.wait()

    def health(self) -> dict[str, Any]:
        head = self.store.head_position()
        return {"storeHead": head,
                "projectionsBehind": {name: head - pos
                                      for name, pos in self.runner.checkpoints().items()
                                      if pos < head}}

    def close(self) -> None:
        if self.policy is not None:
            self.policy.stop()
        if self.unwatch_lag is not None:
            self.unwatch_lag()
        if self.catch_up is not None:
            self.catch_up.stop()
        self.store.close()
        for store in self.opened:
            store.close()
        self.read_db.close()


def source_name(declaration: ServiceDeclaration) -> str:
    """The source name a follower's checkpoints keep another service's events under: its
    topic, in the embedded default as in the distributed mode."""
    return declaration.topic


# how long the read models' catch-up lets commands' announcements gather while no read waits
# for them (kit.projections.catchup.CatchUpThread): commands one after another at one client
# then share a catch-up instead of each paying for one. Every read of them here waits (queries,
# policies, the gateway's dispatch to query processes), which ends it, so it delays only the
# lag gauges; the bench's commands, alternated side by side, 1 / 8 clients (two sittings):
# 3 ms 1,660 / 1,356 and 1,871 / 1,516, 10 ms 1,892 / 1,548 and 1,989 / 1,626, 20 ms 1,956 /
# 1,697 and 1,895 / 1,641, 50 ms 2,066 / 1,590 and 2,137 / 1,712 (commands/s, three rounds summed)
READ_MODELS_LINGER = 0.02


def build_service(declaration: ServiceDeclaration, data_dir: str | Path, province: str = "NB",
                  clock: Clock | None = None, *, followed: Mapping[str, EventStore] | None = None,
                  catch_up_after_commands: bool = True, store: EventStore | None = None,
                  read_db: ReadModelDb | None = None, catch_up_timeout: float = 30.0,
                  peers: Peers | None = None, rebuild_apart_from: int = MIN_EVENTS,
                  **read_side_options: Any) -> EmbeddedService:
    """One service: `<name>-events.db` and `<name>-read.db` under data_dir unless a store and/or
    read-model database (e.g. PostgreSQL) is passed. `followed`: the logs of the services it
    follows (read, never written), by service name; one not passed is opened under data_dir.
    `catch_up_timeout`: how long a query waits
    for the writes before it. `peers`: the other provinces a service with `peer_events`
    exchanges with (partyorg.links). `rebuild_apart_from`: from how many events of its log a
    read model that starts from nothing is rebuilt with a helper process (_rebuild_from_zero).
    `read_side_options` go to the declaration's read side."""
    data = Path(data_dir)
    clock = clock or SystemClock()
    followed = dict(followed or {})
    # a followed log not passed is read where the embedded platform keeps it, under data_dir
    # (empty when that service never ran there): membership alone still builds, though its work
    # queue follows evaluations
    opened = {name: SqliteEventStore(data / f"{name}-events.db", clock=clock)
              for name in declaration.follows if name not in followed}
    followed.update(opened)
    store = store or SqliteEventStore(data / f"{declaration.name}-events.db", clock=clock)
    store = personal_data.seal(declaration, store, personal_data.kek_path(data), clock)
    read_db = read_db or SqliteReadModelDb(data / f"{declaration.name}-read.db")
    sources = _sources(declaration)
    projections = _projections(declaration, read_db.dialect, [store, *followed.values()])
    runner = ProjectionRunner(unsealed(store), read_db, projections,
                              other_sources={sources[n]: unsealed(followed[n])
                                             for n in declaration.follows})
    _rebuild_from_zero(runner, declaration, data, rebuild_apart_from)
    runner.catch_up()
    catch_up = CatchUpThread(runner.catch_up, f"{declaration.name}-read-models",
                             timeout=catch_up_timeout, linger=READ_MODELS_LINGER
                             ) if catch_up_after_commands else None
    queries = declaration.read_side(read_db, clock, **read_side_options)
    if catch_up is not None:  # reads (the handlers' too) see earlier writes
        queries = ReadYourWrites(queries, catch_up.wait)
    embedded = EmbeddedService(declaration, province, store, read_db, runner, None, queries,
                               clock, catch_up, opened=list(opened.values()))
    if catch_up is not None:
        embedded.announce.append(catch_up.request)
    # read on each scrape of the process's /metrics: a blocked catch-up shows its lag growing
    embedded.unwatch_lag = metrics.LAG.watch(f"read models of {declaration.name}",
                                             projection_lag(runner))
    linked = {"peers": peers} if declaration.peer_events is not None else {}
    embedded.service = declaration.application(
        Repository(store, declaration.codec, clock), declaration.rules, clock, queries,
        embedded.appended, **linked)
    return embedded


def _rebuild_from_zero(runner: ProjectionRunner, declaration: ServiceDeclaration, data: Path,
                       helpers_from: int) -> None:
    """Read models that start from nothing over a long log (new, renewed by a higher version, or
    their file removed) are rebuilt as a rebuild does: in large transactions with their indexes
    after, part of them in a helper process (kit.sqlite.rebuild_apart), instead of caught up
    2,000 events a transaction. Only on the embedded files, where a helper can open the same."""
    store = runner.store
    own = data / f"{declaration.name}-events.db"
    if not (isinstance(store, SqliteEventStore) and Path(store.path) == own
            and isinstance(runner.db, SqliteReadModelDb)):
        return
    head = store.head_position()
    fresh = [name for name, at in runner.checkpoints().items() if at == 0]
    if fresh and head >= min(rebuilding.REBUILD_BATCH, helpers_from):
        runner.rebuild(fresh, helpers=RebuildApart(
            functools.partial(rebuild_parts, declaration.name, str(data)),
            min_events=helpers_from, scratch=str(data)))  # beside its files, not in /tmp


def rebuild_parts(name: str, data_dir: str) -> tuple[EventStore, list[Any]]:
    """A rebuild's helper process opening what build_service opens: the service's log as stored
    and its projections, handed personal fields opened with the keys under data_dir."""
    declaration = by_name(SERVICES)[name]
    data = Path(data_dir)
    store = personal_data.seal(declaration, SqliteEventStore(data / f"{name}-events.db"),
                               personal_data.kek_path(data))
    return unsealed(store), _projections(declaration, "sqlite", [store])


def _sources(declaration: ServiceDeclaration) -> dict[str, str]:
    """The source name its runner keeps each followed service's events under, by service."""
    return {name: f"{name}.events" for name in declaration.follows}


def _projections(declaration: ServiceDeclaration, dialect: str,
                 stores: Sequence[EventStore]) -> list[Any]:
    """Its projections, handed personal fields opened with the sealers of `stores` (the runner
    reads events as stored)."""
    return opening(declaration.projections(_sources(declaration), dialect),
                   personal_data.sealers(stores))


@dataclass
class EmbeddedPlatform:
    """Every declared service in one process, sharing one clock; services by name."""

    services: dict[str, EmbeddedService]

    def __getitem__(self, name: str) -> EmbeddedService:
        return self.services[name]

    def __getattr__(self, name: str) -> EmbeddedService:
        services = self.__dict__.get("services", {})
        if name in services:
            return services[name]
        raise AttributeError(name)

    def __iter__(self) -> Iterator[EmbeddedService]:
        return iter(self.services.values())

    def settle(self) -> None:
        """Wait until every service's read models hold every write made so far."""
        for service in self:
            service.settle()

    def catch_up(self) -> None:
        """Bring every read model up to date (after bulk loads without catch-up)."""
        for service in self:
            service.runner.catch_up()

    def close(self) -> None:
        # every service's threads before any log closes: services may follow each other
        # (membership and evaluations do), so a catch-up may still read a log another service
        # closes (one lingering after the last command's announcement crashed sqlite3 so). The
        # policies first: they run commands, which announce themselves to the catch-ups.
        for service in self:
            if service.policy is not None:
                service.policy.stop()
        for service in self:
            if service.catch_up is not None:
                service.catch_up.stop()
        for service in reversed(list(self)):
            service.close()


def build_platform(data_dir: str | Path, province: str = "NB", clock: Clock | None = None, *,
                   catch_up_after_commands: bool = True,
                   services: Sequence[ServiceDeclaration] = SERVICES,
                   options: Mapping[str, Mapping[str, Any]] | None = None,
                   peers: Peers | None = None) -> EmbeddedPlatform:
    """Every declared service on SQLite files under data_dir, sharing one clock; a service's
    commands announce themselves to the catch-up of every service following it, so a meeting
    opened right after a transfer summons the members the transfer left on the branch's rolls.
    `options`: per service, keyword arguments for build_service (e.g. its read side's)."""
    clock = clock or SystemClock()
    ordered = by_name(services)  # a service after those it follows, where they do not follow back
    given = {d.name: dict((options or {}).get(d.name, {})) for d in ordered.values()}
    # every store opened first: a service may follow one that follows it back (a cycle), so a
    # follower cannot wait for the followed service to be built
    stores: dict[str, EventStore] = {
        name: opts.pop("store", None) or SqliteEventStore(
            Path(data_dir) / f"{name}-events.db", clock=clock)
        for name, opts in given.items()}
    built: dict[str, EmbeddedService] = {}
    for declaration in ordered.values():
        built[declaration.name] = build_service(
            declaration, data_dir, province, clock,
            followed={name: stores[name] for name in declaration.follows},
            catch_up_after_commands=catch_up_after_commands, store=stores[declaration.name],
            peers=peers, **given[declaration.name])
    for declaration in ordered.values():
        follower = built[declaration.name]
        if follower.catch_up is not None:
            for name in declaration.follows:
                built[name].announce.append(follower.catch_up.request)
    for declaration in ordered.values():
        if declaration.policies and built[declaration.name].catch_up is not None:
            start_policies(built, declaration, province, clock)
    return EmbeddedPlatform(built)


def start_policies(built: dict[str, EmbeddedService], declaration: ServiceDeclaration,
                   province: str, clock: Clock) -> None:
    """The service's policies, run on a thread of their own after each write of a service it
    follows, once its read models hold that write (never on the catch-up thread: the commands
    they issue wait for it)."""
    service = built[declaration.name]

    def run() -> None:
        service.catch_up.wait()
        for policy in declaration.policies:
            policy(service.service, service.queries, province, clock)

    service.policy = CatchUpThread(run, f"{declaration.name}-policies",
                                   timeout=service.catch_up.timeout)
    for name in declaration.follows:
        built[name].announce.append(service.policy.request)
