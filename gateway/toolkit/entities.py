"""Entities one service's GraphQL part shows inside another's answers (a meeting's branch is
membership's `Organisation`, an attendance line's person its `Member`), with neither part
importing the other.

- The owning part provides them: its module exports ENTITIES, {GraphQL type name: Entity(type,
  load)}, where `load(info, id)` reads one (None when unknown) under the scope guard.
- Another part refers to one by name: `Organisation = reference("Organisation")` serves as a
  return annotation (`-> Organisation | None`), and `load(info, "Organisation", id)` reads one.
- Composition (gateway.schema) gathers the ENTITIES of the parts it composes: references resolve
  against them while the schema is built, and the built schema keeps them for `load`. A reference
  no composed part provides stops composition with MissingEntity, naming the entity and who
  refers to it: compose its owner too (the referring service `follows` it in its declaration).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from strawberry.types.lazy_type import LazyType


@dataclass(frozen=True)
class Entity:
    type: type
    load: Callable[[Any, str], Any]  # (info, id) -> an instance of `type`, or None


class MissingEntity(LookupError):
    pass


_composing: ContextVar[Mapping[str, Entity] | None] = ContextVar("composing", default=None)


@dataclass(frozen=True)
class Reference(LazyType):
    """A lazy type naming an entity; `module` is the referring part's module."""

    def resolve_type(self) -> type[Any]:
        provided = _composing.get()
        if provided is None:
            raise MissingEntity(f"{self.type_name!r} (referred to by {self.module}) resolves "
                                "only while a schema is composed")
        return _entity(provided, self.type_name, self.module).type


def reference(name: str) -> Any:
    """The entity of that GraphQL type name, as another part provides it."""
    return Reference(name, sys._getframe(1).f_globals.get("__name__", "?"))


def load(info: Any, name: str, id: str | None) -> Any:
    """The entity `name` with that id, as its owning part reads it; None without an id."""
    if not id:
        return None
    return _entity(info.schema.entities, name, "a resolver").load(info, id)


@contextmanager
def composing(parts: Iterable[Any]) -> Iterator[dict[str, Entity]]:
    """While the schema of these parts is built: the entities they provide, by name."""
    provided: dict[str, Entity] = {}
    for part in parts:
        for name, entity in getattr(part, "ENTITIES", {}).items():
            if name in provided:
                raise ValueError(f"two GraphQL parts provide the entity {name!r}")
            provided[name] = entity
    token = _composing.set(provided)
    try:
        yield provided
    except TypeError as error:  # graphql-core wraps what a type's fields raise: unwrap ours
        if isinstance(error.__cause__, MissingEntity):
            raise error.__cause__ from None
        raise
    finally:
        _composing.reset(token)


def _entity(provided: Mapping[str, Entity], name: str, referrer: str) -> Entity:
    if name not in provided:
        raise MissingEntity(
            f"{referrer} refers to the entity {name!r}, which no composed GraphQL part provides "
            f"(provided: {', '.join(sorted(provided)) or 'none'}): compose the service that owns "
            "it too")
    return provided[name]
