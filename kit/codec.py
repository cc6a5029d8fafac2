"""Wire names for event classes, their JSON form, and upcasters for old schema versions.

Stored and published events carry a stable wire name (`membership.MemberAdmitted`) and a schema
version, never a Python path: moving or renaming a class cannot break replay.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from kit.json_decode import decoder
from kit.json_encode import to_jsonable
from kit.personal import Personal

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


@dataclasses.dataclass(frozen=True)
class WireType:
    name: str
    version: int
    cls: type
    personal: Personal | None = None  # its fields that are a person's data (kit/personal.py)


class EventCodec:
    """Maps event classes to wire names and versions; upcasts old versions on the way in.

    `types` is the table of (literal wire name, version, class[, Personal]): one name per class
    and one class per name, or the codec refuses it when it is built."""

    def __init__(self, types: Iterable[tuple[Any, ...]] = ()) -> None:
        self._by_class: dict[type, WireType] = {}
        self._by_name: dict[str, WireType] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}
        for name, version, cls, *personal in types:
            self.register(name, version, *personal)(cls)

    def register(self, name: str, version: int = 1,
                 personal: Personal | None = None) -> Callable[[type], type]:
        def decorate(cls: type) -> type:
            if name in self._by_name:
                raise ValueError(f"wire name {name} is taken by {self._by_name[name].cls!r}")
            if cls in self._by_class:
                raise ValueError(f"{cls!r} already has the wire name {self._by_class[cls].name}")
            if personal is not None:
                personal.check(name, cls)
            wire = WireType(name, version, cls, personal)
            self._by_class[cls] = wire
            self._by_name[name] = wire
            return cls

        return decorate

    def upcaster(self, name: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
        """Register a function turning version `from_version` data into `from_version + 1`."""

        def decorate(fn: Upcaster) -> Upcaster:
            self._upcasters[(name, from_version)] = fn
            return fn

        return decorate

    def wire_of(self, event: object) -> WireType:
        return self._by_class[type(event)]

    def encode(self, event: object) -> tuple[str, int, dict[str, Any]]:
        wire = self.wire_of(event)
        return wire.name, wire.version, to_jsonable(event)

    def decode(self, name: str, version: int, data: dict[str, Any]) -> object:
        wire = self._by_name[name]
        while version < wire.version:
            data = self._upcasters[(name, version)](dict(data))
            version += 1
        if wire.personal is None:
            return decoder(wire.cls)(data)
        return wire.personal.decode(decoder(wire.cls), data)

    def personal(self) -> dict[str, Personal]:
        """The wire names whose events carry personal data, with what is personal in them."""
        return {w.name: w.personal for w in self._by_name.values() if w.personal is not None}

    def knows(self, name: str) -> bool:
        return name in self._by_name

    def knows_class(self, cls: type) -> bool:
        return cls in self._by_class

    def types(self) -> list[WireType]:
        return sorted(self._by_name.values(), key=lambda w: w.name)

    def history(self) -> dict[str, list[int]]:
        """Every schema version a wire name has had: the upcaster chain plus the current one."""
        out: dict[str, list[int]] = {}
        for wire in self._by_name.values():
            out[wire.name] = sorted({v for (n, v) in self._upcasters if n == wire.name} | {wire.version})
        return out
