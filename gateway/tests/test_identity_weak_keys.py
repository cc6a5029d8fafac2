"""The map that keeps a plan per operation: found by the key's identity, gone with the key."""

from __future__ import annotations

import gc

from graphql import parse

from gateway.plain_fields import IdentityWeakKeys


def test_a_value_is_found_by_its_own_key_only_not_by_an_equal_one() -> None:
    kept: IdentityWeakKeys[object, str] = IdentityWeakKeys()
    first, again = parse("{ a { b } }").definitions[0], parse("{ a { b } }").definitions[0]
    assert first == again  # graphql-core's nodes compare by value

    kept[first] = "plans"

    assert kept.get(first) == "plans" and first in kept
    assert kept.get(again) is None and again not in kept


def test_an_entry_goes_when_its_key_is_collected_and_a_new_key_starts_empty() -> None:
    kept: IdentityWeakKeys[object, list[int]] = IdentityWeakKeys()
    keys = [parse(f"{{ f{i} }}").definitions[0] for i in range(50)]
    for i, key in enumerate(keys):
        kept[key] = [i]
    assert len(kept) == 50

    del keys, key
    gc.collect()

    assert len(kept) == 0
    fresh = [parse(f"{{ g{i} }}").definitions[0] for i in range(50)]  # ids may be reused
    assert all(kept.get(k) is None for k in fresh)
