"""What every process entry point shares: JSON logs, a clear exit when a server is unreachable,
a Prometheus endpoint, SIGTERM as a clean stop, and rounds rebuilt after a lost connection."""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable
from typing import NoReturn, TypeVar
from urllib.parse import urlsplit, urlunsplit

from prometheus_client import start_http_server

from kit import logs

log = logging.getLogger("partyorg.processes")
T = TypeVar("T")
CHECK_TIMEOUT_S = 5


class Unreachable(Exception):
    pass


def configure_logs() -> None:
    logs.configure(os.environ.get("PARTYORG_LOG_LEVEL", "INFO"))


def fail(message: str, code: int = 1) -> NoReturn:
    log.error(message)
    raise SystemExit(code)


def setting(name: str, what: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        fail(f"{name} is not set: it must give {what} (deploy/local/up.sh writes it to "
             "var/local-env.sh)", code=2)
    return value


def redacted(url: str) -> str:
    """A server address fit for a log line: no password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def check_postgres(dsn: str) -> None:
    import psycopg

    try:
        psycopg.connect(dsn, connect_timeout=CHECK_TIMEOUT_S).close()
    except psycopg.Error as exc:
        raise Unreachable(f"PostgreSQL at {redacted(dsn)} is unreachable: {exc}") from exc


def check_rabbitmq(amqp_uri: str) -> None:
    from kombu import Connection

    try:
        with Connection(amqp_uri, connect_timeout=CHECK_TIMEOUT_S) as conn:
            conn.ensure_connection(max_retries=1, timeout=CHECK_TIMEOUT_S)
    except Exception as exc:
        raise Unreachable(f"RabbitMQ at {redacted(amqp_uri)} is unreachable: {exc}") from exc


def check_kafka(bootstrap: str) -> None:
    from kafka import KafkaAdminClient

    try:
        KafkaAdminClient(bootstrap_servers=bootstrap, client_id="partyorg-check",
                         request_timeout_ms=CHECK_TIMEOUT_S * 1000,
                         bootstrap_timeout_ms=CHECK_TIMEOUT_S * 1000).close()
    except Exception as exc:
        raise Unreachable(f"Kafka at {bootstrap} is unreachable: {exc}") from exc


def require(*checks: Callable[[], None]) -> None:
    """Run the reachability checks; the first failure ends the process with its message."""
    for check in checks:
        try:
            check()
        except Unreachable as exc:
            fail(str(exc))


def serve_metrics(default_port: int) -> int:
    """Prometheus /metrics on PARTYORG_METRICS_PORT (0 picks a free port); returns the port."""
    port = int(os.environ.get("PARTYORG_METRICS_PORT", default_port))
    addr = os.environ.get("PARTYORG_METRICS_ADDR", "0.0.0.0")
    try:
        server, _ = start_http_server(port, addr=addr)
    except OSError as exc:
        fail(f"cannot serve metrics on {addr}:{port}: {exc}")
    port = server.server_address[1]
    log.info("metrics served", extra={"metrics_url": f"http://{addr}:{port}/metrics"})
    return port


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT: the loops finish their batch and return."""
    stop = threading.Event()

    def handle(signum: int, frame: object) -> None:
        log.info("stopping", extra={"signal": signal.Signals(signum).name})
        stop.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    return stop


def connection_lost(exc: BaseException) -> bool:
    """The database connection is gone (not a statement the server refused or cancelled, nor
    a deadlock or a full disk, which a retry on the same connection outlives)."""
    from kit.postgres.failures import connection_gone

    return connection_gone(exc)


def run_rounds(name: str, build: Callable[[], T], run: Callable[[T, threading.Event], None],
               stop: threading.Event, close: Callable[[T], None] = lambda part: None) -> None:
    """Build the component and run it until `stop`; when a round ends early (its database
    connection was lost), build it afresh after a pause. A failed build is retried likewise."""
    pause = 1.0
    while not stop.is_set():
        try:
            part = build()
        except Exception as exc:
            log.error(f"cannot start the {name}; retrying", extra={"error": str(exc),
                                                                   "retry_in_s": pause})
            stop.wait(pause)
            pause = min(pause * 2, 30.0)
            continue
        pause = 1.0
        log.info(f"{name} running")
        try:
            run(part, stop)
        except Exception:
            log.exception(f"the {name} stopped on an error; restarting it")
            stop.wait(1.0)
        finally:
            try:
                close(part)
            except Exception:
                log.debug("closing the %s failed", name, exc_info=True)
    log.info(f"{name} stopped")


def follow(stop: threading.Event, round_stop: threading.Event) -> None:
    """Set round_stop once stop is set; return as soon as either is."""
    while not round_stop.is_set():
        if stop.wait(0.2):
            round_stop.set()
