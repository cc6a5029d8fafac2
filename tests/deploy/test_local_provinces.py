"""The provinces `make up` runs side by side (partyorg/local_provinces.py): nothing one province's
processes use is the other's, NB keeps a single province's names, and Prometheus scrapes every
process of both, labelled by province, and the federation."""

from __future__ import annotations

from pathlib import Path

import pytest

from partyorg import local_provinces as lp
from partyorg.manifests import processes
from partyorg.services import SERVICES

from .conftest import DEPLOY

SERVERS = {"PARTYORG_PG_DSN": "postgresql://partyorg:partyorg@127.0.0.1:5432/partyorg_test",
           "PARTYORG_AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/"}


def envs(base: dict[str, str] = SERVERS) -> dict[str, dict[str, str]]:
    return {p.code: lp.province_env(p, base, Path("var")) for p in lp.PROVINCES}


def test_no_two_provinces_share_a_database_topic_rpc_name_group_port_or_key():
    by_province = envs()
    assert set(by_province) == {"NB", "HUE"}
    shared = {"PARTYORG_PROVINCE", "PARTYORG_METRICS_PORT_OFFSET"}
    for name in set(by_province["NB"]) - shared:
        assert by_province["NB"][name] != by_province["HUE"][name], name
    ports = [p.port for code, env in by_province.items()
             for p in processes(offset=int(env["PARTYORG_METRICS_PORT_OFFSET"]),
                                gateway_port=int(env["PARTYORG_GATEWAY_PORT"]))]
    ports.append(lp.gateway_port(None, SERVERS))  # the federation
    assert len(ports) == len(set(ports))


def test_nb_keeps_the_names_of_a_single_province_and_hue_prefixes_them_with_its_code():
    nb, hue = envs()["NB"], envs()["HUE"]
    assert nb["PARTYORG_PG_DSN"].endswith("@127.0.0.1:5432/partyorg")  # not the tests' one
    assert hue["PARTYORG_PG_DSN"].endswith("@127.0.0.1:5432/partyorg_hue")
    assert (nb["PARTYORG_MEMBERSHIP_TOPIC"], hue["PARTYORG_MEMBERSHIP_TOPIC"]) == (
        "membership.events", "HUE.membership.events")
    assert (nb["PARTYORG_MEMBERSHIP_RPC_NAME"], hue["PARTYORG_MEMBERSHIP_RPC_NAME"]) == (
        "membership", "hue_membership")
    assert (nb["PARTYORG_GATEWAY_PORT"], hue["PARTYORG_GATEWAY_PORT"]) == ("8000", "8001")
    assert (nb["PARTYORG_SIGNING_KEY"], hue["PARTYORG_SIGNING_KEY"]) == (
        "var/keys/signing.key", "var/keys/HUE/signing.key")
    assert hue["PARTYORG_DATA_KEK_FILE"] == "var/keys/HUE/data.kek"
    for d in SERVICES:  # every service's settings, so a follower reads its own province's topic
        assert hue[f"PARTYORG_{d.name.upper()}_TOPIC"] == f"HUE.{d.topic}"


def test_a_run_of_its_own_moves_every_name_and_port():
    base = {**SERVERS, "PARTYORG_LOCAL_PREFIX": "t1_", "PARTYORG_GATEWAY_PORT": "18000",
            "PARTYORG_METRICS_PORT_OFFSET": "10000"}
    hue = envs(base)["HUE"]
    assert hue["PARTYORG_PG_DSN"].endswith("/t1_partyorg_hue")
    assert envs(base)["NB"]["PARTYORG_PG_DSN"].endswith("/t1_partyorg")
    assert hue["PARTYORG_MEMBERSHIP_TOPIC"] == "t1_HUE.membership.events"
    assert hue["PARTYORG_MEMBERSHIP_RPC_NAME"] == "t1_hue_membership"
    assert (hue["PARTYORG_GATEWAY_PORT"], hue["PARTYORG_METRICS_PORT_OFFSET"]) == ("18001",
                                                                                   "10100")
    assert lp.federation_arguments(base)[:2] == ["--port", "18002"]


def test_bad_settings_are_refused_by_name():
    with pytest.raises(SystemExit, match="PARTYORG_GATEWAY_PORT='x'"):
        envs({**SERVERS, "PARTYORG_GATEWAY_PORT": "x"})
    with pytest.raises(SystemExit, match="PARTYORG_METRICS_PORT_OFFSET='ten'"):
        envs({**SERVERS, "PARTYORG_METRICS_PORT_OFFSET": "ten"})
    with pytest.raises(SystemExit, match="no local province 'HN'"):
        lp.province("HN")


def test_a_key_value_dsn_gets_the_province_database_too():
    hue = envs({"PARTYORG_PG_DSN": "host=127.0.0.1 user=partyorg dbname=partyorg_test"})["HUE"]
    assert "dbname=partyorg_hue" in hue["PARTYORG_PG_DSN"]


def test_prometheus_scrapes_both_provinces_processes_labelled_by_province_and_the_federation(
        yaml_lint):
    config = yaml_lint.load((DEPLOY / "prometheus" / "prometheus.yml").read_text("utf-8"),
                            "prometheus.yml")
    scraped = {(t, job["job_name"], static["labels"].get("process"),
                static["labels"].get("province"))
               for job in config["scrape_configs"] for static in job.get("static_configs", [])
               for t in static["targets"] if "labels" in static}
    expected = set()
    for code, env in envs().items():
        for p in processes(offset=int(env["PARTYORG_METRICS_PORT_OFFSET"]),
                           gateway_port=int(env["PARTYORG_GATEWAY_PORT"])):
            expected.add((f"127.0.0.1:{p.port}", p.job, p.service or None, code))
    expected.add(("127.0.0.1:8002", "federation", None, None))
    assert scraped == expected
