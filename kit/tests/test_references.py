"""The ids a command declares are found wherever they sit and put to the scope before anything
else; one the caller may not see is refused exactly as one that names nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

import pytest

from kit.errors import NotFound
from kit.references import Ref, authorise_references, declared, references

pytestmark = pytest.mark.unit

PersonId = Annotated[str, Ref("person")]
PlaceId = Annotated[str, Ref("place")]
GuestId = Annotated[str, Ref("person", within="event_id")]


@dataclass(frozen=True)
class Witness:
    person_id: PersonId
    note: str = ""


@dataclass(frozen=True)
class Enrol:
    place_id: PlaceId
    witnesses: tuple[Witness, ...]
    person_id: PersonId | None = None
    event_id: Annotated[str, Ref("event")] = ""
    guest_id: GuestId | None = None
    citizen_id: str = ""


def ids() -> list[str]:
    return [str(uuid.uuid4()) for _ in range(4)]


class Seen:
    def __init__(self, *visible: str) -> None:
        self.visible, self.asked = set(visible), []

    def can_see(self, kind: str, ident: str) -> bool:
        self.asked.append((kind, ident))
        return ident in self.visible


def test_every_declared_field_is_listed_nested_ones_with_their_path():
    refs = {path: ref and ref.kind for path, ref in declared(Enrol)}
    assert refs == {"place_id": "place", "witnesses": None, "witnesses[].person_id": "person",
                    "witnesses[].note": None, "person_id": "person", "event_id": "event",
                    "guest_id": "person", "citizen_id": None}


def test_the_ids_a_command_carries_are_found_in_nested_records_and_absent_ones_left_out():
    place, a, b, event = ids()
    command = Enrol(place, (Witness(a), Witness(b)), event_id=event)
    assert [(r.field, r.ref.kind, r.value) for r in references(command)] == [
        ("place_id", "place", place), ("witnesses[0].person_id", "person", a),
        ("witnesses[1].person_id", "person", b), ("event_id", "event", event)]


def test_an_id_the_caller_may_not_see_is_refused_as_one_that_does_not_exist():
    place, a, b, event = ids()
    scope = Seen(place, a, event)
    with pytest.raises(NotFound) as caught:
        authorise_references(Enrol(place, (Witness(a), Witness(b.upper())), event_id=event),
                             scope)
    assert caught.value.details == {"kind": "person", "id": b}  # the id as ids are written
    assert caught.value.message == f"person {b} does not exist"


def test_ids_answered_by_another_object_and_malformed_ones_are_left_to_the_handler():
    place, a, event, guest = ids()
    scope = Seen(place, a, event)
    authorise_references(Enrol(place, (Witness(a),), person_id="not-an-id", event_id=event,
                               guest_id=guest), scope)
    assert sorted(scope.asked) == sorted([("place", place), ("person", a), ("event", event)])


@dataclass(frozen=True)
class Invite:
    people: tuple[PersonId, ...]


def test_each_id_of_a_list_of_ids_is_found_and_put_to_the_scope():
    a, b, _, _ = ids()
    found = [(r.field, r.ref.kind, r.value) for r in references(Invite((a, b)))]
    assert found == [("people[0]", "person", a), ("people[1]", "person", b)]

    class OnlyA:
        def can_see(self, kind: str, ident: str) -> bool:
            return ident == a

    authorise_references(Invite((a,)), OnlyA())
    with pytest.raises(NotFound):
        authorise_references(Invite((a, b)), OnlyA())
