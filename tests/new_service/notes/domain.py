"""The notes domain: a note is written once; a second write of the same note is refused."""

from __future__ import annotations

from dataclasses import dataclass

from kit.aggregate import Aggregate
from kit.errors import InvalidState


@dataclass(frozen=True)
class WriteNote:
    note_id: str
    text: str


@dataclass(frozen=True)
class NoteWritten:
    note_id: str
    text: str


class Note(Aggregate):
    stream_prefix = "note"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.text = ""

    def write(self, text: str) -> None:
        if self.exists:
            raise InvalidState(f"note {self.id} is already written")
        self.record(NoteWritten(self.id, text))

    def apply(self, event: object) -> None:
        if isinstance(event, NoteWritten):
            self.text = event.text
