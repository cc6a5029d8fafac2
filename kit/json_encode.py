"""Typed values -> their JSON form, through one function per class, compiled on first sight.

Dataclasses become objects, enums their values, dates ISO text, UUIDs text; json_decode.py goes
back. A class's encoder is chosen once, so encoding a value does no field or type lookups.
"""

from __future__ import annotations

import dataclasses
import enum
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any


def to_jsonable(value: Any) -> Any:
    """The JSON form of a value: dataclasses as objects, enums as their values, dates as ISO text."""
    cls = value.__class__
    if cls in _PLAIN:
        return value
    encode = _ENCODERS.get(cls)
    if encode is None:
        encode = _encoder_for(cls)
    return encode(value)


# -- compiled encoders: one function per class, chosen by the value's class ----------------------

_PLAIN = frozenset({str, int, float, bool, type(None)})
_ENCODERS: dict[type, Callable[[Any], Any]] = {}


def _identity(value: Any) -> Any:
    return value


def _encoder_for(cls: type) -> Callable[[Any], Any]:
    """What `to_jsonable` does for every value of `cls`, decided once for the class."""
    if dataclasses.is_dataclass(cls) and not issubclass(cls, type):
        encode = _dataclass_encoder(cls)
    elif issubclass(cls, enum.Enum):
        encode = _enum_value
    elif issubclass(cls, date):  # datetime too
        encode = _isoformat
    elif issubclass(cls, uuid.UUID):
        encode = str
    elif issubclass(cls, list | tuple):
        encode = _encode_sequence
    elif issubclass(cls, dict):
        encode = _encode_mapping
    else:
        encode = _identity
    _ENCODERS[cls] = encode
    return encode


def _enum_value(value: enum.Enum) -> Any:
    return value._value_  # what `.value` returns, without its descriptor (a third of encoding)


def _isoformat(value: date) -> str:
    return value.isoformat()


def _encode_sequence(value: Any) -> list[Any]:
    return [v if v.__class__ in _PLAIN else to_jsonable(v) for v in value]


def _encode_mapping(value: dict[Any, Any]) -> dict[str, Any]:
    return {str(k): v if v.__class__ in _PLAIN else to_jsonable(v) for k, v in value.items()}


def _dataclass_encoder(cls: type) -> Callable[[Any], Any]:
    """`{"a": <a's JSON form>, ...}` as one generated function: no field lookups per call."""
    names = [f.name for f in dataclasses.fields(cls)]
    lines = ["def encode(value, P=_PLAIN, J=to_jsonable):"]
    lines += [f"    v{i} = value.{name}" for i, name in enumerate(names)]
    items = ", ".join(f"{name!r}: v{i} if v{i}.__class__ in P else J(v{i})"
                      for i, name in enumerate(names))
    lines.append(f"    return {{{items}}}")
    scope: dict[str, Any] = {"_PLAIN": _PLAIN, "to_jsonable": to_jsonable}
    exec("\n".join(lines), scope)  # noqa: S102 - source built from field names only
    return scope["encode"]
