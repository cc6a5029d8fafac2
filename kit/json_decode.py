"""JSON form -> typed values, guided by type annotations, through one function per annotation
compiled on first use (the reverse of json_encode.py)."""

from __future__ import annotations

import dataclasses
import enum
import functools
import threading
import types
import typing
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any


def from_jsonable(tp: Any, value: Any) -> Any:
    """Rebuild a typed value from its JSON form, guided by the type annotation."""
    if value is None:
        return None
    return decoder(tp)(value)


# -- compiled decoders: one function per type annotation, built from it once ---------------------

_DECODERS: dict[Any, Callable[[Any], Any]] = {}
_BUILD = threading.RLock()  # compiling is idempotent; the lock keeps half-built ones unseen


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _type_hints(tp: type) -> dict[str, Any]:
    """Resolved annotations of a dataclass; resolving them is costly, and they never change."""
    return typing.get_type_hints(tp)


def decoder(tp: Any) -> Callable[[Any], Any]:
    """The function turning JSON into a value of `tp` (None stays None at every level)."""
    try:
        return _DECODERS[tp]
    except KeyError:
        pass
    except TypeError:  # an unhashable annotation: built every time
        return _build(tp, {})
    with _BUILD:
        found = _DECODERS.get(tp)
        if found is None:
            building: dict[Any, Callable[[Any], Any]] = {}
            found = _build(tp, building)
            _DECODERS.update(building)  # published only complete
            _DECODERS[tp] = found
        return found


def _build(tp: Any, building: dict[Any, Callable[[Any], Any]]) -> Callable[[Any], Any]:
    def inner(t: Any) -> Callable[[Any], Any]:
        try:
            known = _DECODERS.get(t) or building.get(t)
        except TypeError:
            known = None
        return known if known is not None else _build(t, building)

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return inner(args[0]) if len(args) == 1 else _identity
    if origin in (tuple, list):
        return _sequence_decoder(origin, typing.get_args(tp), inner)
    if origin is dict:
        _, vt = typing.get_args(tp)
        value_of = inner(vt)
        if value_of is _identity:
            return dict
        return lambda value: {k: _none_or(value_of, v) for k, v in value.items()}
    if isinstance(origin, type) and dataclasses.is_dataclass(origin):  # e.g. Page[MemberView]
        bound = dict(zip(getattr(origin, "__parameters__", ()), typing.get_args(tp), strict=False))
        hints = typing.get_type_hints(origin)
        return _dataclass_decoder(origin, {name: _substitute(hint, bound)
                                           for name, hint in hints.items()}, tp, building, inner)
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return _dataclass_decoder(tp, _type_hints(tp), tp, building, inner)
        if issubclass(tp, enum.Enum):
            return _enum_decoder(tp)
        if tp is datetime:
            return datetime.fromisoformat
        if tp is date:
            return date.fromisoformat
        if tp is uuid.UUID:
            return uuid.UUID
    return _identity


def _none_or(decode: Callable[[Any], Any], value: Any) -> Any:
    return None if value is None else decode(value)


def _sequence_decoder(origin: type, args: tuple[Any, ...], inner: Callable[[Any], Any]
                      ) -> Callable[[Any], Any]:
    def check(value: Any) -> None:
        if not isinstance(value, list | tuple):  # a string would come back as its letters
            raise TypeError(f"expected a list, got {type(value).__name__}")

    if origin is tuple and len(args) > 1 and args[1] is not ...:
        each = [inner(t) for t in args]

        def fixed(value: Any) -> tuple[Any, ...]:
            check(value)
            return tuple(_none_or(d, v) for d, v in zip(each, value, strict=True))

        return fixed
    item = inner(args[0]) if args else _identity
    if item is _identity:
        def plain(value: Any) -> Any:
            check(value)
            return tuple(value) if origin is tuple else list(value)

        return plain

    def typed(value: Any) -> Any:
        check(value)
        items = [None if v is None else item(v) for v in value]
        return tuple(items) if origin is tuple else items

    return typed


def _enum_decoder(tp: type[enum.Enum]) -> Callable[[Any], Any]:
    members = tp._value2member_map_

    def decode(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):  # aliases, _missing_ and the error message: the class's
            return tp(value)

    return decode


def _dataclass_decoder(cls: type, hints: dict[str, Any], key: Any,
                       building: dict[Any, Callable[[Any], Any]],
                       inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`cls(a=<a from JSON>, ...)` as one generated function. A missing field (one with a
    default, or an error) takes the general path, which passes only the fields present."""
    slot: list[Callable[[Any], Any]] = []
    building[key] = lambda value: slot[0](value)  # a dataclass that contains itself
    names = [f.name for f in dataclasses.fields(cls)]
    field_decoders = [inner(hints[name]) for name in names]

    def general(value: Any) -> Any:
        return cls(**{name: _none_or(d, value[name])
                      for name, d in zip(names, field_decoders, strict=True) if name in value})

    scope: dict[str, Any] = {"cls": cls, "general": general}
    args = []
    for i, (name, d) in enumerate(zip(names, field_decoders, strict=True)):
        if d is _identity:
            args.append(f"{name}=value[{name!r}]")
        else:
            scope[f"d{i}"] = d
            args.append(f"{name}=None if (x{i} := value[{name!r}]) is None else d{i}(x{i})")
    if _plain_init(cls):  # what its __init__ would do, without a frozen setattr per field
        scope["new"] = object.__new__
        body = f"obj = new(cls)\n        obj.__dict__.update({', '.join(args)})\n        return obj"
    else:
        body = f"return cls({', '.join(args)})"
    source = (f"def decode(value):\n    try:\n        {body}\n"
              "    except (KeyError, TypeError):\n        return general(value)\n")
    exec(source, scope)  # noqa: S102 - source built from field names only
    slot.append(scope["decode"])
    building[key] = scope["decode"]
    return scope["decode"]


def _plain_init(cls: type) -> bool:
    """Whether `cls(**every_field)` only stores the fields in the instance's __dict__: the
    dataclass-generated __init__ of a class without slots, __post_init__, InitVar or __new__."""
    init = cls.__dict__.get("__init__")
    return (getattr(cls, "__dataclass_params__", None) is not None
            and cls.__dataclass_params__.init
            and init is not None and init.__code__.co_filename == "<string>"  # generated
            and all(f.init for f in dataclasses.fields(cls))
            and len(dataclasses.fields(cls)) == (init.__code__.co_argcount
                                                 + init.__code__.co_kwonlyargcount - 1)
            and not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")
            and cls.__new__ is object.__new__)


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
