"""Commands travel over RPC under the literal names of the service's table, which must name
exactly the commands that have handlers, each once."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kit.errors import InvalidInput
from kit.nameko.wire import RpcWire


@dataclass(frozen=True)
class AdmitPerson:
    person_id: str


@dataclass(frozen=True)
class RemovePerson:
    person_id: str


class Queries:
    pass


def wire(commands: dict[str, type], handlers: tuple[type, ...] = (AdmitPerson, RemovePerson)
         ) -> RpcWire:
    return RpcWire("test", commands=commands, handlers=handlers, queries=Queries,
                   query_names=(), command_result=dict)


def test_a_command_travels_under_its_table_name_and_comes_back_as_its_class():
    w = wire({"AdmitMember": AdmitPerson, "RemoveMember": RemovePerson})
    name, payload = w.command_to_wire(AdmitPerson("p-1"))
    assert (name, payload) == ("AdmitMember", {"person_id": "p-1"})
    assert w.command_from_wire(name, payload) == AdmitPerson("p-1")
    with pytest.raises(InvalidInput, match="'AdmitPerson' is not a test command"):
        w.command_from_wire("AdmitPerson", payload)  # the class name is not a wire name


def test_a_command_with_a_handler_but_no_name_is_refused():
    with pytest.raises(ValueError, match="RemovePerson.*has a handler but no RPC name"):
        wire({"AdmitMember": AdmitPerson})


def test_a_name_for_a_command_without_a_handler_is_refused():
    with pytest.raises(ValueError, match="the RPC name RemoveMember has no handler"):
        wire({"AdmitMember": AdmitPerson, "RemoveMember": RemovePerson}, handlers=(AdmitPerson,))


def test_one_command_under_two_names_is_refused():
    with pytest.raises(ValueError, match="AdmitPerson.*is named both AdmitMember and Admit"):
        wire({"AdmitMember": AdmitPerson, "Admit": AdmitPerson, "RemoveMember": RemovePerson})


def test_a_command_the_wire_does_not_name_is_not_sent():
    with pytest.raises(InvalidInput, match="is not a test command"):
        wire({"AdmitMember": AdmitPerson, "RemoveMember": RemovePerson}).command_to_wire(Queries())
