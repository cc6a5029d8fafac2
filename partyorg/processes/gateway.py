"""The gateway process: GraphQL over HTTP, membership and meetings reached through RPC
(RpcMembership, RpcMeetings).

    python -m partyorg.processes.gateway    # http://127.0.0.1:8000/graphql, /metrics, /healthz

Needs PARTYORG_AMQP_URI. PARTYORG_GATEWAY_HOST / PARTYORG_GATEWAY_PORT (127.0.0.1:8000),
PARTYORG_SIGNING_KEY (var/keys/signing.key, made on first use), PARTYORG_PROVINCE (NB),
PARTYORG_RPC_TIMEOUT (seconds, 15), PARTYORG_MEMBERSHIP_RPC_NAME (membership),
PARTYORG_MEETINGS_RPC_NAME (meetings).
"""

from __future__ import annotations

import logging
import os
import signal

from gateway.auth import load_or_create_key
from gateway.clients.meetings_rpc import MeetingsUnavailable, RpcMeetings
from gateway.clients.membership_rpc import MembershipUnavailable, RpcMembership
from gateway.server import create_app, serve

from . import runtime

log = logging.getLogger("partyorg.processes.gateway")
DEFAULT_KEY = "var/keys/signing.key"


def main() -> None:
    runtime.configure_logs()
    amqp_uri = runtime.setting("PARTYORG_AMQP_URI", "the RabbitMQ URI")
    runtime.require(lambda: runtime.check_rabbitmq(amqp_uri))
    key_path = os.environ.get("PARTYORG_SIGNING_KEY", DEFAULT_KEY)
    try:
        key = load_or_create_key(key_path)
    except (OSError, ValueError) as exc:
        runtime.fail(f"cannot use the signing key {key_path}: {exc}")
    province = os.environ.get("PARTYORG_PROVINCE", "NB")
    timeout = float(os.environ.get("PARTYORG_RPC_TIMEOUT", 15))
    membership = RpcMembership(
        amqp_uri, province, timeout=timeout,
        service_name=os.environ.get("PARTYORG_MEMBERSHIP_RPC_NAME", "membership"))
    meetings = RpcMeetings(amqp_uri, province, timeout=timeout,
                           service_name=os.environ.get("PARTYORG_MEETINGS_RPC_NAME", "meetings"))
    for name, service, unavailable in (("membership", membership, MembershipUnavailable),
                                       ("meetings", meetings, MeetingsUnavailable)):
        try:
            log.info(f"{name} service answers", extra=service.health())
        except unavailable as exc:  # it may start after us: /healthz says 503 until then
            log.warning(f"{name} service not answering yet", extra={"error": str(exc)})
    host = os.environ.get("PARTYORG_GATEWAY_HOST", "127.0.0.1")
    port = int(os.environ.get("PARTYORG_GATEWAY_PORT", 8000))
    # uvicorn stops gracefully on SIGTERM/SIGINT, then re-raises the signal to the handler it
    # found: make that one a no-op, so a clean stop exits 0 like the other processes
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda signum, frame: None)
    try:
        serve(create_app(membership, key, meetings=meetings), host=host, port=port)
    finally:
        meetings.close()
        membership.close()
    log.info("gateway stopped")


if __name__ == "__main__":
    main()
