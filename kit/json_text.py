"""Compact JSON text for stored and published events, through orjson (a C codec).

The store writes every event's data through `dumps` and every reader gets it back through
`loads`: both sit on the hot path of appending, reading the log, relaying and rebuilding, where
the standard library's encoder and decoder were several times slower. The text is the same
document `json.dumps(value, ensure_ascii=False, separators=(",", ":"))` writes (UTF-8, no
escapes for Vietnamese letters, no spaces); a value orjson refuses (an integer past 64 bits, a
key that is not text) goes through the standard library instead of failing.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def loads(text: str | bytes) -> Any:
    """Python values from JSON text; what orjson refuses but the standard library reads (NaN,
    written by earlier releases' encoder) goes through the standard library."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def dumps_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON of `value`."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def dumps(value: Any) -> str:
    """Compact JSON text of `value`."""
    return dumps_bytes(value).decode()


def dumps_sorted(value: Any) -> str:
    """Compact JSON text of `value` with every object's keys in order (one text per value)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
