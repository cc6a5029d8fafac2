"""Handlers, the one read model, its queries and the application service of the notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kit.codec import EventCodec
from kit.commanding import CommandResult, CommandRunner
from kit.projections.decoding import DecodingProjection

from .domain import Note, NoteWritten, WriteNote

CODEC = EventCodec([("notes.NoteWritten", 1, NoteWritten)])


@dataclass
class Scope:
    repo: Any
    changed: list = field(default_factory=list)
    read: list = field(default_factory=list)


def write_note(command: WriteNote, scope: Scope, command_id: str) -> dict[str, str]:
    note = scope.repo.load(Note, command.note_id)
    note.write(command.text)
    scope.changed.append(note)
    return {"note_id": note.id}


HANDLERS = {WriteNote: write_note}


@dataclass(frozen=True)
class NotesSql:
    """The read model's statements, written out once per SQL dialect (adapters.py)."""

    ddl: str
    insert: str  # (id, text)
    text_of: str  # (id) -> text
    applied_position: str  # (source) -> position


class NotesWritten(DecodingProjection):
    name = "notes_written"
    reads = CODEC
    tables = ("notes",)

    def __init__(self, codec: EventCodec, sql: NotesSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_NoteWritten(self, event: NoteWritten, envelope: Any, db: Any) -> None:
        db.execute(self.sql.insert, (event.note_id, event.text))

    handlers = {NoteWritten: on_NoteWritten}


class NotesQueries:
    def __init__(self, db: Any, sql: NotesSql) -> None:
        self.db = db
        self.sql = sql

    def note(self, note_id: str) -> str | None:
        rows = self.db.query(self.sql.text_of, (note_id,))
        return rows[0]["text"] if rows else None

    def applied_position(self, source: str) -> int:
        rows = self.db.query(self.sql.applied_position, (source,))
        return rows[0]["position"] if rows else 0


class NotesService:
    def __init__(self, repo: Any, on_appended: Any) -> None:
        self.repo = repo
        self.on_appended = on_appended
        self._runner = CommandRunner("notes", repo, HANDLERS,
                                     lambda command, command_id: {"note_id": command.note_id})

    def execute(self, command: Any, context: Any, acting_for: str | None = None) -> CommandResult:
        return self._runner.run(command, context, lambda: Scope(self.repo), self.on_appended)
