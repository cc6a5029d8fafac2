"""The service process of a declared service: a nameko container serving it over RabbitMQ.

    python -m partyorg.processes.service membership   # metrics on PARTYORG_METRICS_PORT (8101
                                                      # for the first service, 8102, ...)

Needs PARTYORG_AMQP_URI and PARTYORG_PG_DSN (and the per-service settings of
partyorg.distributed.Settings). PARTYORG_RPC_WORKERS bounds concurrent calls (default 10);
PARTYORG_<SERVICE>_RPC_NAME serves it under another name. The loop is rpc_process.serve's: a
container that dies on a broker restart is replaced by a fresh one.
"""

from . import rpc_process  # first: it patches eventlet in before anything else is imported


def main(argv: list[str] | None = None) -> None:
    from partyorg.services import service_argument

    run(service_argument("python -m partyorg.processes.service", argv))


def run(declaration, default_metrics_port: int | None = None) -> None:
    """The service process of any declared service (kit.declaration), listed or not."""
    from partyorg.distributed import Settings, rpc_service
    from partyorg.services import metrics_port, metrics_port_offset

    rpc_process.serve(declaration.name, lambda: rpc_service(declaration),
                      lambda: Settings.for_service(declaration),
                      metrics_port=metrics_port("service", declaration.name,
                                               offset=metrics_port_offset())
                      if default_metrics_port is None else default_metrics_port)


if __name__ == "__main__":
    main()
