"""The projection worker process of a service: its events, and those of the services it follows,
from Kafka into its PostgreSQL read models.

    python -m partyorg.processes.projections meetings   # metrics on PARTYORG_METRICS_PORT (8120
                                                        # for the first service, 8121, ...)

Needs PARTYORG_PG_DSN and PARTYORG_KAFKA_BOOTSTRAP; PARTYORG_<SERVICE>_PROJECTION_GROUP names the
consumer group (default <service>-projections). SIGTERM finishes the batch in flight and exits 0.
"""

from __future__ import annotations

import logging
import threading

from kit.declaration import ServiceDeclaration
from kit.postgres.applied import Announcer
from partyorg.distributed import Settings, build_projection_worker
from partyorg.services import metrics_port, metrics_port_offset, service_argument

from . import runtime
from .links import start_links
from .policies import with_policies

log = logging.getLogger("partyorg.processes.projections")


def announce_applied(worker) -> None:
    """Each batch is announced on the read schema's channel, which the service's read-your-writes
    wait listens on (kit/applied.py), from inside its transaction: delivered at its commit."""
    schema = getattr(worker.runner.db, "schema", None)
    if schema and worker.runner.before_commit is None:
        worker.runner.before_commit = Announcer(worker.runner.db, schema).within


def run_worker(worker, stop: threading.Event) -> None:
    """ProjectionWorker.run's loop, except that a lost database connection ends the round so the
    worker is rebuilt on a new one (run() would retry on the dead connection forever)."""
    announce_applied(worker)
    worker.watch_lag()  # kept after the round, as the relay's (processes/relay.py)
    while not stop.is_set():
        try:
            if worker.run_once() and getattr(worker, "after_batch", None) is not None:
                worker.after_batch()  # the service's policies (processes/policies.py)
        except Exception as exc:
            if runtime.connection_lost(exc):
                log.warning("read-model database connection lost; reconnecting",
                            extra={"error": str(exc)})
                return
            log.exception("projection worker batch failed; retrying")
            stop.wait(1.0)


def close_worker(worker) -> None:
    if getattr(worker, "after_batch", None) is not None:
        worker.after_batch.close()
    worker.source.close()
    if worker.topics is not None:
        worker.topics.close()
    if worker.dead_letters is not None:
        worker.dead_letters.close()
    worker.runner.db.close()


def main(argv: list[str] | None = None) -> None:
    run(service_argument("python -m partyorg.processes.projections", argv))


def run(declaration: ServiceDeclaration, default_metrics_port: int | None = None) -> None:
    """The projection worker of any declared service, listed or not (a test's own)."""
    runtime.configure_logs()
    runtime.setting("PARTYORG_PG_DSN", "the PostgreSQL DSN of the read models")
    runtime.setting("PARTYORG_KAFKA_BOOTSTRAP", "the Kafka bootstrap servers")
    settings = Settings.for_service(declaration)
    runtime.require(lambda: runtime.check_postgres(settings.pg_dsn),
                    lambda: runtime.check_kafka(settings.kafka_bootstrap))
    runtime.serve_metrics(metrics_port("projections", declaration.name,
                                       offset=metrics_port_offset())
                          if default_metrics_port is None else default_metrics_port)
    stop = runtime.stop_on_signals()
    links = start_links(declaration, settings, stop)  # PARTYORG_PEERS_FILE: other provinces
    runtime.run_rounds(f"{declaration.name} projection worker",
                       lambda: with_policies(declaration, settings,
                                             build_projection_worker(declaration, settings)),
                       run_worker, stop, close_worker)
    if links is not None:
        links.join(10)


if __name__ == "__main__":
    main()
