"""`partyorg demo` on a fresh folder serves before the seeding ends, and the seeding it finishes
meanwhile writes the same province as a seeding on its own."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import urllib.request

from kit.testing.ports import free_port
from partyorg import demo_data

from .conftest import SMALL


def row_counts(db) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def wait_for(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                return response.status == 200
        except OSError:
            time.sleep(0.1)
    return False


def test_the_demo_serves_while_it_seeds_and_ends_with_the_same_province(tmp_path):
    data, port = tmp_path / "live", free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "partyorg.cli", "demo", "--data", str(data), "--port", str(port),
         "--scale", str(SMALL * 4), "--key", str(tmp_path / "signing.key"),
         # NB alone: with the federation, letters to and from HUE follow NB's seeding
         "--no-federation"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/healthz", 60), "the demo did not serve"
        marker = demo_data.read_marker(data)
        assert marker is not None and marker["state"] == "seeding"  # served before it finished
        deadline = time.monotonic() + 120
        while demo_data.read_marker(data)["state"] != "done" and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    assert "serving" in output and "seeded:" in output, output
    alone = demo_data.seed(tmp_path / "alone", scale=SMALL * 4)
    live = demo_data.read_marker(data)
    assert {k: live[k] for k in ("commands", "events", "by_command", "root_id")} == \
        {k: alone[k] for k in ("commands", "events", "by_command", "root_id")}
    assert json.dumps(live["meetings"]["by_command"]) == json.dumps(alone["meetings"]["by_command"])
    assert live["evaluations"]["by_command"] == alone["evaluations"]["by_command"]
    assert live["evaluations"]["levels_2025"] == alone["evaluations"]["levels_2025"]
    for db in ("membership-read.db", "meetings-read.db",  # the read models the server wrote
               "evaluations-read.db"):
        assert row_counts(data / db) == row_counts(tmp_path / "alone" / db), db
