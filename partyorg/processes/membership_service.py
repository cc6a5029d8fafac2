"""The membership service process: a nameko container serving MembershipRpc over RabbitMQ.

    python -m partyorg.processes.membership_service   # metrics on PARTYORG_METRICS_PORT (8101)

Needs PARTYORG_AMQP_URI and PARTYORG_PG_DSN (and the schema/topic settings of
membership.bootstrap.Settings). PARTYORG_RPC_WORKERS bounds concurrent calls (default 10);
PARTYORG_MEMBERSHIP_RPC_NAME serves it under another name (default membership).
"""

# ruff: noqa: E402 - eventlet must patch the standard library before anything imports it
import os
import warnings

warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
os.environ["PSYCOPG_WAIT_FUNC"] = "wait_select"  # psycopg reads it once, when imported

import eventlet

eventlet.monkey_patch()

import errno
import logging
import signal

from nameko.runners import ServiceRunner

from partyorg.membership.adapters.rpc import membership_service, psycopg_cooperates
from partyorg.membership.bootstrap import Settings

from . import runtime

log = logging.getLogger("partyorg.processes.membership_service")
METRICS_PORT = 8101


def main() -> None:
    runtime.configure_logs()
    amqp_uri = runtime.setting("PARTYORG_AMQP_URI", "the RabbitMQ URI")
    runtime.setting("PARTYORG_PG_DSN", "the PostgreSQL DSN of the event store and read models")
    settings = Settings.from_env()
    if not psycopg_cooperates():
        runtime.fail("psycopg does not cooperate with eventlet (PSYCOPG_WAIT_FUNC not applied)")
    runtime.require(lambda: runtime.check_postgres(settings.pg_dsn),
                    lambda: runtime.check_rabbitmq(amqp_uri))
    runtime.serve_metrics(METRICS_PORT)
    name = os.environ.get("PARTYORG_MEMBERSHIP_RPC_NAME", "membership")
    config = {"AMQP_URI": amqp_uri, "max_workers": int(os.environ.get("PARTYORG_RPC_WORKERS", 10))}
    runner = ServiceRunner(config)
    runner.add_service(membership_service(name))

    def shutdown(signum: int, frame: object) -> None:
        # a signal handler runs outside any greenlet: stop the runner from one
        log.info("stopping", extra={"signal": signal.Signals(signum).name})
        eventlet.spawn_n(runner.stop)

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    try:
        runner.start()
    except Exception as exc:
        runtime.fail(f"the membership service could not start: {exc!r}")
    log.info("membership service running", extra={"rpc_name": name,
                                                   "topic": settings.topic,
                                                   "store_schema": settings.store_schema,
                                                   "read_schema": settings.read_schema})
    waiting = eventlet.spawn(runner.wait)
    while True:
        try:
            waiting.wait()
        except OSError as exc:  # a signal interrupted the wait
            if exc.errno != errno.EINTR:
                raise
        else:
            break
    log.info("membership service stopped")


if __name__ == "__main__":
    main()
