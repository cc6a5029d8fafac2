"""The published contracts read by a validator that is not Python: Ajv (Node.js) in strict mode,
through contracts/validate/validate.js, the command contracts/README.md gives integrators.

Its npm packages (contracts/validate/package-lock.json) are installed once into
var/contracts-validate/ and reused until the lock file changes. Without node or npm the tests
skip, and fail under CI=true.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kit.testing.services import require_binary

NODE = "apt-get install nodejs npm (Node.js 18 or later)"
REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "contracts" / "validate"  # package.json, package-lock.json, validate.js
CACHE = REPO / "var" / "contracts-validate"


@dataclass(frozen=True)
class AjvReport:
    ok: bool
    summary: str  # "<n> schemas compiled by Ajv <version> (strict), <m> envelopes checked, …"
    problems: list[str]


def ajv_check(contracts: Path, envelopes: Iterable[dict[str, Any]] = (),
              workdir: Path | None = None) -> AjvReport:
    """Compile every schema under `contracts` (the repository's, or a copy) with Ajv (strict),
    then validate the envelopes, written as JSON Lines into `workdir`, and their data."""
    node = require_binary("node", NODE)
    modules = installed_packages(PACKAGE, CACHE)
    files = []
    envelopes = list(envelopes)
    if envelopes:
        assert workdir is not None, "envelopes are written to workdir for node to read"
        file = workdir / "envelopes.jsonl"
        file.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in envelopes),
                        encoding="utf-8")
        files.append(str(file))
    done = subprocess.run([node, str(contracts / "validate" / "validate.js"), *files],
                          env={**os.environ, "NODE_PATH": str(modules)},
                          capture_output=True, text=True, timeout=120)
    if done.returncode not in (0, 1):
        pytest.fail(f"validate.js crashed ({done.returncode}):\n{done.stderr}")
    report = AjvReport(done.returncode == 0, done.stdout.strip(), done.stderr.splitlines())
    assert report.ok == (report.problems == []), done.stderr
    return report


def installed_packages(package: Path, cache: Path) -> Path:
    """`npm ci` of `package` into `cache` unless its lock file is already installed there;
    returns the node_modules folder. A lock serialises pytest processes sharing var/."""
    npm = require_binary("npm", NODE)
    cache.mkdir(parents=True, exist_ok=True)
    wanted = hashlib.sha256(b"".join((package / name).read_bytes()
                                     for name in ("package.json", "package-lock.json"))).hexdigest()
    stamp = cache / "installed.sha256"  # written only after npm ci succeeded
    with open(cache / "install.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if not stamp.is_file() or stamp.read_text() != wanted:
            stamp.unlink(missing_ok=True)
            for name in ("package.json", "package-lock.json"):
                shutil.copyfile(package / name, cache / name)
            done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                                  cwd=cache, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                pytest.fail(f"npm ci in {cache} failed:\n{done.stdout}\n{done.stderr}")
            stamp.write_text(wanted)
    return cache / "node_modules"
