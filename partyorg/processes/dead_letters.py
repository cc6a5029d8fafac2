"""List or replay the events a projection worker parked (dead letters), after a fix.

    python -m partyorg.processes.dead_letters membership list
    python -m partyorg.processes.dead_letters meetings replay

Reads the service's PostgreSQL read models named by the same settings as its worker
(PARTYORG_PG_DSN, PARTYORG_<SERVICE>_READ_SCHEMA, PARTYORG_<SERVICE>_TOPIC). Each parked event is re-applied with
the projection code of this release; one that still fails stays parked with its new reason.
(Kafka's dead-letter topic carries the same events for inspection and alerting.)
"""

from __future__ import annotations

import argparse
import json

from kit.postgres.readmodel import PgReadModelDb
from kit.projections.runner import ProjectionRunner
from partyorg.distributed import Settings, worker_projections
from partyorg.services import SERVICES, service

from . import runtime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m partyorg.processes.dead_letters")
    parser.add_argument("service", choices=[d.name for d in SERVICES])
    parser.add_argument("action", choices=("list", "replay"))
    args = parser.parse_args(argv)
    runtime.setting("PARTYORG_PG_DSN", "the PostgreSQL DSN of the read models")
    declaration = service(args.service)
    settings = Settings.for_service(declaration)
    runner = ProjectionRunner(None, PgReadModelDb(settings.pg_dsn, settings.read_schema),
                              worker_projections(declaration, settings),
                              own_source=settings.topic)
    try:
        if args.action == "replay":
            before = len(runner.dead_letters())
            runner.replay_dead_letters()
            left = runner.dead_letters()
            print(f"replayed {before} parked event(s); {len(left)} still parked")
        for row in runner.dead_letters():
            print(json.dumps(row, ensure_ascii=False, default=str))
    finally:
        runner.db.close()


if __name__ == "__main__":
    runtime.configure_logs()
    main()
