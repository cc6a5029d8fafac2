"""Data keys in memory (kit/shredding.py), for the unit tier: gone with the process."""

from __future__ import annotations

import threading
from collections.abc import Collection
from datetime import datetime

from kit.shredding import Shredding


class MemoryKeyStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: dict[str, bytes | None] = {}
        self._audit: dict[str, Shredding] = {}

    def wrapped(self, subjects: Collection[str]) -> dict[str, bytes | None]:
        with self._lock:
            return {s: self._keys[s] for s in subjects if s in self._keys}

    def add(self, subject: str, wrapped: bytes, at: datetime) -> bytes | None:
        with self._lock:
            return self._keys.setdefault(subject, wrapped)

    def destroy(self, subject: str, at: datetime, by: str, reason: str) -> bool:
        with self._lock:
            if subject in self._audit:
                return False
            self._keys[subject] = None  # the only reference: the bytes go with it
            self._audit[subject] = Shredding(subject, at, by, reason)
            return True

    def shredding(self, subject: str) -> Shredding | None:
        with self._lock:
            return self._audit.get(subject)

    def close(self) -> None:
        pass
