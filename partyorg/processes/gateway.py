"""The gateway process: GraphQL over HTTP, every declared service reached through RPC.

    python -m partyorg.processes.gateway    # http://127.0.0.1:8000/graphql, /metrics, /healthz

Needs PARTYORG_AMQP_URI. PARTYORG_GATEWAY_HOST / PARTYORG_GATEWAY_PORT (127.0.0.1:8000),
PARTYORG_SIGNING_KEY (var/keys/signing.key: the key set, made on first use), PARTYORG_PROVINCE (NB),
PARTYORG_CENTRAL_JWKS (optional: the central commission's JWKS file or URL; its tokens then read
statistics here, gateway/central_tokens.py),
PARTYORG_RPC_TIMEOUT (seconds a query waits for its service, 15), PARTYORG_RPC_COMMAND_TIMEOUT
(seconds a command waits, by default PARTYORG_RPC_TIMEOUT; keep it above the services'
PARTYORG_RPC_VISIBILITY_TIMEOUT, 5, plus a command's own time: a command not answered by then is
answered CommandNotConfirmed, to be retried with its command id), PARTYORG_<SERVICE>_RPC_NAME
(the service's name).
"""

from __future__ import annotations

import logging
import os
import signal

from gateway.auth import load_or_create_key
from gateway.clients.rpc import RpcClient, ServiceUnavailable
from gateway.server import create_app, serve
from partyorg.distributed import Settings
from partyorg.services import SERVICES

from . import runtime

log = logging.getLogger("partyorg.processes.gateway")
DEFAULT_KEY = "var/keys/signing.key"


def main() -> None:
    runtime.configure_logs()
    amqp_uri = runtime.setting("PARTYORG_AMQP_URI", "the RabbitMQ URI")
    runtime.require(lambda: runtime.check_rabbitmq(amqp_uri))
    key_path = os.environ.get("PARTYORG_SIGNING_KEY", DEFAULT_KEY)
    try:
        # in Kubernetes each pod has its own copy of the Secret: an HS256 secret of before turned
        # into a key set there would be a different one in each pod, so it is refused instead
        key = load_or_create_key(key_path, migrate="KUBERNETES_SERVICE_HOST" not in os.environ)
    except (OSError, ValueError) as exc:
        runtime.fail(f"cannot use the signing key {key_path}: {exc}")
    timeout = float(os.environ.get("PARTYORG_RPC_TIMEOUT", 15))
    command_timeout = float(os.environ.get("PARTYORG_RPC_COMMAND_TIMEOUT", timeout))
    clients: dict[str, RpcClient] = {}
    for declaration in SERVICES:
        settings = Settings.for_service(declaration)
        clients[declaration.name] = client = RpcClient.of(
            declaration, amqp_uri, settings.province, timeout=timeout,
            command_timeout=command_timeout, service_name=settings.rpc_name)
        try:
            log.info(f"{declaration.name} service answers", extra=client.health())
        except ServiceUnavailable as exc:  # it may start after us: /healthz says so until then
            log.warning(f"{declaration.name} service not answering yet",
                        extra={"error": str(exc)})
    host = os.environ.get("PARTYORG_GATEWAY_HOST", "127.0.0.1")
    port = int(os.environ.get("PARTYORG_GATEWAY_PORT", 8000))
    # uvicorn stops gracefully on SIGTERM/SIGINT, then re-raises the signal to the handler it
    # found: make that one a no-op, so a clean stop exits 0 like the other processes
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda signum, frame: None)
    try:
        serve(create_app(clients, key), host=host, port=port)
    finally:
        for client in clients.values():
            client.close()
    log.info("gateway stopped")


if __name__ == "__main__":
    main()
