"""The meetings service process: a nameko container serving MeetingsRpc over RabbitMQ.

    python -m partyorg.processes.meetings_service   # metrics on PARTYORG_METRICS_PORT (8102)

Needs PARTYORG_AMQP_URI and PARTYORG_PG_DSN (and the schema/topic settings of
meetings.bootstrap.Settings). PARTYORG_RPC_WORKERS bounds concurrent calls (default 10);
PARTYORG_MEETINGS_RPC_NAME serves it under another name (default meetings). It runs as the
membership service process does (membership_service.py): a container that dies on a broker
restart is replaced by a fresh one.
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

from partyorg.meetings.adapters.rpc import meetings_service, psycopg_cooperates
from partyorg.meetings.bootstrap import Settings

from . import runtime

log = logging.getLogger("partyorg.processes.meetings_service")
METRICS_PORT = 8102


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
    name = os.environ.get("PARTYORG_MEETINGS_RPC_NAME", "meetings")
    config = {"AMQP_URI": amqp_uri, "max_workers": int(os.environ.get("PARTYORG_RPC_WORKERS", 10))}
    stopping = eventlet.event.Event()
    current: dict[str, ServiceRunner] = {}

    def shutdown(signum: int, frame: object) -> None:
        # a signal handler runs outside any greenlet: stop the runner from one
        log.info("stopping", extra={"signal": signal.Signals(signum).name})
        if not stopping.ready():
            stopping.send(True)
        if "runner" in current:
            eventlet.spawn_n(current["runner"].stop)

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    # nameko kills a container when a worker cannot publish its reply (e.g. RabbitMQ restarting);
    # this process then starts a fresh one, so the service heals without an outside supervisor
    while not stopping.ready():
        runner = ServiceRunner(config)
        runner.add_service(meetings_service(name))
        current["runner"] = runner
        try:
            runner.start()
        except Exception as exc:
            if stopping.ready():
                break
            log.warning("the meetings service could not start; retrying",
                        extra={"error": repr(exc)})
            runner.kill()
            eventlet.sleep(2)
            continue
        log.info("meetings service running", extra={"rpc_name": name,
                                                     "topic": settings.topic,
                                                     "store_schema": settings.store_schema,
                                                     "read_schema": settings.read_schema})
        try:
            _wait(runner)
        except Exception as exc:
            if stopping.ready():
                break
            log.warning("the meetings service container died; starting a new one",
                        extra={"error": repr(exc)})
            runner.kill()
            eventlet.sleep(1)
    log.info("meetings service stopped")


def _wait(runner: ServiceRunner) -> None:
    """runner.wait(), which re-raises what killed a container; signals may interrupt it."""
    waiting = eventlet.spawn(runner.wait)
    while True:
        try:
            waiting.wait()
            return
        except OSError as exc:  # a signal interrupted the wait
            if exc.errno != errno.EINTR:
                raise


if __name__ == "__main__":
    main()
