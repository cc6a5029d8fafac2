"""The outbox relay process of a service: its store's log, in order, to its Kafka topic.

    python -m partyorg.processes.relay membership   # metrics on PARTYORG_METRICS_PORT (8110;
                                                    # 8111 for the second service, ...)

Needs PARTYORG_PG_DSN and PARTYORG_KAFKA_BOOTSTRAP. SIGTERM finishes the batch in flight (the
checkpoint moves only after Kafka acknowledged) and exits 0.
"""

from __future__ import annotations

import threading

from kit.declaration import ServiceDeclaration
from partyorg.distributed import Settings, build_relay
from partyorg.services import metrics_port, metrics_port_offset, service_argument

from . import runtime


def run_relay(relay, stop: threading.Event) -> None:
    """One round: until stop, or until the store's connection is lost (then it is rebuilt)."""
    round_stop = threading.Event()

    def on_error(exc: Exception) -> None:
        if runtime.connection_lost(exc):
            round_stop.set()

    link = threading.Thread(target=runtime.follow, args=(stop, round_stop), daemon=True)
    link.start()
    # not forgotten when the round ends: while a new round cannot start, the lag read last
    # stays up (with the checkpoint standing still), which is what the stall alert watches
    relay.watch_lag()
    try:
        relay.run(round_stop, on_error=on_error)
    finally:
        round_stop.set()


def close_relay(relay) -> None:
    relay.publisher.close()
    relay.checkpoints.close()
    relay.store.close()


def main(argv: list[str] | None = None) -> None:
    run(service_argument("python -m partyorg.processes.relay", argv))


def run(declaration: ServiceDeclaration, default_metrics_port: int | None = None) -> None:
    """The relay of any declared service, listed or not (a test's own)."""
    runtime.configure_logs()
    runtime.setting("PARTYORG_PG_DSN", "the PostgreSQL DSN of the event store")
    runtime.setting("PARTYORG_KAFKA_BOOTSTRAP", "the Kafka bootstrap servers")
    settings = Settings.for_service(declaration)
    runtime.require(lambda: runtime.check_postgres(settings.pg_dsn),
                    lambda: runtime.check_kafka(settings.kafka_bootstrap))
    runtime.serve_metrics(metrics_port("relay", declaration.name,
                                       offset=metrics_port_offset())
                          if default_metrics_port is None else default_metrics_port)
    stop = runtime.stop_on_signals()
    runtime.run_rounds(f"{declaration.name} relay", lambda: build_relay(declaration, settings),
                       run_relay, stop, close_relay)


if __name__ == "__main__":
    main()
