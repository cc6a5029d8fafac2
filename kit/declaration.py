"""A service declared once: what every composition point builds a service from.

The embedded platform, the RPC service, relay and projection-worker processes, the gateway, the
CLI, contract generation and the manifests all iterate over a list of declarations
(`partyorg.services.SERVICES`) instead of naming services. No I/O here: a declaration names the
service's parts; the builders in `partyorg.embedded` and `partyorg.distributed` pick adapters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kit.clock import Clock
from kit.codec import EventCodec
from kit.commanding import check_command_names
from kit.repository import Repository
from kit.rules import RuleBook
from kit.store import AppendResult

# (repository, rules, clock, the read side the handlers consult, called after each append)
#   -> an application service with .execute(command, CommandContext, acting_for)
ApplicationFactory = Callable[
    [Repository, RuleBook, Clock, Any, Callable[[AppendResult], None]], Any]
# (read-model database, clock, **options) -> the service's queries; the database names its SQL
# dialect (`db.dialect`), for which the service hands its queries their written-out statements
ReadSideFactory = Callable[..., Any]
# ({followed service: the source name its events are read under}, SQL dialect) -> the projections
ProjectionsFactory = Callable[[Mapping[str, str], str], Sequence[Any]]


DIALECTS = ("sqlite", "postgres")  # the SQL dialects a read side is written out in


@dataclass(frozen=True, eq=False)  # one declaration per service: compared and hashed by identity
class ServiceDeclaration:
    """What a service is: its name (RPC name, metrics label, topic and schema prefix), its event
    codec (wire names and versions), command handlers and their RPC names, application service,
    read side and the queries it publishes, projections, rule book, the services whose events its
    read models follow, and its GraphQL part."""

    name: str
    codec: EventCodec
    rules: RuleBook
    handlers: Mapping[type, Callable[..., Any]]  # command class -> handler
    command_names: Mapping[str, type]  # literal RPC name -> command class, one per handler
    application: ApplicationFactory
    read_side: ReadSideFactory
    queries: type  # the published queries protocol: what clients may ask, typed
    query_names: frozenset[str]  # the queries published over RPC (the rest stay inside)
    projections: ProjectionsFactory
    follows: tuple[str, ...] = ()  # services whose published events its read models follow
    # module of its GraphQL part (QUERY, MUTATION, TYPES, optional ENTITIES); "" for none
    graphql: str = ""
    # (service, queries, province, clock) -> None, run after events of the services it follows
    # arrive: commands the facts call for, each idempotent by a command id derived from its fact
    policies: tuple[Callable[..., Any], ...] = ()
    # (service, province, peer code, event decoded, envelope) -> None: what it does with the
    # events the same service publishes in another deployment it is linked to (kit.links);
    # such a service's application factory takes `peers=` (kit.peers.Peers) too
    peer_events: Callable[..., Any] | None = None
    # the event classes of the peer's it takes: the link passes every other event over
    # without decoding it (a peer's topic carries all of that service's events)
    peer_event_types: tuple[type, ...] = ()

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or self.name != self.name.lower():
            raise ValueError(f"a service name is a lower-case identifier, not {self.name!r}")
        check_command_names(self.name, self.command_names, self.handlers)
        unknown = sorted(n for n in self.query_names if not hasattr(self.queries, n))
        if unknown:
            raise ValueError(f"{self.name}: published queries {unknown} are not methods of "
                             f"{self.queries.__name__}")
        unknown_types = [t.__name__ for t in self.peer_event_types
                         if not self.codec.knows_class(t)]
        if unknown_types:
            raise ValueError(f"{self.name}: peer events {unknown_types} have no wire name")
        # made once here, so a projection naming an event its codec does not know fails when
        # the declaration is imported, not when the service starts
        for dialect in DIALECTS:
            self.projections({other: f"{other}.events" for other in self.follows}, dialect)

    @property
    def topic(self) -> str:
        """The Kafka topic its events are published on (a deployment may rename it)."""
        return f"{self.name}.events"


def by_name(declarations: Sequence[ServiceDeclaration]) -> dict[str, ServiceDeclaration]:
    """The declarations by name, refusing duplicates, follows of undeclared services and a
    service following itself; in an order where every service comes after the services it
    follows, except where they follow each other back (evaluations reads membership's roll,
    membership's work queue reads evaluations' results): there the one listed first comes
    first. No builder needs a followed service built before its follower (the embedded platform
    opens every store first); the order is the start order of processes, nothing more."""
    named: dict[str, ServiceDeclaration] = {}
    for d in declarations:
        if d.name in named:
            raise ValueError(f"service {d.name!r} is declared twice")
        named[d.name] = d
    for d in declarations:
        for other in d.follows:
            if other not in named:
                raise ValueError(f"{d.name} follows {other!r}, which is not declared")
            if other == d.name:
                raise ValueError(f"{d.name} follows itself: its own log is followed anyway")

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            name = todo.pop()
            if name == goal:
                return True
            if name not in seen:
                seen.add(name)
                todo.extend(named[name].follows)
        return False

    ordered: dict[str, ServiceDeclaration] = {}

    def place(d: ServiceDeclaration) -> None:
        if d.name in ordered:
            return
        for other in d.follows:
            if not reaches(other, d.name):  # one that follows it back waits its turn
                place(named[other])
        ordered[d.name] = d

    for d in declarations:
        place(d)
    return ordered
