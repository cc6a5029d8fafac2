"""The meetings service process: a nameko container serving MeetingsRpc over RabbitMQ.

    python -m partyorg.processes.meetings_service   # metrics on PARTYORG_METRICS_PORT (8102)

Needs PARTYORG_AMQP_URI and PARTYORG_PG_DSN (and the schema/topic settings of
meetings.bootstrap.Settings). PARTYORG_RPC_WORKERS bounds concurrent calls (default 10);
PARTYORG_MEETINGS_RPC_NAME serves it under another name (default meetings). It runs as the
membership service process does (rpc_process.serve): a container that dies on a broker
restart is replaced by a fresh one.
"""

from . import rpc_process  # first: it patches eventlet in before anything else is imported

METRICS_PORT = 8102


def main() -> None:
    from services.meetings.adapters.rpc import SERVICE_NAME, meetings_service
    from services.meetings.bootstrap import Settings

    rpc_process.serve(SERVICE_NAME, meetings_service, Settings.from_env,
                      name_env="PARTYORG_MEETINGS_RPC_NAME", metrics_port=METRICS_PORT)


if __name__ == "__main__":
    main()
