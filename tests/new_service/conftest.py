"""The throwaway notes service beside this file, importable by its folder name (here and in the
processes the RPC test starts)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
