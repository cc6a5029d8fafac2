"""The embedded services' read side alone, for a query process beside `partyorg serve`
(gateway/query_processes.py): each declared service's queries over its read-model file, opened
read-only. The serving process keeps the stores, the commands and the catch-up: it stays the
read models' one writer, and it sends a query here only once every write made before the
query's request is applied.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gateway.query_processes import QuerySide, WriterOnly
from kit.clock import Clock, SystemClock
from kit.declaration import ServiceDeclaration
from kit.sqlite.readmodel import ReadOnlyModelDb

from .embedded import EmbeddedPlatform
from .services import SERVICES


@dataclass
class QueryOnlyService:
    """One declared service as a query process sees it: its queries, no store, no commands."""

    declaration: ServiceDeclaration
    province: str
    queries: Any
    clock: Clock
    read_db: ReadOnlyModelDb

    @property
    def name(self) -> str:
        return self.declaration.name

    @property
    def service(self) -> Any:
        # a query that issues a command (a cadre file's read is recorded before it is
        # answered): the serving process executes it again
        raise WriterOnly(f"{self.name}'s commands run in the serving process")

    def close(self) -> None:
        self.read_db.close()


def query_services(data_dir: str, province: str, names: Sequence[str],
                   clock: Clock | None = None,
                   options: Mapping[str, Mapping[str, Any]] | None = None,
                   ) -> tuple[dict[str, QueryOnlyService], list[ServiceDeclaration]]:
    """The services named (those the serving process serves), by name, over the read models
    under data_dir; and every declaration, for the schema (the serving process's default).
    `options`: per service, keyword arguments for its read side."""
    clock = clock or SystemClock()
    declarations = {d.name: d for d in SERVICES}
    services = {}
    for name in names:
        declaration = declarations[name]
        db = ReadOnlyModelDb(Path(data_dir) / f"{name}-read.db")
        queries = declaration.read_side(db, clock, **dict((options or {}).get(name, {})))
        services[name] = QueryOnlyService(declaration, province, queries, clock, db)
    return services, list(SERVICES)


def query_side(platform: EmbeddedPlatform, data_dir: str | Path, processes: int, *,
               alone_here: bool = True) -> QuerySide | None:
    """The platform's queries executed in `processes` query processes too (None for 0): over
    its read models under data_dir, with its province, services and clock. The clock is
    copied as it is when they start: one that is moved while serving (the live demo's, held
    on the demo's day until the seeding ends) cannot be shared this way."""
    if processes <= 0:
        return None
    services = list(platform)
    return QuerySide("partyorg.query_side:query_services",
                     {"data_dir": str(Path(data_dir).resolve()),
                      "province": services[0].province,
                      "names": [service.name for service in services],
                      "clock": services[0].clock}, processes, alone_here)
