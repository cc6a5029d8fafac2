"""A page's cursor is the same text whichever way it is written: clients hold cursors across
releases, and one issued before must read back the same."""

from __future__ import annotations

import base64
import json
import random

import pytest

from kit.errors import InvalidInput
from kit.paging import decode_cursor, encode_cursor

# the cursor as it was first written: json's encoder (non-ASCII kept), then URL-safe base64
_FIRST = json.JSONEncoder(ensure_ascii=False)
ALPHABET = 'aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠ "\\/\x00\x1f\x7f\u2028😀?+/=~'


def _as_first_written(*key: object) -> str:
    return base64.urlsafe_b64encode(_FIRST.encode(key).encode()).decode()


def test_a_key_of_strings_is_written_as_it_always_was() -> None:
    rng = random.Random(15)
    for _ in range(5_000):
        key = tuple("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24)))
                    for _ in range(rng.randint(0, 4)))
        assert encode_cursor(*key) == _as_first_written(*key), key
        assert decode_cursor(encode_cursor(*key), arity=len(key)) == list(key) or not key


def test_a_key_with_other_values_is_written_by_the_encoder() -> None:
    assert encode_cursor("2026-01-02", 7, None) == _as_first_written("2026-01-02", 7, None)


def test_a_key_that_is_not_text_cannot_be_written_either_way() -> None:
    with pytest.raises(UnicodeEncodeError):
        _as_first_written("\ud800")
    with pytest.raises(UnicodeEncodeError):
        encode_cursor("\ud800")


def test_a_cursor_not_issued_here_is_refused() -> None:
    with pytest.raises(InvalidInput):
        decode_cursor(_as_first_written("a", 1), arity=2)
