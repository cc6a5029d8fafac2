"""Handlers, the one read model, its queries and the application service of the people."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kit.codec import EventCodec
from kit.commanding import CommandResult, CommandRunner
from kit.envelope import CommandContext
from kit.personal import or_none
from kit.projections.decoding import DecodingProjection
from kit.shredding import shred

from .domain import (
    ForgetPerson,
    Person,
    PersonForgotten,
    PersonRegistered,
    PersonRenamed,
    RegisterPerson,
    RenamePerson,
)
from .wire import CODEC


@dataclass
class Scope:
    repo: Any
    context: CommandContext
    changed: list = field(default_factory=list)
    read: list = field(default_factory=list)


def register_person(command: RegisterPerson, scope: Scope, command_id: str) -> dict[str, str]:
    person = scope.repo.load(Person, command.person_id)
    person.register(command.full_name, command.birth_date, command.branch)
    scope.changed.append(person)
    return {"person_id": person.id}


def rename_person(command: RenamePerson, scope: Scope, command_id: str) -> dict[str, str]:
    person = scope.repo.load(Person, command.person_id)
    person.rename(command.full_name)
    scope.changed.append(person)
    return {"person_id": person.id}


def forget_person(command: ForgetPerson, scope: Scope, command_id: str) -> dict[str, str]:
    """Shred the person's key, then record that they were forgotten: the read models blank
    their rows on that event, a rebuild reads their fields erased."""
    person = scope.repo.load(Person, command.person_id)
    person.forget(command.reason)
    shred(scope.repo.store, person.id, by=scope.context.actor.user_id, reason=command.reason)
    scope.changed.append(person)
    return {"person_id": person.id}


HANDLERS = {RegisterPerson: register_person, RenamePerson: rename_person,
            ForgetPerson: forget_person}


@dataclass(frozen=True)
class PeopleSql:
    ddl: str
    register: str  # (id, full_name, birth_date, branch)
    rename: str  # (full_name, id)
    forget: str  # (id)
    person: str  # (id) -> full_name, birth_date, branch, forgotten


class PeopleRegistered(DecodingProjection):
    name = "people_registered"
    reads = CODEC
    tables = ("people",)

    def __init__(self, codec: EventCodec, sql: PeopleSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_registered(self, event: PersonRegistered, envelope: Any, db: Any) -> None:
        birth = or_none(event.birth_date)
        db.execute(self.sql.register, (event.person_id, or_none(event.full_name),
                                       birth and birth.isoformat(), event.branch))

    def on_renamed(self, event: PersonRenamed, envelope: Any, db: Any) -> None:
        db.execute(self.sql.rename, (or_none(event.full_name), event.person_id))

    def on_forgotten(self, event: PersonForgotten, envelope: Any, db: Any) -> None:
        db.execute(self.sql.forget, (event.person_id,))

    handlers = {PersonRegistered: on_registered, PersonRenamed: on_renamed,
                PersonForgotten: on_forgotten}


class PeopleQueries:
    def __init__(self, db: Any, sql: PeopleSql) -> None:
        self.db = db
        self.sql = sql

    def person(self, person_id: str) -> dict[str, Any] | None:
        rows = self.db.query(self.sql.person, (person_id,))
        return dict(rows[0]) if rows else None


class PeopleService:
    def __init__(self, repo: Any, on_appended: Any) -> None:
        self.repo = repo
        self.on_appended = on_appended
        self._runner = CommandRunner("people", repo, HANDLERS,
                                     lambda command, command_id: {"person_id": command.person_id})

    def execute(self, command: Any, context: CommandContext,
                acting_for: str | None = None) -> CommandResult:
        return self._runner.run(command, context, lambda: Scope(self.repo, context),
                                self.on_appended)
