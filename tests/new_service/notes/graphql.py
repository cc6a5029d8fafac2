"""The notes' GraphQL part: one query and one mutation, built with the gateway's toolkit only.
The gateway composes it because the notes' declaration names this module."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry

from gateway.toolkit import (
    COMMAND_ID,
    ERROR_TYPES,
    CommandNotConfirmed,
    CommandSucceeded,
    Info,
    execute,
)
from kit.ids import parse_id

from .domain import WriteNote


@strawberry.input
class WriteNoteInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    note_id: strawberry.ID
    text: str

    def to_command(self) -> WriteNote:
        return WriteNote(str(self.note_id), self.text)


@strawberry.type
class WriteNoteSucceeded(CommandSucceeded):
    note_id: strawberry.ID


WriteNoteResult = Annotated[Union[(WriteNoteSucceeded, *ERROR_TYPES,  # noqa: UP007
                                   CommandNotConfirmed)], strawberry.union("WriteNoteResult")]


@strawberry.type
class NotesQuery:
    @strawberry.field(description="A note's text; null when there is none.")
    def note(self, info: Info, id: strawberry.ID) -> str | None:
        info.context.require_read()
        return info.context.service("notes").queries.note(str(id))


@strawberry.type
class NotesMutation:
    @strawberry.mutation(description="Write a note; a note is written once.")
    def write_note(self, info: Info, input: WriteNoteInput) -> WriteNoteResult:
        return execute(info, "notes", input, WriteNoteSucceeded, parse_id=parse_id,
                       denied="your roles do not allow writing notes")


QUERY, MUTATION, TYPES = NotesQuery, NotesMutation, ()
