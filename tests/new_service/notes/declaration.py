"""The notes service, declared once."""

from __future__ import annotations

from datetime import date

from kit.declaration import ServiceDeclaration
from kit.rules import RuleBook, RuleSet

from .adapters import SQL
from .application import CODEC, HANDLERS, NotesQueries, NotesService, NotesWritten
from .domain import WriteNote

DECLARATION = ServiceDeclaration(
    name="notes",
    codec=CODEC,
    rules=RuleBook([RuleSet("notes-1", date(2025, 1, 1), "the tests")]),
    handlers=HANDLERS,
    command_names={"WriteNote": WriteNote},
    application=lambda repo, rules, clock, queries, on_appended: NotesService(repo, on_appended),
    read_side=lambda db, clock: NotesQueries(db, SQL[db.dialect]),
    queries=NotesQueries,
    query_names=frozenset({"note"}),
    projections=lambda sources, dialect: [NotesWritten(CODEC, SQL[dialect])],
    graphql="notes.graphql",
)
