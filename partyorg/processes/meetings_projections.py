"""The meetings projection worker process: events from Kafka into meetings' PostgreSQL read models.

    python -m partyorg.processes.meetings_projections   # metrics on PARTYORG_METRICS_PORT (8121)

Follows two topics: meetings' own (PARTYORG_MEETINGS_TOPIC, meetings.events) and membership's
(PARTYORG_MEMBERSHIP_TOPIC, membership.events), from which meetings keeps its own view of
organisations and branch rolls. Needs PARTYORG_PG_DSN and PARTYORG_KAFKA_BOOTSTRAP;
PARTYORG_MEETINGS_PROJECTION_GROUP names the consumer group (default meetings-projections), apart
from membership's workers. Runs as membership's worker does (projections.py): SIGTERM finishes
the batch in flight and exits 0.
"""

from __future__ import annotations

import os

from services.meetings.bootstrap import Settings, build_projection_worker

from . import runtime
from .projections import close_worker, run_worker

METRICS_PORT = 8121


def main() -> None:
    runtime.configure_logs()
    runtime.setting("PARTYORG_PG_DSN", "the PostgreSQL DSN of the meetings read models")
    runtime.setting("PARTYORG_KAFKA_BOOTSTRAP", "the Kafka bootstrap servers")
    settings = Settings.from_env()
    group = os.environ.get("PARTYORG_MEETINGS_PROJECTION_GROUP", "meetings-projections")
    runtime.require(lambda: runtime.check_postgres(settings.pg_dsn),
                    lambda: runtime.check_kafka(settings.kafka_bootstrap))
    runtime.serve_metrics(METRICS_PORT)
    stop = runtime.stop_on_signals()
    runtime.run_rounds("meetings projection worker",
                       lambda: build_projection_worker(settings, group), run_worker, stop,
                       close_worker)


if __name__ == "__main__":
    main()
