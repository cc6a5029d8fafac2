"""The people service, declared once."""

from __future__ import annotations

from datetime import date

from kit.declaration import ServiceDeclaration
from kit.rules import RuleBook, RuleSet

from .adapters import SQL
from .application import HANDLERS, PeopleQueries, PeopleRegistered, PeopleService
from .domain import ForgetPerson, RegisterPerson, RenamePerson
from .wire import CODEC

DECLARATION = ServiceDeclaration(
    name="people",
    codec=CODEC,
    rules=RuleBook([RuleSet("people-1", date(2025, 1, 1), "the tests")]),
    handlers=HANDLERS,
    command_names={"RegisterPerson": RegisterPerson, "RenamePerson": RenamePerson,
                   "ForgetPerson": ForgetPerson},
    application=lambda repo, rules, clock, queries, on_appended: PeopleService(repo,
                                                                               on_appended),
    read_side=lambda db, clock: PeopleQueries(db, SQL[db.dialect]),
    queries=PeopleQueries,
    query_names=frozenset({"person"}),
    projections=lambda sources, dialect: [PeopleRegistered(CODEC, SQL[dialect])],
)
