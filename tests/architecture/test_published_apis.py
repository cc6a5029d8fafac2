"""Each declared service publishes its queries as a typed protocol in its api module: exactly
the queries it serves over RPC, with the signatures its read side answers them with (the RPC
wire is typed from the protocol, the read side is called with what the wire rebuilt)."""

from __future__ import annotations

import inspect
import typing

import pytest

from kit.clock import SystemClock
from kit.sqlite.readmodel import ReadModelDb
from partyorg.services import SERVICES

DECLARED = pytest.mark.parametrize("declaration", SERVICES, ids=lambda d: d.name)


def methods(protocol: type) -> set[str]:
    return {name for name, value in vars(protocol).items()
            if callable(value) and not name.startswith("_")}


@DECLARED
def test_the_queries_protocol_lists_exactly_the_published_queries(declaration):
    protocol = declaration.queries
    assert getattr(protocol, "_is_protocol", False), f"{protocol} is not a typing.Protocol"
    assert protocol.__module__ == f"services.{declaration.name}.api"
    assert methods(protocol) == set(declaration.query_names)


@DECLARED
def test_the_read_side_answers_each_published_query_as_the_protocol_types_it(declaration):
    db = ReadModelDb(":memory:")
    try:
        read_side = declaration.read_side(db, SystemClock())
        assert isinstance(read_side, declaration.queries)
        for name in declaration.query_names:
            published = getattr(declaration.queries, name)
            answered = getattr(type(read_side), name)
            assert shape(answered) == shape(published), name
    finally:
        db.close()


def shape(method) -> list[tuple]:
    """Each parameter's name, kind, default and resolved type, and the resolved return type."""
    hints = typing.get_type_hints(method)
    return [(p.name, p.kind, p.default, hints.get(p.name))
            for p in inspect.signature(method).parameters.values()] + [hints.get("return")]
