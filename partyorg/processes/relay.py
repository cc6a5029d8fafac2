"""The outbox relay process: the membership store's log, in order, to Kafka.

    python -m partyorg.processes.relay     # metrics on PARTYORG_METRICS_PORT (default 8110)

Needs PARTYORG_PG_DSN and PARTYORG_KAFKA_BOOTSTRAP. SIGTERM finishes the batch in flight (the
checkpoint moves only after Kafka acknowledged) and exits 0.
"""

from __future__ import annotations

import threading

from services.membership.bootstrap import Settings, build_relay

from . import runtime

METRICS_PORT = 8110


def run_relay(relay, stop: threading.Event) -> None:
    """One round: until stop, or until the store's connection is lost (then it is rebuilt)."""
    round_stop = threading.Event()

    def on_error(exc: Exception) -> None:
        if runtime.connection_lost(exc):
            round_stop.set()

    link = threading.Thread(target=runtime.follow, args=(stop, round_stop), daemon=True)
    link.start()
    try:
        relay.run(round_stop, on_error=on_error)
    finally:
        round_stop.set()


def close_relay(relay) -> None:
    relay.publisher.close()
    relay.checkpoints.close()
    relay.store.close()


def main() -> None:
    runtime.configure_logs()
    runtime.setting("PARTYORG_PG_DSN", "the PostgreSQL DSN of the event store")
    runtime.setting("PARTYORG_KAFKA_BOOTSTRAP", "the Kafka bootstrap servers")
    settings = Settings.from_env()
    runtime.require(lambda: runtime.check_postgres(settings.pg_dsn),
                    lambda: runtime.check_kafka(settings.kafka_bootstrap))
    runtime.serve_metrics(METRICS_PORT)
    stop = runtime.stop_on_signals()
    runtime.run_rounds("relay", lambda: build_relay(settings), run_relay, stop, close_relay)


if __name__ == "__main__":
    main()
