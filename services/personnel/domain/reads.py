"""A read of a cadre file: one stream per read, so reads never contend with each other or with
the file's own decisions."""

from __future__ import annotations

from datetime import datetime

from kit.aggregate import Aggregate
from kit.errors import Conflict
from kit.text import clean_text

from .events import CadreFileRead


class FileRead(Aggregate):
    stream_prefix = "cadre-file-read"

    def record_read(self, cadre_id: str, managing_organisation_id: str, reader: str, role: str,
                    reader_organisation_id: str | None, organ: str, at: datetime, purpose: str) -> None:
        if self.exists:
            raise Conflict(f"read {self.id} is already recorded")
        purpose = clean_text(purpose, "purpose", max_length=300)
        self.record(CadreFileRead(self.id, cadre_id, managing_organisation_id, reader, role,
                                  reader_organisation_id, organ, at, purpose))

    def apply(self, event: object) -> None:
        pass
