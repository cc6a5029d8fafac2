"""Wire names for event classes, dataclass <-> JSON, and upcasters for old schema versions.

Stored and published events carry a stable wire name (`membership.MemberAdmitted`) and a schema
version, never a Python path: moving or renaming a class cannot break replay.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


@functools.cache
def _type_hints(tp: type) -> dict[str, Any]:
    """Resolved annotations of a dataclass; resolving them is costly, and they never change."""
    return typing.get_type_hints(tp)


def from_jsonable(tp: Any, value: Any) -> Any:
    """Rebuild a typed value from its JSON form, guided by the type annotation."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_jsonable(args[0], value) if len(args) == 1 else value
    if origin in (tuple, list):
        if not isinstance(value, list | tuple):  # a string would come back as its letters
            raise TypeError(f"expected a list, got {type(value).__name__}")
        args = typing.get_args(tp)
        if origin is tuple and len(args) > 1 and args[1] is not ...:
            return tuple(from_jsonable(t, v) for t, v in zip(args, value, strict=True))
        inner = args[0] if args else Any
        items = [from_jsonable(inner, v) for v in value]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        _, vt = typing.get_args(tp)
        return {k: from_jsonable(vt, v) for k, v in value.items()}
    if isinstance(origin, type) and dataclasses.is_dataclass(origin):  # e.g. Page[MemberView]
        bound = dict(zip(getattr(origin, "__parameters__", ()), typing.get_args(tp), strict=False))
        hints = typing.get_type_hints(origin)
        return origin(**{f.name: from_jsonable(_substitute(hints[f.name], bound), value[f.name])
                         for f in dataclasses.fields(origin) if f.name in value})
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            hints = _type_hints(tp)
            return tp(**{f.name: from_jsonable(hints[f.name], value[f.name])
                         for f in dataclasses.fields(tp) if f.name in value})
        if issubclass(tp, enum.Enum):
            return tp(value)
        if tp is datetime:
            return datetime.fromisoformat(value)
        if tp is date:
            return date.fromisoformat(value)
        if tp is uuid.UUID:
            return uuid.UUID(value)
    return value


def _substitute(tp: Any, bound: dict[Any, Any]) -> Any:
    if tp in bound:
        return bound[tp]
    args = typing.get_args(tp)
    if not args:
        return tp
    new_args = tuple(_substitute(a, bound) for a in args)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[new_args]  # noqa: UP007 - built from a tuple at run time
    return origin[new_args]


@dataclasses.dataclass(frozen=True)
class WireType:
    name: str
    version: int
    cls: type


class EventCodec:
    """Maps event classes to wire names and versions; upcasts old versions on the way in."""

    def __init__(self) -> None:
        self._by_class: dict[type, WireType] = {}
        self._by_name: dict[str, WireType] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}

    def register(self, name: str, version: int = 1) -> Callable[[type], type]:
        def decorate(cls: type) -> type:
            wire = WireType(name, version, cls)
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
        return from_jsonable(wire.cls, data)

    def knows(self, name: str) -> bool:
        return name in self._by_name

    def types(self) -> list[WireType]:
        return sorted(self._by_name.values(), key=lambda w: w.name)

    def history(self) -> dict[str, list[int]]:
        """Every schema version a wire name has had: the upcaster chain plus the current one."""
        out: dict[str, list[int]] = {}
        for wire in self._by_name.values():
            out[wire.name] = sorted({v for (n, v) in self._upcasters if n == wire.name} | {wire.version})
        return out
