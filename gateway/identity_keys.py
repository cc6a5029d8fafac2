"""A value per key object, found by the key's identity and held while the key is."""

from __future__ import annotations

from typing import Any, Generic, TypeVar
from weakref import ref

K = TypeVar("K")
V = TypeVar("V")


class IdentityWeakKeys(Generic[K, V]):
    """A value per key object, held while the key is, found by the key's identity. (A
    WeakKeyDictionary hashes its key: graphql-core's nodes are frozen dataclasses whose hash
    walks the whole operation, 8-11 us a typical query's at each execution.)"""

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[ref[Any], V]] = {}

    def get(self, key: K) -> V | None:
        found = self._by_id.get(id(key))
        return found[1] if found is not None and found[0]() is key else None

    def __setitem__(self, key: K, value: V) -> None:
        by_id, at = self._by_id, id(key)

        def gone(dead: ref[Any]) -> None:  # run as the key is collected: its id is not reused yet
            if (entry := by_id.get(at)) is not None and entry[0] is dead:
                del by_id[at]

        by_id[at] = (ref(key, gone), value)

    def __contains__(self, key: K) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return len(self._by_id)
