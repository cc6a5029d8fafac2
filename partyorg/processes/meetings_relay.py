"""The outbox relay process for meetings: the meetings store's log, in order, to Kafka.

    python -m partyorg.processes.meetings_relay   # metrics on PARTYORG_METRICS_PORT (default 8111)

Needs PARTYORG_PG_DSN and PARTYORG_KAFKA_BOOTSTRAP; the store schema and topic are those of
meetings.bootstrap.Settings (meetings_events, meetings.events). Runs as membership's relay does
(relay.py): SIGTERM finishes the batch in flight and exits 0.
"""

from __future__ import annotations

from services.meetings.bootstrap import Settings, build_relay

from . import runtime
from .relay import close_relay, run_relay

METRICS_PORT = 8111


def main() -> None:
    runtime.configure_logs()
    runtime.setting("PARTYORG_PG_DSN", "the PostgreSQL DSN of the meetings event store")
    runtime.setting("PARTYORG_KAFKA_BOOTSTRAP", "the Kafka bootstrap servers")
    settings = Settings.from_env()
    runtime.require(lambda: runtime.check_postgres(settings.pg_dsn),
                    lambda: runtime.check_kafka(settings.kafka_bootstrap))
    runtime.serve_metrics(METRICS_PORT)
    stop = runtime.stop_on_signals()
    runtime.run_rounds("meetings relay", lambda: build_relay(settings), run_relay, stop,
                       close_relay)


if __name__ == "__main__":
    main()
