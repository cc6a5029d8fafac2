"""The people domain: a person is registered, renamed, and forgotten (their key shredded)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.aggregate import Aggregate
from kit.errors import InvalidState


@dataclass(frozen=True)
class RegisterPerson:
    person_id: str
    full_name: str
    birth_date: date
    branch: str


@dataclass(frozen=True)
class RenamePerson:
    person_id: str
    full_name: str


@dataclass(frozen=True)
class ForgetPerson:
    person_id: str
    reason: str


@dataclass(frozen=True)
class PersonRegistered:
    person_id: str
    full_name: str
    birth_date: date
    branch: str


@dataclass(frozen=True)
class PersonRenamed:
    person_id: str
    full_name: str


@dataclass(frozen=True)
class PersonForgotten:
    person_id: str
    reason: str


class Person(Aggregate):
    stream_prefix = "person"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.full_name = ""
        self.birth_date: date | None = None
        self.branch = ""
        self.renamed = 0
        self.forgotten = False

    def register(self, full_name: str, birth_date: date, branch: str) -> None:
        if self.exists:
            raise InvalidState(f"person {self.id} is already registered")
        self.record(PersonRegistered(self.id, full_name, birth_date, branch))

    def rename(self, full_name: str) -> None:
        if not self.exists or self.forgotten:
            raise InvalidState(f"person {self.id} cannot be renamed")
        self.record(PersonRenamed(self.id, full_name))

    def forget(self, reason: str) -> None:
        if not self.exists or self.forgotten:
            raise InvalidState(f"person {self.id} cannot be forgotten")
        self.record(PersonForgotten(self.id, reason))

    def apply(self, event: object) -> None:
        if isinstance(event, PersonRegistered):
            self.full_name, self.birth_date, self.branch = (event.full_name, event.birth_date,
                                                            event.branch)
        elif isinstance(event, PersonRenamed):
            self.full_name = event.full_name
            self.renamed += 1
        elif isinstance(event, PersonForgotten):
            self.forgotten = True
