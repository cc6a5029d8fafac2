"""The projection worker process: membership events from Kafka into the PostgreSQL read models.

    python -m partyorg.processes.projections    # metrics on PARTYORG_METRICS_PORT (default 8120)

Needs PARTYORG_PG_DSN and PARTYORG_KAFKA_BOOTSTRAP; PARTYORG_PROJECTION_GROUP names the consumer
group (default membership-projections). SIGTERM finishes the batch in flight and exits 0.
"""

from __future__ import annotations

import logging
import os
import threading

from kit.postgres.applied import Announcer
from services.membership.bootstrap import Settings, build_projection_worker

from . import runtime

log = logging.getLogger("partyorg.processes.projections")
METRICS_PORT = 8120


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
    while not stop.is_set():
        try:
            worker.run_once()
        except Exception as exc:
            if runtime.connection_lost(exc):
                log.warning("read-model database connection lost; reconnecting",
                            extra={"error": str(exc)})
                return
            log.exception("projection worker batch failed; retrying")
            stop.wait(1.0)


def close_worker(worker) -> None:
    worker.source.close()
    if worker.dead_letters is not None:
        worker.dead_letters.close()
    worker.runner.db.close()


def main() -> None:
    runtime.configure_logs()
    runtime.setting("PARTYORG_PG_DSN", "the PostgreSQL DSN of the read models")
    runtime.setting("PARTYORG_KAFKA_BOOTSTRAP", "the Kafka bootstrap servers")
    settings = Settings.from_env()
    group = os.environ.get("PARTYORG_PROJECTION_GROUP", "membership-projections")
    runtime.require(lambda: runtime.check_postgres(settings.pg_dsn),
                    lambda: runtime.check_kafka(settings.kafka_bootstrap))
    runtime.serve_metrics(METRICS_PORT)
    stop = runtime.stop_on_signals()
    runtime.run_rounds("projection worker", lambda: build_projection_worker(settings, group),
                       run_worker, stop, close_worker)


if __name__ == "__main__":
    main()
