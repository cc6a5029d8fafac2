"""The import boundaries hold: each service is reached through its published api (or its
declaration), services do not import each other, a domain does no I/O, a service's layers point
downwards, and the kit core imports no adapter. The contracts are in pyproject.toml
([tool.importlinter]); import-linter reads the source, it imports nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")  # the dev extra installs it


def test_no_import_crosses_a_declared_boundary():
    assert LINT_IMPORTS.exists(), f"no {LINT_IMPORTS}: pip install -e '.[dev]'"
    run = subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, ("an import crosses a boundary (pyproject.toml "
                                 f"[tool.importlinter]):\n{run.stdout}{run.stderr}")
