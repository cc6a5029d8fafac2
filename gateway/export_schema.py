"""Write the schema's SDL to contracts/graphql/schema.graphql, the contract clients review.

    python -m gateway.export_schema [path]
"""

from __future__ import annotations

import sys
from pathlib import Path

from .schema import build_schema

CONTRACT = Path(__file__).resolve().parent.parent / "contracts" / "graphql" / "schema.graphql"


def schema_sdl() -> str:
    return str(build_schema()) + "\n"


def export_schema(path: str | Path = CONTRACT) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_sdl(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {export_schema(*sys.argv[1:2])}")
