"""Make sure the province's root organisation exists, through the distributed path, and print what
a newcomer needs to talk to the gateway: the URL and a token for the root.

    python -m partyorg.processes.province      # run by deploy/local/platform.sh up
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import date
from pathlib import Path

from gateway.auth import issue_token, load_or_create_key
from gateway.clients.rpc import RpcClient
from kit.envelope import Actor, CommandContext
from partyorg.distributed import Settings
from partyorg.services import SERVICES, metrics_port, metrics_port_offset
from services.membership.api import CreateOrganisation
from services.membership.declaration import DECLARATION as MEMBERSHIP

from . import runtime

ROOT_NAME = {"NB": "Đảng bộ tỉnh Ninh Bình", "HUE": "Đảng bộ thành phố Huế"}
ROOT_WAIT_S = 60
ROOT_COMMAND = uuid.UUID("0a7a9f5c-58f4-4d1e-9b6e-3c1f4d2a0001")  # one root per province


def main() -> None:
    runtime.configure_logs()
    amqp = runtime.setting("PARTYORG_AMQP_URI", "RabbitMQ's AMQP URI")
    province = os.environ.get("PARTYORG_PROVINCE", "NB")
    membership = RpcClient.of(MEMBERSHIP, amqp, province, timeout=30,
                              service_name=Settings.for_service(MEMBERSHIP).rpc_name)
    try:
        roots = membership.queries.roots()
        if not roots:
            command_id = str(uuid.uuid5(ROOT_COMMAND, province))
            name = ROOT_NAME.get(province, f"Đảng bộ tỉnh {province}")
            membership.service.execute(
                CreateOrganisation(name, "provincial_committee", None, date(1930, 2, 3)),
                CommandContext(command_id, province, Actor("platform-setup", "system")))
            # the reply waits for the read models only so long (a busy machine): then poll
            deadline = time.monotonic() + ROOT_WAIT_S
            while not (roots := membership.queries.roots()) and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        membership.close()
    if not roots:
        runtime.fail(f"province {province}'s root organisation was created but its read models "
                     f"did not show it within {ROOT_WAIT_S} s: is membership-projections running?")
    root = roots[0]
    key = load_or_create_key(Path(os.environ.get("PARTYORG_SIGNING_KEY", "var/keys/signing.key")))
    token = issue_token(key, user="ban-to-chuc", roles=["organisation_commission"], org=root.id,
                        province=province, organ="organisation_board")
    port = os.environ.get("PARTYORG_GATEWAY_PORT", "8000")
    offset = metrics_port_offset()
    # `make token`/`make seed-up` act on NB unless told PROVINCE=<code>
    which = "" if province == "NB" else f" PROVINCE={province}"
    print(f"\nprovince {province}: {root.name} ({root.id})")
    print(f"GraphQL:    http://127.0.0.1:{port}/graphql")
    print(f"Metrics:    http://127.0.0.1:{port}/metrics (gateway); per service: "
          + "; ".join(f"{d.name} :{metrics_port('service', d.name, offset=offset)} service, "
                      f":{metrics_port('relay', d.name, offset=offset)} relay, "
                      f":{metrics_port('projections', d.name, offset=offset)} projections"
                      for d in SERVICES))
    print(f"Token for the province root (organisation_commission, 12 h):\n  {token}")
    print(f"More tokens:   make token UP=1{which} ORG=root ROLE=viewer")
    if province == "NB":  # the demo province's plan is NB's (Yên Mô)
        print("The demo province, through the commands (a few minutes; SCALE=1 for all of it):\n"
              "  make seed-up")


if __name__ == "__main__":
    main()
