"""Running the demo: deterministic seeding, reuse on the second run, resume after a crash,
tokens, and the seeded province answering over GraphQL."""

from __future__ import annotations

import json
import warnings

import pytest

from demo import SeedError
from gateway.auth import load_or_create_key, load_or_create_keys, verify_token
from gateway.server import create_app
from partyorg import cli, demo_banner, demo_data
from partyorg.embedded import build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP

from .conftest import SMALL

with warnings.catch_warnings():  # starlette nudges towards httpx2; httpx is what we pin
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient


def tree_counts(data) -> dict[str, dict[str, int]]:
    membership = build_service(MEMBERSHIP, data, demo_data.PROVINCE)
    try:
        tree = membership.queries.organisation_tree(demo_data.root_id(membership))
        out, nodes = {}, [tree]
        while nodes:
            node = nodes.pop()
            nodes.extend(node.children)
            out[node.organisation.name] = node.subtree_counts
        return out
    finally:
        membership.close()


def test_the_same_seed_gives_the_same_province(demo, tmp_path):
    again = demo_data.seed(tmp_path / "again", scale=SMALL)
    assert (again["commands"], again["events"], again["by_command"]) == (
        demo.marker["commands"], demo.marker["events"], demo.marker["by_command"])
    assert tree_counts(tmp_path / "again") == tree_counts(demo.data)
    other = demo_data.seed(tmp_path / "other", scale=SMALL, seed_value=7)
    assert tree_counts(tmp_path / "other") != tree_counts(demo.data)
    assert other["root_id"] != demo.marker["root_id"]


def test_a_second_run_reuses_the_data_without_seeding_again(demo, capsys):
    head = demo.membership.store.head_position()
    marker = demo_data.seed(demo.data, scale=SMALL)
    assert marker == demo.marker
    assert demo.membership.store.head_position() == head
    assert "reusing it" in capsys.readouterr().err


def test_an_interrupted_seeding_resumes_and_appends_nothing_twice(tmp_path):
    data = tmp_path / "demo"
    first = demo_data.seed(data, scale=SMALL)
    demo_data.write_marker(data, {"state": "seeding", "seed": 2025, "scale": SMALL})  # as if it died
    with pytest.raises(SeedError, match="unfinished seeding with seed 2025"):
        demo_data.seed(data, scale=SMALL, seed_value=7)  # another seed would add a second province
    resumed = demo_data.seed(data, scale=SMALL)
    assert resumed["duplicates"] == resumed["commands"] == first["commands"]
    membership = build_service(MEMBERSHIP, data, demo_data.PROVINCE)
    try:
        assert membership.store.head_position() == first["events"]
    finally:
        membership.close()


def test_the_token_command_prints_a_token_for_the_province_root(demo, tmp_path, capsys):
    key = tmp_path / "keys" / "signing.key"
    assert cli.main(["token", "--data", str(demo.data), "--org", "root", "--role", "viewer",
                     "--user", "ha", "--key", str(key)]) == 0
    claims = verify_token(load_or_create_keys(key), capsys.readouterr().out.strip(), demo_data.PROVINCE)
    assert (claims.org, claims.roles, claims.user) == (demo.marker["root_id"], ("viewer",), "ha")


def test_the_seeded_province_answers_over_graphql_with_the_printed_tokens(demo, tmp_path):
    key = load_or_create_key(tmp_path / "signing.key")
    access = demo_banner.demo_access(demo.membership, key)
    text = demo_banner.banner(access, "127.0.0.1", 8000)
    assert access.province_token in text and "http://127.0.0.1:8000/metrics" in text
    client = TestClient(create_app({"membership": demo.membership}, key))
    query = {"query": "{ organisationTree { organisation { name } subtreeCounts { onRolls } } }"}
    for token, name in ((access.province_token, "Đảng bộ tỉnh Ninh Bình"),
                        (access.branch_token, access.branch_name)):
        response = client.post("/graphql", json=query,
                               headers={"Authorization": f"Bearer {token}"})
        tree = json.loads(response.content)["data"]["organisationTree"]
        assert tree["organisation"]["name"] == name
        assert tree["subtreeCounts"]["onRolls"] > 0
    assert client.get("/metrics").status_code == 200
