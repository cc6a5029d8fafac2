"""Which fields of a command are ids of what, declared on the command and checked in one place.

A field typed `Annotated[str, Ref("member")]` names a member (nested records and lists of them
included, e.g. an application's sponsors). Before a handler loads anything, the runner asks the
service's scope whether the caller may see each object named, and refuses one it may not see
exactly as one that does not exist (NotFound with the id given): a refusal says nothing about
what lies outside the caller's subtree. A Ref `within` another field is checked by the object
that field names (a member is known to a meeting only if summoned to it).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from kit.errors import NotFound


@dataclass(frozen=True)
class Ref:
    kind: str  # what the id names: "member", "organisation", "meeting", ...
    within: str | None = None  # the field naming the object that answers for this one


@dataclass(frozen=True)
class Reference:
    field: str  # where the id sits in the command, e.g. "sponsors[1].member_id"
    ref: Ref
    value: Any


class Visibility(Protocol):
    def can_see(self, kind: str, ident: str) -> bool:
        """True when the object exists and the caller may see it."""


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def _ref_of(tp: Any) -> Ref | None:
    if typing.get_origin(tp) is typing.Annotated:
        return next((m for m in tp.__metadata__ if isinstance(m, Ref)), None)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return next((r for r in map(_ref_of, typing.get_args(tp)) if r), None)
    if typing.get_origin(tp) in (tuple, list):  # a list of ids: each is authorised
        return _ref_of((typing.get_args(tp) or (None,))[0])
    return None


def _records(tp: Any) -> list[tuple[type, bool]]:
    """The record types a field holds, each with whether it holds a list of them."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return [r for arg in typing.get_args(tp) for r in _records(arg)]
    if origin in (tuple, list):
        return [(t, True) for t, _ in _records((typing.get_args(tp) or (Any,))[0])]
    return [(tp, False)] if dataclasses.is_dataclass(tp) and isinstance(tp, type) else []


def declared(cls: type, prefix: str = "") -> Iterator[tuple[str, Ref | None]]:
    """Every field of a command class, nested ones as `sponsors[].member_id`, with its Ref."""
    for f in dataclasses.fields(cls):
        tp = _hints(cls)[f.name]
        yield prefix + f.name, _ref_of(tp)
        for record, many in _records(tp):
            yield from declared(record, f"{prefix}{f.name}{'[]' if many else ''}.")


@functools.cache
def _refs(cls: type) -> tuple[tuple[str, Ref | None], ...]:
    """Each field of a record class with the Ref its annotation declares: read once per class
    (every command passes here)."""
    return tuple((f.name, _ref_of(_hints(cls)[f.name])) for f in dataclasses.fields(cls))


def references(command: Any, prefix: str = "") -> Iterator[Reference]:
    """The ids a command carries, with where they sit; absent optional ids are left out."""
    for name, ref in _refs(type(command)):
        value = getattr(command, name)
        if ref is not None and isinstance(value, tuple | list):
            for i, item in enumerate(value):
                yield Reference(f"{prefix}{name}[{i}]", ref, item)
        elif ref is not None and value is not None:
            yield Reference(prefix + name, ref, value)
        elif dataclasses.is_dataclass(value):
            yield from references(value, f"{prefix}{name}.")
        elif isinstance(value, tuple | list):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    yield from references(item, f"{prefix}{name}[{i}].")


def authorise_references(command: Any, scope: Visibility) -> None:
    """Refuse, as not found, any object the command names that the caller may not see."""
    for reference in references(command):
        if reference.ref.within:
            continue
        try:
            ident = str(uuid.UUID(str(reference.value)))
        except ValueError:
            continue  # names nothing; the handler refuses it as malformed before any load
        if not scope.can_see(reference.ref.kind, ident):
            raise NotFound(reference.ref.kind, ident)
