"""`partyorg demo` (make demo) on a fresh folder serves the second province and the federation
beside the first: a federated query with the printed tokens answers with both provinces."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

from .serving import free_port


def _ready(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def test_the_demo_serves_two_provinces_and_the_federation_over_them(tmp_path):
    port = free_port()
    while any(_taken(p) for p in (port + 1, port + 2)):
        port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "partyorg.cli", "demo", "--data", str(tmp_path / "demo"),
         "--port", str(port), "--scale", "0.05", "--key", str(tmp_path / "keys" / "nb.key")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    try:
        assert _ready(f"http://127.0.0.1:{port + 2}/healthz", 90), "no federation served"
        assert process.stdout is not None
        while not any("Tokens for the federation" in line for line in lines[:-1]):
            lines.append(process.stdout.readline())
        tokens = lines[-1].strip()
        while not any("Token of the central" in line for line in lines[:-1]):
            lines.append(process.stdout.readline())
        central = lines[-1].strip()
        query = "{ provinces { code health } federatedCounts { byProvince { province } } }"
        answer = _ask(port + 2, query, tokens)
        statistics = _ask(port + 2, "{ federatedCounts { total { onRolls } byProvince { "
                                    "province counts { onRolls } } } }", central)
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert "errors" not in answer, answer
    assert answer["data"]["provinces"] == [{"code": "NB", "health": "UP"},
                                           {"code": "HUE", "health": "UP"}]
    assert [p["province"] for p in answer["data"]["federatedCounts"]["byProvince"]] == [
        "NB", "HUE"]
    # the central commission's token: both provinces' counts, summed
    assert "errors" not in statistics, statistics
    counts = statistics["data"]["federatedCounts"]
    assert [p["province"] for p in counts["byProvince"]] == ["NB", "HUE"]
    assert counts["total"]["onRolls"] == sum(p["counts"]["onRolls"]
                                             for p in counts["byProvince"]) > 0


def _ask(port: int, query: str, tokens: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {tokens}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _taken(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False
