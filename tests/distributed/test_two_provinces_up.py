"""`make up` as it runs: the real deploy/local/platform.sh starts both provinces (NB, HUE) and the
federation over them on the real servers. Both gateways answer, the federation sees both
healthy, and a command in HUE reaches HUE's topic and read models only, never NB's.

The run has names and ports of its own (PARTYORG_LOCAL_PREFIX, PARTYORG_GATEWAY_PORT,
PARTYORG_METRICS_PORT_OFFSET, PARTYORG_VAR_DIR), so a developer's `make up` on the same servers is
neither met nor stopped; what it made is removed afterwards.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg import sql

from gateway.auth import ORGANISATION_COMMISSION, issue_token, load_or_create_key
from kit.testing.leftovers import new_tag, remove
from kit.testing.services import require_env
from partyorg import local_provinces as lp
from partyorg.links import link_group
from partyorg.manifests import processes
from partyorg.services import SERVICES

pytestmark = [pytest.mark.slow, pytest.mark.infra]
ROOT = Path(__file__).resolve().parents[2]
PLATFORM = ROOT / "deploy" / "local" / "platform.sh"
SERVERS = ("PARTYORG_PG_DSN", "PARTYORG_AMQP_URI", "PARTYORG_KAFKA_BOOTSTRAP")

CREATE = """mutation Create($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    __typename ... on OrganisationCommandSucceeded { organisationId } ... on Error { code } } }"""
ORGANISATION = "query Org($id: ID!) { organisation(id: $id) { name } }"
PROVINCES = "{ provinces { code health } }"


def free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports() -> tuple[int, int]:
    """A gateway base port and a metrics offset whose every port (both provinces' processes,
    the federation) is free now."""
    for base in range(21000, 60000, 1000):
        offset = base + 100 - 8000  # NB's metrics at base+2xx, HUE's at base+3xx
        env = {"PARTYORG_GATEWAY_PORT": str(base), "PARTYORG_METRICS_PORT_OFFSET": str(offset)}
        ports = [lp.gateway_port(None, env)]
        for p in lp.PROVINCES:
            ports += [q.port for q in processes(offset=offset + lp.METRICS_STEP * p.place,
                                                gateway_port=lp.gateway_port(p, env))]
        if all(free(port) for port in ports):
            return base, offset
    pytest.fail("no free ports for the two provinces")


def platform(action: str, env: dict[str, str], timeout: float = 180) -> str:
    run = subprocess.run(["bash", str(PLATFORM), action], env=env, cwd=ROOT, text=True,
                         capture_output=True, timeout=timeout)
    assert run.returncode == 0, f"platform.sh {action}:\n{run.stdout}\n{run.stderr[-4000:]}"
    return run.stdout


def end_offsets(bootstrap: str, topic: str) -> int:
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
        return sum(consumer.end_offsets(partitions).values())
    finally:
        consumer.close()


@pytest.fixture(scope="module")
def up(tmp_path_factory) -> Iterator[dict]:
    servers = {name: require_env(name, "deploy/local/up.sh, then source var/local-env.sh")
               for name in SERVERS}
    tag = new_tag()
    var = tmp_path_factory.mktemp("var")
    # the servers' addresses, as up.sh writes them
    (var / "local-env.sh").write_text("".join(f"export {name}={value}\n"
                                              for name, value in servers.items()), "utf-8")
    base, offset = free_ports()
    env = {**os.environ, "PARTYORG_VAR_DIR": str(var), "PARTYORG_LOCAL_PREFIX": f"{tag}_",
           "PARTYORG_GATEWAY_PORT": str(base), "PARTYORG_METRICS_PORT_OFFSET": str(offset),
           "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    province_envs = {p.code: lp.province_env(p, {**env, **servers}, var) for p in lp.PROVINCES}
    try:
        started = time.monotonic()
        banner = platform("up", env)
        yield {"banner": banner, "var": var, "base": base, "envs": province_envs,
               "kafka": servers["PARTYORG_KAFKA_BOOTSTRAP"], "up_seconds": time.monotonic() - started}
    finally:
        stopped = platform("down", env, timeout=120)
        queues, topics, groups = [], [], []
        for province_env in province_envs.values():
            for d in SERVICES:
                own = f"PARTYORG_{d.name.upper()}"
                queues.append(f"rpc-{province_env[f'{own}_RPC_NAME']}")
                topics += [province_env[f"{own}_TOPIC"], f"{province_env[f'{own}_TOPIC']}.dlq"]
                groups.append(province_env[f"{own}_PROJECTION_GROUP"])
            groups += [link_group(province_env["PARTYORG_MEMBERSHIP_PROJECTION_GROUP"], p.code)
                       for p in lp.PROVINCES]  # the transfer links' groups
        remove(kafka=servers["PARTYORG_KAFKA_BOOTSTRAP"], topics=topics, groups=groups,
               amqp_uri=servers["PARTYORG_AMQP_URI"], queues=queues)
        with psycopg.connect(servers["PARTYORG_PG_DSN"], autocommit=True) as conn:
            for database in (f"{tag}_{p.database}" for p in lp.PROVINCES):
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                             .format(sql.Identifier(database)))
        assert "running" not in platform("status", env), stopped


def gql(url: str, token: str, query: str, variables: dict | None = None) -> dict:
    response = httpx.post(f"{url}/graphql", json={"query": query, "variables": variables or {}},
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def access(up) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Each province's root, gateway URL and an organisation commission's token there."""
    roots = dict(re.findall(r"^province (\w+): .* \(([0-9a-f-]{36})\)$", up["banner"], re.M))
    assert set(roots) == {"NB", "HUE"}, up["banner"]
    urls = {code: f"http://127.0.0.1:{up['envs'][code]['PARTYORG_GATEWAY_PORT']}"
            for code in roots}
    tokens = {code: issue_token(load_or_create_key(Path(up["envs"][code]["PARTYORG_SIGNING_KEY"])),
                                user="tester", roles=[ORGANISATION_COMMISSION], org=roots[code],
                                province=code) for code in roots}
    return roots, urls, tokens


def test_both_provinces_and_the_federation_run_apart(up):
    roots, urls, tokens = access(up)
    for code, url in urls.items():
        assert httpx.get(f"{url}/healthz", timeout=10).json()["status"] == "ok", code
    federation = f"http://127.0.0.1:{up['base'] + lp.FEDERATION_PLACE}"
    assert f"Federation over NB and HUE: {federation}/graphql" in up["banner"]

    deadline = time.monotonic() + 30
    while True:  # both UP once each gateway's read models report no lag
        answer = gql(federation, ",".join(tokens.values()), PROVINCES)
        if answer.get("data") and all(p["health"] == "UP" for p in answer["data"]["provinces"]):
            break
        assert time.monotonic() < deadline, answer
        time.sleep(0.5)
    assert {p["code"] for p in answer["data"]["provinces"]} == {"NB", "HUE"}
    assert "partyorg_federation_request_duration_seconds" in httpx.get(
        f"{federation}/metrics", timeout=10).text

    topic = {code: up["envs"][code]["PARTYORG_MEMBERSHIP_TOPIC"] for code in roots}
    before = {code: end_offsets(up["kafka"], t) for code, t in topic.items()}
    created = gql(urls["HUE"], tokens["HUE"], CREATE, {"input": {
        "commandId": str(uuid.uuid4()), "name": "Đảng ủy phường Vỹ Dạ", "type": "COMMUNE_COMMITTEE",
        "parentId": roots["HUE"], "establishedOn": "2025-07-01"}})["data"]["createOrganisation"]
    assert created["__typename"] == "CreateOrganisationSucceeded", created
    ward = created["organisationId"]

    assert gql(urls["HUE"], tokens["HUE"], ORGANISATION, {"id": ward})["data"][
        "organisation"] == {"name": "Đảng ủy phường Vỹ Dạ"}
    in_nb = gql(urls["NB"], tokens["NB"], ORGANISATION, {"id": ward})
    assert not (in_nb.get("data") or {}).get("organisation"), in_nb
    after = {code: end_offsets(up["kafka"], t) for code, t in topic.items()}
    assert after["HUE"] > before["HUE"] and after["NB"] == before["NB"], (before, after)
    print(f"both provinces and the federation up in {up['up_seconds']:.1f} s")


def succeed(url: str, token: str, mutation: str, input_type: str, fields: dict,
            selection: str = "") -> dict:
    query = (f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ __typename "
             f"... on Error {{ code message }} {selection} }} }}")
    answer = gql(url, token, query, {"input": {"commandId": str(uuid.uuid4()), **fields}})
    result = answer["data"][mutation]
    assert result["__typename"].endswith("Succeeded") or result["__typename"].endswith(
        "Answered"), result
    return result


def eventually(probe, what: str, timeout: float = 45):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)


def test_a_member_sent_from_nb_through_graphql_arrives_in_hue_over_kafka(up):
    """The saga over the real topics: NB's letter reaches HUE's link through NB's topic, HUE's
    receipt reaches NB's through HUE's; the federation then shows the pair matched."""
    roots, urls, tokens = access(up)
    org = "... on OrganisationCommandSucceeded { organisationId }"
    branch = {}
    for code, name in (("NB", "Chi bộ thôn Phú Thịnh"), ("HUE", "Chi bộ tổ dân phố 5")):
        branch[code] = succeed(urls[code], tokens[code], "createOrganisation",
                               "CreateOrganisationInput",
                               {"name": name, "type": "GRASSROOTS_BRANCH",
                                "parentId": roots[code], "establishedOn": "2025-07-01"},
                               org)["organisationId"]
    member = succeed(urls["NB"], tokens["NB"], "recordExistingMember",
                     "RecordExistingMemberInput", {
                         "organisationId": branch["NB"], "status": "OFFICIAL",
                         "profile": {"fullName": "Đinh Thị Huyền", "dateOfBirth": "1988-06-06",
                                     "gender": "FEMALE", "ethnicity": "Kinh",
                                     "hometown": "Gia Viễn, Ninh Bình",
                                     "citizenId": "037188004321", "education": "UPPER_SECONDARY",
                                     "politicalTheory": "ELEMENTARY", "occupation": "Kế toán"},
                         "admittedOn": "2012-05-19", "ceremonyOn": "2012-05-19",
                         "officialFrom": "2013-05-19"},
                     "... on MemberCommandSucceeded { memberId }")["memberId"]
    today = time.strftime("%Y-%m-%d")
    transfer = succeed(urls["NB"], tokens["NB"], "sendMemberToProvince",
                       "SendMemberToProvinceInput", {
                           "memberId": member, "toProvince": "HUE",
                           "toOrganisationId": branch["HUE"], "issuedOn": today,
                           "letterNumber": "88-GGT/BTCTU"},
                       "... on SendMemberToProvinceSucceeded { transferId }")["transferId"]
    sides = """query($org: ID!) { transfersBetweenProvinces(organisationId: $org) {
      transferId direction state } }"""

    def side(code: str) -> list[dict]:
        return gql(urls[code], tokens[code], sides, {"org": roots[code]})["data"][
            "transfersBetweenProvinces"]

    eventually(lambda: any(t["transferId"] == transfer and t["state"] == "awaiting"
                           for t in side("HUE")), "HUE's link to open NB's letter")
    succeed(urls["HUE"], tokens["HUE"], "acceptIncomingTransfer", "AcceptIncomingTransferInput",
            {"transferId": transfer, "receivedOn": today})
    eventually(lambda: any(t["transferId"] == transfer and t["state"] == "completed"
                           for t in side("NB")), "NB's link to close the letter")

    who = "query($id: ID!) { member(id: $id) { fullName status history { event } } }"
    in_hue = gql(urls["HUE"], tokens["HUE"], who, {"id": member})["data"]["member"]
    assert (in_hue["fullName"], in_hue["status"]) == ("Đinh Thị Huyền", "OFFICIAL")
    assert "CarriedFromProvince" in [h["event"] for h in in_hue["history"]]
    assert gql(urls["NB"], tokens["NB"], who, {"id": member})["data"]["member"][
        "status"] == "TRANSFERRED_OUT"
    federation = f"http://127.0.0.1:{up['base'] + lp.FEDERATION_PLACE}"
    matched = gql(federation, ",".join(tokens.values()),
                  "{ transferReconciliation { transfers { transferId status } } }")
    assert {"transferId": f"NB:{transfer}", "status": "MATCHED"} in matched["data"][
        "transferReconciliation"]["transfers"], matched
