"""Personal data in events: which fields are a person's (a datum beside the wire name and
version), and the marker they read as once that person's key is destroyed (kit/shredding.py).

No cryptography here: the codec needs only the declaration and how to decode an erased field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class Erased(str):
    """The type of ERASED: a field whose person's key was destroyed. A str, so an erased name
    still prints, sorts and serialises (as "ERASED"); test it with `is_erased`, never by value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ERASED"


ERASED = Erased("ERASED")


def is_erased(value: object) -> bool:
    return isinstance(value, Erased)


def or_none(value: Any) -> Any:
    """The value, or None where it was erased: what a read model stores in its column."""
    return None if isinstance(value, Erased) else value


@dataclass(frozen=True)
class Personal:
    """The fields of an event that are personal data of one person, and the field naming that
    person (the subject, whose key encrypts them). Declared in the service's wire table:
    ("svc.PersonRegistered", 1, PersonRegistered, Personal("person_id", ("full_name",)))."""

    subject: str
    fields: tuple[str, ...]

    def check(self, name: str, cls: type) -> None:
        """Refuse a declaration that names fields the event does not have."""
        if isinstance(self.fields, str) or not self.fields:
            raise ValueError(f"{name}: personal fields are a non-empty tuple of names")
        known = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set()
        unknown = [f for f in (self.subject, *self.fields) if f not in known]
        if unknown:
            raise ValueError(f"{name}: {cls.__qualname__} has no field {unknown[0]!r}")
        if self.subject in self.fields:
            raise ValueError(f"{name}: the subject {self.subject!r} names whose key, it cannot "
                             "be encrypted with it")

    def decode(self, decode: Callable[[Any], Any], data: dict[str, Any]) -> Any:
        """Decode `data` whose erased fields hold ERASED: decoded as absent (None), then set."""
        erased = {f: ERASED for f in self.fields if isinstance(data.get(f), Erased)}
        if not erased:
            return decode(data)
        event = decode({k: (None if k in erased else v) for k, v in data.items()})
        return dataclasses.replace(event, **erased)
