"""The membership service process: a nameko container serving MembershipRpc over RabbitMQ.

    python -m partyorg.processes.membership_service   # metrics on PARTYORG_METRICS_PORT (8101)

Needs PARTYORG_AMQP_URI and PARTYORG_PG_DSN (and the schema/topic settings of
membership.bootstrap.Settings). PARTYORG_RPC_WORKERS bounds concurrent calls (default 10);
PARTYORG_MEMBERSHIP_RPC_NAME serves it under another name (default membership). The loop is
rpc_process.serve's: a container that dies on a broker restart is replaced by a fresh one.
"""

from . import rpc_process  # first: it patches eventlet in before anything else is imported

METRICS_PORT = 8101


def main() -> None:
    from services.membership.adapters.rpc import SERVICE_NAME, membership_service
    from services.membership.bootstrap import Settings

    rpc_process.serve(SERVICE_NAME, membership_service, Settings.from_env,
                      name_env="PARTYORG_MEMBERSHIP_RPC_NAME", metrics_port=METRICS_PORT)


if __name__ == "__main__":
    main()
