"""What a service process shares: eventlet patched in before anything else, a nameko container
serving the service over RabbitMQ, restarted when it dies, stopped cleanly by SIGTERM or SIGINT.

Import it first in a service process module (it monkey-patches the standard library); import the
service's own modules inside main(), after it.
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
from collections.abc import Callable
from typing import Any

from nameko.runners import ServiceRunner

from kit.nameko.rpc import psycopg_cooperates

from . import runtime


def serve(what: str, service: Callable[[], type], settings_from_env: Callable[[], Any], *,
          metrics_port: int) -> None:
    """Serve the nameko service class `service()` makes until a signal stops it.

    `settings_from_env` gives the service's Settings (pg_dsn, topic, schemas, RPC name)."""
    log = logging.getLogger(f"partyorg.processes.{what}_service")
    runtime.configure_logs()
    amqp_uri = runtime.setting("PARTYORG_AMQP_URI", "the RabbitMQ URI")
    runtime.setting("PARTYORG_PG_DSN", "the PostgreSQL DSN of the event store and read models")
    settings = settings_from_env()
    if not psycopg_cooperates():
        runtime.fail("psycopg does not cooperate with eventlet (PSYCOPG_WAIT_FUNC not applied)")
    runtime.require(lambda: runtime.check_postgres(settings.pg_dsn),
                    lambda: runtime.check_rabbitmq(amqp_uri))
    runtime.serve_metrics(metrics_port)
    name = settings.rpc_name
    config = {"AMQP_URI": amqp_uri, "max_workers": int(os.environ.get("PARTYORG_RPC_WORKERS", 10))}
    stopping = eventlet.event.Event()
    current: dict[str, ServiceRunner] = {}

    def shutdown(signum: int, frame: object) -> None:
        # a signal handler runs outside any greenlet, wherever the signal found the process:
        # it only spawns the log line (first: it runs before the process ends), sets the event
        # and spawns what stops the runner. Logging from here once asked eventlet's threading
        # for the current thread inside a greenlet being finished, which raised (KeyError in
        # eventlet/green/threading.py) before the process was told to stop: killed after 20 s
        eventlet.spawn_n(log.info, "stopping", extra={"signal": signal.Signals(signum).name})
        if not stopping.ready():
            stopping.send(True)
        if "runner" in current:
            eventlet.spawn_n(current["runner"].stop)

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    # nameko kills a container when a worker cannot publish its reply (e.g. RabbitMQ restarting);
    # this process then starts a fresh one, so the service heals without an outside supervisor
    def replaced(runner: ServiceRunner, what_happened: str, exc: Exception, pause: float) -> bool:
        """Whether to go on with a fresh container after this one failed (not when stopping)."""
        if stopping.ready():
            return False
        log.warning(f"the {what} service {what_happened}", extra={"error": repr(exc)})
        runner.kill()
        eventlet.sleep(pause)
        return True

    while not stopping.ready():
        runner = ServiceRunner(config)
        runner.add_service(service())
        current["runner"] = runner
        try:
            runner.start()
        except Exception as exc:
            if replaced(runner, "could not start; retrying", exc, 2):
                continue
            break
        log.info(f"{what} service running", extra={"rpc_name": name,
                                                   "topic": settings.topic,
                                                   "store_schema": settings.store_schema,
                                                   "read_schema": settings.read_schema})
        try:
            _wait(runner)
        except Exception as exc:
            if not replaced(runner, "container died; starting a new one", exc, 1):
                break
    log.info(f"{what} service stopped")


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
